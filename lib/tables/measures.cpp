#include "tables/measures.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "stats/confidence.hpp"

#include "tables/measures_common.hpp"

#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "stats/random.hpp"
#include "tables/quantile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heq::measures {

namespace {

struct Row {
  Subgroup subgroup;
  double favourable, scale, ordered, average;  // NaN where the column is absent or empty
  std::size_t line;
};

// A 0/1 (or TRUE/FALSE) flag column; NaN when empty.
double flag(const io::Reader& r, std::size_t col) {
  if (r.is_missing_field(col)) return kMissing;
  bool v;
  if (!rates::parse_logical(r.field(col), v))
    io::fail_column(r, col, fmt::format("\"{}\" is not 0 or 1", r.field(col)));
  return v ? 1 : 0;
}

}  // namespace

namespace detail {

std::vector<std::string> output_columns(const TableOptions& o) {
  std::vector<std::string> cols = o.grouping.by;
  // The limits are named with their level, as every heq tool names them (lowercl = 95%).
  for (const char* c : {"measure", "estimate", "se"}) cols.push_back(c);
  for (const std::string& c : stats::limit_columns("", o.grouping.levels)) cols.push_back(c);
  cols.push_back("ci_method");
  cols.push_back("note");
  return cols;
}

std::size_t write_results(io::Writer& out, const std::vector<std::string>& key,
                          const std::vector<double>& levels,
                          const std::function<std::vector<Result>(double)>& at_level) {
  std::vector<std::vector<Result>> per_level;
  for (double level : levels) per_level.push_back(at_level(level));
  const std::vector<Result>& results = per_level.front();
  std::size_t noted = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    out.texts(key);
    out.text(r.measure).number(r.estimate).number(r.se);
    for (const std::vector<Result>& at : per_level) out.number(at[i].lower).number(at[i].upper);
    if (r.ci_method.empty())
      out.missing();
    else
      out.text(r.ci_method);
    if (r.note.empty()) {
      out.missing();
    } else {
      out.text(r.note);
      ++noted;
    }
    out.end_row();
  }
  return noted;
}

void warn_notes(Diagnostics& diagnostics, std::size_t noted) {
  diagnostics.warn_count(noted, "measure", "has", "no value or a caveat; the note column says why");
}

}  // namespace detail

using detail::constant;

void run_measures(const TableOptions& o, io::Reader& in, io::Writer& out,
                  Diagnostics& diagnostics) {
  for (const std::string& m : o.measures)
    if (!find_measure(m))
      throw UsageError(
          fmt::format("--measures: '{}' is not a measure ({})", m, measure_names(", ")));
  if (o.method.reps < 10) throw UsageError("--reps must be 10 or more");
  if (o.outcome) return detail::run_survey(o, in, out, diagnostics);
  const std::size_t estimate_col = in.column(o.estimate);
  const auto optional = [&](const std::string& name) { return in.find_column(name); };
  const auto se_col = optional(o.se), pop_col = optional(o.population),
             ref_col = optional(o.reference);
  const auto avg_col = optional(o.setting_average);
  const std::size_t subgroup_col = in.column(o.subgroup);
  // A value given for the whole input stands for its column (absent: kNone).
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  const std::size_t fav_col = o.favourable_value ? kNone : in.column(o.favourable);
  const std::size_t scale_col = o.scale_value ? kNone : in.column(o.scale);
  const std::size_t ordered_col = o.ordered_value ? kNone : in.column(o.ordered);
  const auto order_col = optional(o.order);

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  out.begin(detail::output_columns(o));

  const auto make_row = [&](const io::Reader& r) {
    Row row;
    row.line = r.line();
    Subgroup& g = row.subgroup;
    g.label = std::string(r.field(subgroup_col));
    g.estimate = r.number(estimate_col);
    if (se_col) g.se = io::read_standard_error(r, *se_col);
    if (pop_col) g.population = io::read_population(r, *pop_col);
    if (order_col) g.order = r.number(*order_col);
    g.reference = ref_col && flag(r, *ref_col) == 1;
    row.favourable = fav_col != kNone ? flag(r, fav_col) : kMissing;
    row.ordered = ordered_col != kNone ? flag(r, ordered_col) : kMissing;
    row.scale = scale_col != kNone ? r.number(scale_col) : kMissing;
    if (row.scale <= 0) io::fail_column(r, scale_col, "the scale must be above 0");
    row.average = avg_col ? r.number(*avg_col) : kMissing;
    return row;
  };

  std::size_t noted = 0;
  std::vector<Subgroup> subgroups;
  io::for_each_group<Row>(
      in, keys, o.grouping.sorted, make_row, [&](std::size_t group, std::vector<Row>& rows) {
        Setting s;
        const double fav = o.favourable_value
                               ? *o.favourable_value
                               : constant(rows, &Row::favourable, "favourable_indicator", in);
        const double ord = o.ordered_value ? *o.ordered_value
                                           : constant(rows, &Row::ordered, "ordered_dimension", in);
        const double scale =
            o.scale_value ? *o.scale_value : constant(rows, &Row::scale, "indicator_scale", in);
        if (std::isnan(fav) || std::isnan(ord) || std::isnan(scale))
          throw DataError(
              Location{in.name(), rows.front().line, 0},
              "a group needs its favourable_indicator, ordered_dimension and indicator_scale "
              "(columns, or --favourable-value, --ordered-value, --scale-value)");
        s.favourable = fav == 1;
        s.ordered = ord == 1;
        s.scale = scale;
        s.average = constant(rows, &Row::average, "setting_average", in);
        subgroups.clear();
        for (const Row& r : rows) {
          if (s.ordered && std::isnan(r.subgroup.order))
            throw DataError(
                Location{in.name(), r.line, order_col ? *order_col + 1 : 0},
                "an ordered dimension needs every subgroup's order (1 = most disadvantaged)");
          subgroups.push_back(r.subgroup);
        }
        if (s.ordered)
          io::sort_unique(
              rows, [](const Row& r) { return r.subgroup.order; }, in, "subgroup order");
        const std::vector<std::string>& key = keys.key(group);
        noted += detail::write_results(out, key, o.grouping.levels, [&](double level) {
          Options m = o.method;
          m.level = level;
          return compute(subgroups, s, o.measures, m, stats::stream_seed(o.seed, key));
        });
      });
  detail::warn_notes(diagnostics, noted);
  out.finish();
}

}  // namespace heq::measures
