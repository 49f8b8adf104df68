#pragma once
// Test helpers: run a table layer on CSV text and read its CSV output back by column name.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/sink.hpp"
#include "io/writer.hpp"

#include <memory>

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

// Runs a table layer (e.g. heq::life::run_life) on an input and returns what it wrote, as CSV.
template <class Options, class Run>
std::string run_table(Run run, const Options& options, const io::ReaderOptions& input,
                      Diagnostics* diagnostics = nullptr) {
  io::Reader reader(input);
  std::string out;
  io::Writer writer(std::make_unique<io::StringSink>(out), {});
  Diagnostics local;
  run(options, reader, writer, diagnostics ? *diagnostics : local);
  return out;
}

io::ReaderOptions file_input(const std::string& path, std::vector<std::string> where = {});

using Row = std::map<std::string, std::string>;

// A file's rows (UTF-8 BOM, CRLF and quoting handled by heq's reader).
std::vector<Row> read_rows(const std::string& path);

// CSV text with the given columns from rows (fields quoted when needed).
std::string to_csv(const std::vector<std::string>& columns, const std::vector<Row>& rows);

// Whether `got` matches a reference value printed as `want`: within 1e-9 relative, or
// within half a unit of the last decimal printed, whichever is larger. Empty or NA
// text wants a missing value (NaN).
bool matches(double got, const std::string& want);

}  // namespace heq::test
