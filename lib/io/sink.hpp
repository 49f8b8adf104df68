#pragma once
// Where output bytes go: standard output, or a file written under a temporary name and
// renamed into place only when the tool finishes without error.
#include <memory>
#include <string>
#include <string_view>

namespace heq::io {

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write(std::string_view bytes) = 0;
  // Everything was written: make it visible (rename) and report any late write error.
  virtual void commit() = 0;
};

// Collects the output in a string (tests, fuzzing).
class StringSink : public Sink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  void write(std::string_view bytes) override { out_ += bytes; }
  void commit() override {}

 private:
  std::string& out_;
};

// "-" or empty: standard output. Anything else: an atomic file.
std::unique_ptr<Sink> open_sink(const std::string& path);

}  // namespace heq::io
