// Fuzz target: whatever text a cell holds (quotes, delimiters, CR, LF, UTF-8 or not), the
// writer's CSV and TSV read back through the reader as the same cells. Input: cells
// separated by 0x1F bytes, rows by 0x1E; the first row is the header.
#include "core/error.hpp"
#include "io/reader.hpp"
#include "io/sink.hpp"
#include "io/writer.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split(const std::string& s, char by) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(by, start)) != std::string::npos; start = at + 1)
    parts.push_back(s.substr(start, at - start));
  parts.push_back(s.substr(start));
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : split(input, '\x1e')) rows.push_back(split(line, '\x1f'));
  std::vector<std::string>& header = rows[0];
  // The reader needs a header of distinct, non-empty names without NUL or a BOM start.
  std::set<std::string> names;
  for (std::size_t i = 0; i < header.size(); ++i) header[i] = "c" + std::to_string(i);
  for (auto& row : rows) {
    row.resize(header.size());
    for (auto& cell : row)
      for (char& ch : cell)
        if (ch == '\0') ch = ' ';
  }
  for (const auto format : {heq::io::Format::csv, heq::io::Format::tsv}) {
    std::string out;
    heq::io::WriterOptions wo;
    wo.format = format;
    // TSV is written unquoted, with \t \n \r \\ escaped, so only plain cells read back
    // the same; CSV must bring back anything.
    std::vector<std::vector<std::string>> cells = rows;
    if (format == heq::io::Format::tsv)
      for (auto& row : cells)
        for (auto& cell : row)
          for (char& ch : cell)
            if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\' || ch == '"') ch = 'x';
    heq::io::Writer writer(std::make_unique<heq::io::StringSink>(out), wo);
    writer.begin(header);
    // Written cells are exact; the reader turns a CRLF inside a quoted field into LF
    // (line ends are normalised, as for the rows themselves), so expect that.
    std::vector<std::vector<std::string>> written = cells;
    for (auto& row : cells)
      for (auto& cell : row)
        for (std::size_t at = 0; (at = cell.find("\r\n", at)) != std::string::npos; ++at)
          cell.erase(at, 1);
    for (std::size_t r = 1; r < written.size(); ++r) {
      for (const std::string& cell : written[r]) writer.text(cell);
      writer.end_row();
    }
    writer.finish();

    heq::io::ReaderOptions ro;
    ro.text = &out;
    ro.delimiter = format == heq::io::Format::csv ? ',' : '\t';
    ro.na_tokens = {};
    heq::io::Reader reader(ro);
    if (reader.header() != header) std::abort();
    std::size_t r = 1;
    while (reader.next()) {
      // Blank lines are skipped by the reader: a row of one empty cell is written as one.
      while (r < cells.size() && header.size() == 1 && cells[r][0].empty()) ++r;
      if (r >= cells.size()) std::abort();
      for (std::size_t c = 0; c < header.size(); ++c)
        if (reader.field(c) != cells[r][c]) std::abort();
      ++r;
    }
    while (r < cells.size() && header.size() == 1 && cells[r][0].empty()) ++r;
    if (r != cells.size()) std::abort();
  }
  return 0;
}
