// heq: the umbrella command. `heq TOOL ARGS...` runs heq-TOOL ARGS... (as git runs
// git-TOOL); `heq --help` lists the tools with each one's own summary line.
#include "heq_tools.hpp"
#include "listing.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#ifndef HEQ_VERSION
#define HEQ_VERSION "unknown"
#endif

namespace {

using heq::kTools;
using heq::umbrella::list_entry;
using heq::umbrella::locate;
using heq::umbrella::summary;  // from apps/CMakeLists.txt, in the order an analysis uses them

void help() {
  std::fputs(
      "heq: health-inequality statistics on the command line.\n\n"
      "Usage: heq TOOL [ARGS...]     runs heq-TOOL ARGS... (see heq TOOL --help)\n"
      "       heq help TOOL          the tool's help\n"
      "       heq --help | --version\n\n"
      "Examples:\n"
      "  heq life deaths.csv --by area,sex,decile --le-age 0 | heq sii --by area,sex --quantile "
      "decile \\\n"
      "    --population pops_used\n"
      "  heq decompose deaths_by_cause.csv --by area,sex --group decile --from 1 --to 10 --cause "
      "cause\n\n"
      "Tools:\n",
      stdout);
  for (const char* tool : kTools) list_entry(tool, summary(tool));
  std::fputs(
      "\nEvery tool reads CSV or TSV (a file, or standard input), writes CSV, TSV, JSON or "
      "NDJSON,\n"
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
