// How the umbrella command finds its tools and lists them with their own summaries.
#include "listing.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace heq::umbrella {

namespace {

// The folder this program runs from: its tools are looked for there first, so that a
// build tree or an unpacked package works without being on PATH.
std::string own_folder() {
  std::string path(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0) return "";
  path.resize(static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/') + 1);
}

}  // namespace

std::string locate(const std::string& program) {
  const std::string here = own_folder() + program;
  return ::access(here.c_str(), X_OK) == 0 ? here : program;  // else execvp searches PATH
}

// The first line of a tool's --help: "heq-sii: slope index of inequality ...".
std::string summary(const char* tool) {
  const std::string program = locate(fmt::format("heq-{}", tool));
  int fds[2];
  if (::pipe(fds) != 0) return "";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execlp(program.c_str(), program.c_str(), "--help", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  // The summary paragraph, joined into one line.
  std::string line = text.substr(0, text.find("\n\n"));
  for (char& c : line)
    if (c == '\n') c = ' ';
  if (const std::size_t colon = line.find(": "); colon != std::string::npos)
    line.erase(0, colon + 2);
  return line.empty() ? "(not installed)" : line;
}

// Prints "  name       summary", the summary wrapped under itself at 79 columns.
void list_entry(const char* tool, const std::string& text) {
  std::string out = fmt::format("  {:<11}", tool);
  std::size_t column = out.size();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (column > 13 && column + 1 + word.size() > 79) {
      out += "\n" + std::string(13, ' ');
      column = 13;
    } else if (column > 13) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
  }
  std::puts(out.c_str());
}

}  // namespace heq::umbrella
