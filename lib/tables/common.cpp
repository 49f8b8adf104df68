#include "tables/common.hpp"

#include "core/error.hpp"
#include "stats/confidence.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::rates {

std::vector<std::string> result_columns(const std::vector<double>& levels) {
  std::vector<std::string> cols{"value"};
  for (const std::string& c : stats::limit_columns("", levels)) cols.push_back(c);
  cols.push_back("note");
  return cols;
}

std::vector<std::string> group_columns(const Grouping& grouping,
                                       std::initializer_list<const char*> totals) {
  std::vector<std::string> cols = grouping.by;
  cols.insert(cols.end(), totals.begin(), totals.end());
  for (std::string& c : result_columns(grouping.levels)) cols.push_back(std::move(c));
  return cols;
}

void check_no_clash(const io::Reader& reader, const std::vector<std::string>& appended,
                    std::string_view tool) {
  for (const std::string& name : appended)
    if (reader.find_column(name))
      throw DataError(
          Location{reader.name(), 0, 0},
          fmt::format("the input already has a column '{}', which {} appends; rename it", name,
                      tool));
}

PassThrough::PassThrough(const io::Reader& reader) {
  for (std::size_t i = 0; i < reader.header().size(); ++i) {
    if (reader.header()[i] == "note") {
      note_ = i;
      continue;
    }
    names_.push_back(reader.header()[i]);
    columns_.push_back(i);
  }
}

std::string PassThrough::join(std::string_view upstream, const std::string& ours) {
  if (upstream.empty()) return ours;
  if (ours.empty()) return std::string(upstream);
  return std::string(upstream) + "; " + ours;
}

void write_result(io::Writer& out, double value, const std::vector<Interval>& ci,
                  std::size_t levels, const std::string& note) {
  out.number(value);
  for (std::size_t l = 0; l < levels; ++l) {
    const Interval i = l < ci.size() ? ci[l] : Interval{};
    out.number(i.lower).number(i.upper);
  }
  if (note.empty())
    out.missing();
  else
    out.text(note);
}

double count_or_zero(double x, std::size_t& zeroed) {
  if (!std::isnan(x)) return x;
  ++zeroed;
  return 0;
}

}  // namespace heq::rates
