#include "table_io.hpp"

#include "io/number.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace heq::test {

std::vector<std::map<std::string, std::string>> parse_csv(const std::string& text) {
  io::Reader reader(text_input(text, "output"));
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.next()) {
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < reader.header().size(); ++i)
      row[reader.header()[i]] = std::string(reader.field(i));
    rows.push_back(std::move(row));
  }
  return rows;
}

double num(const std::map<std::string, std::string>& row, const std::string& column) {
  const auto it = row.find(column);
  if (it == row.end()) throw std::runtime_error("no column " + column);
  if (it->second.empty()) return std::nan("");
  double v = 0;
  if (io::parse_number(it->second, v) != io::NumberStatus::ok)
    throw std::runtime_error("not a number in " + column + ": " + it->second);
  return v;
}

io::ReaderOptions text_input(const std::string& text, std::string name) {
  io::ReaderOptions options;
  options.path = std::move(name);
  options.text = &text;
  return options;
}

io::ReaderOptions file_input(const std::string& path, std::vector<std::string> where) {
  io::ReaderOptions options;
  options.path = path;
  options.where = std::move(where);
  return options;
}

std::vector<Row> read_rows(const std::string& path) {
  io::Reader reader(file_input(path));
  std::vector<Row> rows;
  while (reader.next()) {
    Row row;
    for (std::size_t i = 0; i < reader.header().size(); ++i)
      row[reader.header()[i]] = std::string(reader.field(i));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string to_csv(const std::vector<std::string>& columns, const std::vector<Row>& rows) {
  std::string out;
  io::Writer writer(std::make_unique<io::StringSink>(out), {});
  writer.begin(columns);
  for (const Row& r : rows) {
    for (const std::string& c : columns) writer.text(r.at(c));
    writer.end_row();
  }
  writer.finish();
  return out;
}

bool matches(double got, const std::string& want) {
  if (want.empty() || want == "NA") return std::isnan(got);
  double w = 0;
  if (io::parse_number(want, w) != io::NumberStatus::ok) return false;
  if (std::isnan(got)) return false;
  double tolerance = 1e-9 * std::abs(w);
  const std::size_t dot = want.find('.');
  if (dot != std::string::npos && want.find_first_of("eE") == std::string::npos) {
    const double printed = 0.5 * std::pow(10.0, -static_cast<double>(want.size() - dot - 1));
    tolerance = std::max(tolerance, printed);
  }
  return std::abs(got - w) <= tolerance;
}

}  // namespace heq::test
