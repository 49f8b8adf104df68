// heq: the umbrella command. `heq TOOL ARGS...` runs heq-TOOL ARGS... (as git runs
// git-TOOL); `heq --help` lists the tools with each one's own summary line.
#include "heq_tools.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#ifndef HEQ_VERSION
#define HEQ_VERSION "unknown"
#endif

namespace {

using heq::kTools;  // from apps/CMakeLists.txt, in the order an analysis uses them

// The folder this program runs from: its tools are looked for there first, so that a
// build tree or an unpacked package works without being on PATH.
std::string own_folder() {
  std::string path(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0) return "";
  path.resize(static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/') + 1);
}

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
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  // The summary paragraph, joined into one line.
  std::string line = text.substr(0, text.find("\n\n"));
  for (char& c : line)
    if (c == '\n') c = ' ';
  if (const std::size_t colon = line.find(": "); colon != std::string::npos) line.erase(0, colon + 2);
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

void help() {
  std::fputs(
      "heq: health-inequality statistics on the command line.\n\n"
      "Usage: heq TOOL [ARGS...]     runs heq-TOOL ARGS... (see heq TOOL --help)\n"
      "       heq help TOOL          the tool's help\n"
      "       heq --help | --version\n\n"
      "Examples:\n"
      "  heq life deaths.csv --by area,sex,decile --le-age 0 | heq sii --by area,sex --quantile decile \\\n"
      "    --population pops_used\n"
      "  heq decompose deaths_by_cause.csv --by area,sex --group decile --from 1 --to 10 --cause cause\n\n"
      "Tools:\n",
      stdout);
  for (const char* tool : kTools) list_entry(tool, summary(tool));
  std::fputs("\nEvery tool reads CSV or TSV (a file, or standard input), writes CSV, TSV, JSON or NDJSON,\n"
             "and exits 0 (done), 1 (bad data, or an input/output error) or 2 (bad usage).\n",
             stdout);
}

bool known(const std::string& name) {
  for (const char* tool : kTools)
    if (name == tool) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    help();
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("heq %s\n", HEQ_VERSION);
    return 0;
  }
  std::vector<char*> args(argv + 1, argv + argc);
  std::string name = args[0];
  std::string help_flag = "--help";
  if (name == "help") {
    if (args.size() < 2) {
      help();
      return 0;
    }
    name = args[1];
    args = {args[1], help_flag.data()};
  }
  if (name.rfind("heq-", 0) == 0) name.erase(0, 4);
  if (!known(name)) {
    std::fprintf(stderr, "heq: '%s' is not a heq tool; 'heq --help' lists them\n", name.c_str());
    return 2;
  }
  const std::string program = locate("heq-" + name);
  std::string shown = "heq-" + name;
  args[0] = shown.data();  // errors then name heq-TOOL, as when it is run directly
  args.push_back(nullptr);
  ::execvp(program.c_str(), args.data());
  std::fprintf(stderr, "heq: cannot run %s: %s\n", program.c_str(), std::strerror(errno));
  return 127;
}
