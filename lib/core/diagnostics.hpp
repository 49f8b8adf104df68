#pragma once
// Warnings gathered while a tool runs. Library code records them here instead of
// printing; the CLI layer prints them (as "heq-TOOL: warning: ...") unless --quiet.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace heq {

class Diagnostics {
 public:
  void warn(std::string message) { warnings_.push_back(std::move(message)); }
  // "N NOUNs VERB WHAT" when n is not 0, noun and verb agreeing with n ("1 group has",
  // "3 groups have"; verb has, is or was), so every count warning has one grammar.
  void warn_count(std::size_t n, std::string_view noun, std::string_view verb,
                  std::string_view what) {
    if (n == 0) return;
    std::string text = std::to_string(n) + " " + std::string(noun);
    if (n != 1) text += "s";
    if (!verb.empty()) text += " " + std::string(n == 1 ? verb : plural(verb));
    warn(text + " " + std::string(what));
  }
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  void clear() noexcept { warnings_.clear(); }

 private:
  static std::string_view plural(std::string_view verb) {
    return verb == "has" ? "have" : verb == "is" ? "are" : verb == "was" ? "were" : verb;
  }
  std::vector<std::string> warnings_;
};

}  // namespace heq
