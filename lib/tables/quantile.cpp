#include "tables/quantile.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/row_store.hpp"
#include "rates/quantile.hpp"
#include "tables/common.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::rates {

bool parse_logical(std::string_view t, bool& out) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  for (const char* yes : {"TRUE", "true", "True", "T", "1", "yes", "YES", "Yes"})
    if (t == yes) return out = true;
  for (const char* no : {"FALSE", "false", "False", "F", "0", "no", "NO", "No"})
    if (t == no) return !(out = false);
  return false;
}

void run_quantile(const QuantileOptions& o, io::Reader& in, io::Writer& out,
                  Diagnostics& diagnostics) {
  if (o.quantiles < 2) throw UsageError("--quantiles must be 2 or more");
  const std::size_t value_col = in.column(o.value);
  // A plain index, not std::optional: GCC 12 misreports optionals as uninitialised here.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const std::size_t invert_col = o.invert_column.empty() ? none : in.column(o.invert_column);
  if (o.name.empty()) throw UsageError("--name needs a column name");
  check_no_clash(in, {o.name}, "heq-quantile");
  const PassThrough pass(in);
  io::GroupKeys keys(in, o.grouping.by);
  io::RowStore rows(in.header().size());
  std::vector<double> values;
  std::vector<std::size_t> group_of;
  std::vector<int> invert_of_group;  // -1 unset
  std::vector<std::size_t> invert_line;
  while (in.next()) {
    const std::size_t g = keys.assign(in);
    rows.add(in);
    values.push_back(in.number(value_col));
    group_of.push_back(g);
    if (g == invert_of_group.size()) {
      invert_of_group.push_back(o.invert);
      invert_line.push_back(in.line());
      if (invert_col != none) invert_of_group.back() = -1;
    }
    if (invert_col != none) {
      bool v;
      if (!parse_logical(in.field(invert_col), v))
        io::fail_column(in, invert_col,
                        fmt::format("\"{}\" is not TRUE or FALSE", in.field(invert_col)));
      if (invert_of_group[g] == -1) {
        invert_of_group[g] = v;
        invert_line[g] = in.line();
      } else if (invert_of_group[g] != static_cast<int>(v)) {
        io::fail_column(in, invert_col,
                        fmt::format("{} here but {} on line {}; it must be the same "
                                    "throughout a group",
                                    v ? "TRUE" : "FALSE", v ? "FALSE" : "TRUE", invert_line[g]));
      }
    }
  }
  // Rank each group's values.
  std::vector<std::vector<std::size_t>> members(keys.size());
  for (std::size_t i = 0; i < group_of.size(); ++i) members[group_of[i]].push_back(i);
  std::vector<double> quantile(values.size(), kMissing);
  std::vector<std::string> notes(keys.size());
  std::size_t too_few = 0;
  for (std::size_t g = 0; g < members.size(); ++g) {
    std::vector<double> v;
    for (std::size_t i : members[g]) v.push_back(values[i]);
    const std::vector<double> q =
        o.imd ? assign_imd_quantiles(v, o.quantiles, invert_of_group[g] == 1)
              : assign_quantiles(v, o.quantiles, invert_of_group[g] == 1);
    std::size_t present = 0;
    for (double x : v) present += !std::isnan(x);
    if (present < static_cast<std::size_t>(o.quantiles)) {
      notes[g] = fmt::format("{} value{} in this group; {} quantiles need at least {}", present,
                             present == 1 ? "" : "s", o.quantiles, o.quantiles);
      ++too_few;
    }
    for (std::size_t k = 0; k < members[g].size(); ++k) quantile[members[g][k]] = q[k];
  }
  std::vector<std::string> cols = pass.names();
  cols.push_back(o.name);
  cols.push_back("note");
  out.begin(cols);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t c : pass.columns()) out.text(rows.field(i, c));
    out.number(quantile[i]);
    const std::string note =
        PassThrough::join(pass.upstream([&](std::size_t c) { return rows.field(i, c); }),
                          std::isnan(values[i]) ? "no value" : notes[group_of[i]]);
    if (note.empty())
      out.missing();
    else
      out.text(note);
    out.end_row();
  }
  diagnostics.warn_count(
      too_few, "group", "has",
      fmt::format("too few values for {} quantiles; their rows have none", o.quantiles));
  out.finish();
}

}  // namespace heq::rates
