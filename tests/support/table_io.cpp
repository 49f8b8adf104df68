#include "table_io.hpp"

#include "io/number.hpp"

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

}  // namespace heq::test
