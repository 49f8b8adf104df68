#pragma once
// Warnings gathered while a tool runs. Library code records them here instead of
// printing; the CLI layer prints them (as "heq-TOOL: warning: ...") unless --quiet.
#include <string>
#include <vector>

namespace heq {

class Diagnostics {
 public:
  void warn(std::string message) { warnings_.push_back(std::move(message)); }
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  void clear() noexcept { warnings_.clear(); }

 private:
  std::vector<std::string> warnings_;
};

}  // namespace heq
