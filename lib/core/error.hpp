#pragma once
// The three kinds of failure every heq tool reports. Library code throws them;
// only the CLI layer turns them into a message and an exit status.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace heq {

// Where in the input a problem sits. Lines and columns (fields) count from 1;
// 0 means "not known", and an empty file means "not tied to an input".
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

// The data cannot be used as given (exit status 1).
class DataError : public std::runtime_error {
 public:
  explicit DataError(const std::string& what) : std::runtime_error(what) {}
  DataError(Location where, const std::string& what)
      : std::runtime_error(what), where_(std::move(where)) {}
  const Location& where() const noexcept { return where_; }

 private:
  Location where_;
};

// The options contradict each other or name something impossible (exit status 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The system refused to open, read or write something (exit status 1).
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The reader of our output went away (`| head`); not an error for the user.
class BrokenPipe : public std::exception {
 public:
  const char* what() const noexcept override { return "broken pipe"; }
};

}  // namespace heq
