#include "tables/trend.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/error.hpp"
#include "core/period.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "stats/confidence.hpp"
#include "trend/trend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace heq::tables {

namespace {

struct Row {
  trend::Point point;
  Period span;               // of the time label
  double log_se = kMissing;  // the standard error of log(value), for --log
  std::string label;
  std::size_t line;
};

struct Columns {
  std::size_t time;
  std::optional<std::size_t> count, denominator, value, lower, upper, se;
  double z = 0;  // for the limits read
};

// The time as a number: a year (2019, 2019.5) or a period label ("2019-21", "2021/22").
Period time_of(const io::Reader& r, std::size_t col) {
  double t = 0;
  if (io::parse_number(r.field(col), t) == io::NumberStatus::ok) return {t, t + 1};
  if (const auto p = parse_period(r.field(col))) return *p;
  io::fail_column(
      r, col,
      fmt::format("\"{}\" is not a time: give years (2019) or periods (2017-19, 2019/20, "
                  "2019 Q1)",
                  r.field(col)));
}

Columns resolve(const TrendOptions& o, const io::Reader& in) {
  Columns c;
  c.time = in.column(o.time);
  if (o.proportion) {
    c.count = in.find_column(o.count);
    c.denominator = in.find_column(o.denominator);
    c.value = in.find_column(o.value);
    if (!c.count && !c.denominator) in.column(o.count);  // names what is missing
    if ((!c.count || !c.denominator) && !c.value)
      throw DataError(
          Location{in.name(), 0, 0},
          fmt::format("--type proportion needs '{}' and '{}', or one of them and the value as "
                      "a percentage ('{}')",
                      o.count, o.denominator, o.value));
    return c;
  }
  c.value = in.column(o.value);
  if (!o.se.empty()) {
    if (o.input_level)
      throw UsageError("--input-confidence is the level of limits; with --se there are none");
    c.se = in.column(o.se);
    return c;
  }
  const auto limits =
      stats::find_value_limits(in.header(), o.value, {"", o.lower, o.upper, o.input_level});
  if (!limits)
    throw DataError(
        Location{in.name(), 0, 0},
        fmt::format("no limits for '{}': the input has no lowercl/uppercl columns; name them with "
                    "--lcl and --ucl, or give --se",
                    o.value));
  c.lower = in.column(limits->lower);
  c.upper = in.column(limits->upper);
  c.z = stats::z_for_level(limits->level);
  return c;
}

Row make_row(const io::Reader& r, const Columns& c, const TrendOptions& o) {
  Row row;
  row.line = r.line();
  row.label = r.field(c.time);
  row.span = time_of(r, c.time);
  trend::Point& p = row.point;
  p.time = row.span.start;
  if (o.proportion) {
    const double value = c.value ? r.number(*c.value) : kMissing;
    p.count = c.count ? r.number(*c.count) : r.number(*c.denominator) * value / 100;
    p.denominator = c.denominator ? r.number(*c.denominator) : r.number(*c.count) / value * 100;
    if (p.count < 0 || p.denominator < 0)
      r.fail(c.count ? *c.count : *c.denominator, "counts and denominators must be 0 or more");
    const double share = p.count / p.denominator;
    p.value = share * 100;
    p.se = std::sqrt(share * (1 - share) / p.denominator) * 100;
    return row;
  }
  p.value = r.number(*c.value) / o.multiplier;
  if (c.se) {
    p.se = io::read_standard_error(r, *c.se) / o.multiplier;
  } else {
    const double lo = r.number(*c.lower), hi = r.number(*c.upper);
    io::check_limit_order(r, *c.lower, *c.upper, lo, hi);
    // The branch's quirk: values divided by the multiplier, the limits not.
    const double scale = o.compat_phe ? 1 : o.multiplier;
    p.se = (hi - lo) / (2 * c.z) / scale;
    row.log_se = (std::log(hi) - std::log(lo)) / (2 * c.z);
  }
  return row;
}

}  // namespace

void run_trend(const TrendOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (!(o.multiplier > 0)) throw UsageError("--multiplier must be above zero");
  if (o.proportion && o.log)
    throw UsageError("--log is for rates and ratios; --type proportion tests counts");
  if (o.proportion && (!o.se.empty() || o.input_level))
    throw UsageError(
        "--type proportion works from counts and denominators: drop --se and --input-confidence");
  if (o.points == 1) throw UsageError("--points needs 2 or more");
  const Columns col = resolve(o, in);
  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  std::vector<std::string> cols = o.grouping.by;
  for (const char* c : {"from", "to", "points", "slope"}) cols.push_back(c);
  for (const std::string& c : stats::limit_columns("slope_", o.grouping.levels)) cols.push_back(c);
  for (const char* c : {"statistic", "trend", "reason", "note"}) cols.push_back(c);
  out.begin(cols);

  std::map<std::string, std::size_t> verdicts;
  std::size_t no_slope = 0;
  std::vector<trend::Point> points, line_points;
  io::for_each_group<Row>(
      in, keys, o.grouping.sorted, [&](const io::Reader& r) { return make_row(r, col, o); },
      [&](std::size_t group, std::vector<Row>& rows) {
        std::stable_sort(rows.begin(), rows.end(),
                         [](const Row& a, const Row& b) { return a.span.start < b.span.start; });
        bool duplicate = false, overlapping = false;
        for (std::size_t i = 1; i < rows.size(); ++i) {
          duplicate = duplicate || rows[i].span.start == rows[i - 1].span.start;
          overlapping = overlapping || rows[i].span.start < rows[i - 1].span.end;
        }
        points.clear();
        for (const Row& r : rows) points.push_back(r.point);
        const trend::Marker m =
            trend::recent_trend(points, o.proportion ? trend::Kind::proportion : trend::Kind::other,
                                duplicate, overlapping && !duplicate, o.compat_phe);
        ++verdicts[m.trend];

        // The linear trend over all points (or the last --points), on the log scale with --log.
        const std::size_t first = o.points && o.points < rows.size() ? rows.size() - o.points : 0;
        line_points.clear();
        for (std::size_t i = first; i < rows.size(); ++i) {
          trend::Point p = rows[i].point;
          if (o.log) {
            p.value = std::log(p.value);
            p.se = rows[i].log_se;
          }
          if (std::isfinite(p.value) && p.se > 0 && std::isfinite(p.se)) line_points.push_back(p);
        }
        std::string note;
        trend::Line line;
        if (duplicate) {
          note = "times repeat in this group: no trend";
        } else if (line_points.size() < 2) {
          note = "fewer than 2 points with a value and limits: no linear trend";
        } else {
          line = trend::weighted_slope(line_points);
          if (line_points.size() < rows.size() - first)
            note = fmt::format("linear trend over the {} of {} points with a value and limits",
                               line_points.size(), rows.size() - first);
        }
        if (overlapping && !duplicate)
          note += std::string(note.empty() ? "" : "; ") +
                  "periods overlap (rolling periods): Fingertips tests independent periods only";
        if (std::isnan(line.slope)) ++no_slope;
        const auto shown = [&](double beta) { return o.log ? 100 * std::expm1(beta) : beta; };

        out.texts(keys.key(group));
        out.text(rows.front().label)
            .text(rows.back().label)
            .number(static_cast<double>(rows.size()));
        out.number(shown(line.slope));
        for (double level : o.grouping.levels) {
          const double z = stats::z_for_level(level);
          out.number(shown(line.slope - z * line.se)).number(shown(line.slope + z * line.se));
        }
        out.number(m.statistic).text(m.trend).text(m.reason);
        if (note.empty())
          out.missing();
        else
          out.text(note);
        out.end_row();
      });

  if (o.compat_phe && o.multiplier != 1)
    diagnostics.warn(fmt::format(
        "--compat phe: values divided by {} but their limits not, as the branch does; the "
        "statistic is {} times too small",
        io::format_number(o.multiplier), io::format_number(o.multiplier * o.multiplier)));
  diagnostics.warn_count(no_slope, "group", "has", "no linear trend (see the note column)");
  out.finish();
}

}  // namespace heq::tables
