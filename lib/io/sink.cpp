#include "io/sink.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace heq::io {

namespace {

// Closes `fd` (then -1): a failed close is a write error, since it may be the one that
// reports a full disk.
void close_reporting(int& fd, const std::string& name) {
  const int closing = fd;
  fd = -1;
  if (::close(closing) != 0)
    throw IoError(fmt::format("{}: write error: {}", name, std::strerror(errno)));
}

void write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe();
      throw IoError(fmt::format("{}: write error: {}", name, std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

class StdoutSink : public Sink {
 public:
  void write(std::string_view bytes) override { write_all(1, bytes, "standard output"); }
  void commit() override {}
};

class AtomicFileSink : public Sink {
 public:
  explicit AtomicFileSink(std::string path) : path_(std::move(path)) {
    const std::size_t slash = path_.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path_.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
    if (base.empty()) throw UsageError(fmt::format("-o '{}': not a file name", path_));
    temp_ = dir + "." + base + ".heq-XXXXXX";
    fd_ = ::mkstemp(temp_.data());
    if (fd_ < 0) throw IoError(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
    // mkstemp makes 0600: a replaced file keeps its own mode (600 health data stays 600),
    // a new file gets the mode a plain create would have.
    struct stat existing {};
    if (::stat(path_.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
      ::fchmod(fd_, existing.st_mode & 07777);
    } else {
      const mode_t mask = ::umask(0);
      ::umask(mask);
      ::fchmod(fd_, 0666 & ~mask);
    }
  }

  ~AtomicFileSink() override {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temp_.c_str());
  }

  void write(std::string_view bytes) override { write_all(fd_, bytes, path_); }

  void commit() override {
    close_reporting(fd_, path_);
    if (::rename(temp_.c_str(), path_.c_str()) != 0)
      throw IoError(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
    committed_ = true;
  }

 private:
  std::string path_;
  std::string temp_;
  int fd_ = -1;
  bool committed_ = false;
};

// A device, FIFO or terminal named by -o (/dev/stdout, /dev/full, a pipe): written in
// place, since renaming a file over it would replace the device itself.
class DeviceSink : public Sink {
 public:
  explicit DeviceSink(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
  }
  ~DeviceSink() override {
    if (fd_ >= 0) ::close(fd_);
  }
  void write(std::string_view bytes) override { write_all(fd_, bytes, path_); }
  void commit() override { close_reporting(fd_, path_); }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

std::unique_ptr<Sink> open_sink(const std::string& path) {
  if (path.empty() || path == "-") return std::make_unique<StdoutSink>();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw IoError(fmt::format("{}: cannot write: it is a folder", path));
    return std::make_unique<DeviceSink>(path);
  }
  // A symbolic link to a file: replace the file it points to, and keep the link.
  struct stat link {};
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    if (char* target = ::realpath(path.c_str(), nullptr)) {
      std::string resolved(target);
      std::free(target);
      return std::make_unique<AtomicFileSink>(resolved);
    }
  }
  return std::make_unique<AtomicFileSink>(path);
}

}  // namespace heq::io
