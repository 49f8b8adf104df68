// Where charts go: one to standard output or a file, or one file per group.
#include "core/error.hpp"
#include "io/sink.hpp"
#include "tables/plot.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <system_error>

namespace heq::plot {

std::string safe_file_name(const std::vector<std::string>& key) {
  std::string name;
  for (const std::string& value : key) {
    if (!name.empty()) name += '_';
    std::string part;
    for (unsigned char ch : value) {
      const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                        (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
      if (keep)
        part += static_cast<char>(ch);
      else if (part.empty() || part.back() != '-')
        part += '-';
    }
    while (!part.empty() && (part.front() == '.' || part.front() == '-')) part.erase(0, 1);
    if (part.size() > 60) part.resize(60);
    name += part.empty() ? "missing" : part;
  }
  return name.empty() ? "chart" : name;
}

void write_charts(const std::vector<Drawn>& charts, const std::vector<std::string>& by,
                  const std::string& output, const std::string& directory, io::Writer* index) {
  if (directory.empty()) {
    auto sink = io::open_sink(output);
    for (const Drawn& c : charts) sink->write(c.svg);
    sink->commit();
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw IoError(fmt::format("{}: cannot create the folder: {}", directory, ec.message()));
  std::set<std::string> used;
  std::vector<std::string> files;
  for (const Drawn& c : charts) {
    // Names that clean up alike ("a b" and "a-b") get -2, -3, ...
    const std::string base = safe_file_name(c.key);
    std::string name = base;
    for (int n = 2; !used.insert(name).second; ++n) name = fmt::format("{}-{}", base, n);
    files.push_back((std::filesystem::path(directory) / (name + ".svg")).string());
  }
  std::vector<std::string> columns = by;
  columns.push_back("file");
  if (index) index->begin(columns);
  for (std::size_t i = 0; i < charts.size(); ++i) {
    auto sink = io::open_sink(files[i]);
    sink->write(charts[i].svg);
    sink->commit();
    if (index) {
      for (const std::string& k : charts[i].key) index->text(k);
      index->text(files[i]).end_row();
    }
  }
  if (index) index->finish();
}

}  // namespace heq::plot
