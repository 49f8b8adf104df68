#pragma once
#include <string>

namespace heq::umbrella {

// Where heq-TOOL is: beside this program (a build tree, an unpacked package), else PATH.
std::string locate(const std::string& program);
// A tool's summary: the first paragraph of its --help, without "heq-TOOL: ".
std::string summary(const char* tool);
// Prints "  name       summary", the summary wrapped under itself at 79 columns.
void list_entry(const char* tool, const std::string& text);

}  // namespace heq::umbrella
