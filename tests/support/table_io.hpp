#pragma once
// Test helpers: run a table layer on CSV text and read its CSV output back by column name.
#include "io/reader.hpp"
#include "io/writer.hpp"

#include <map>
#include <string>
#include <vector>

namespace heq::test {

// Rows of a CSV text as column-name -> field maps (fields kept as text).
std::vector<std::map<std::string, std::string>> parse_csv(const std::string& text);

// A number from a parsed row; NaN for an empty field.
double num(const std::map<std::string, std::string>& row, const std::string& column);

// Reads `text`, which must outlive the reader (hence no temporaries).
io::ReaderOptions text_input(const std::string& text, std::string name = "test.csv");
io::ReaderOptions text_input(const std::string&& text, std::string name = "test.csv") = delete;

}  // namespace heq::test
