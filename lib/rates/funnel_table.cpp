#include "rates/funnel_table.hpp"

#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_store.hpp"
#include "rates/table_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace heq::rates {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Point {
  double numerator, denominator, rate;
  double derived;  // the denominator a rate implies (per the whole period)
  std::string note;
};

double multiplier_of(const FunnelOptions& o) {
  if (o.multiplier > 0) return o.multiplier;
  return o.type == FunnelType::rate ? 100000 : 100;
}

// The denominator behind a rate, as the package derives it: x / rate x M, or the given
// population where a crude rate has no events (a DSR with no events has none).
double derived_denominator(const FunnelOptions& o, const Point& p, bool for_points) {
  const double m = multiplier_of(o);
  if (o.rate_type == RateType::dsr) return p.numerator == 0 ? kNaN : m * p.numerator / p.rate;
  if (p.numerator == 0 || (!for_points && o.population_given))
    return o.population_given ? p.denominator : kNaN;
  return m * p.numerator / p.rate;
}

struct Group {
  std::vector<std::size_t> rows;
};

}  // namespace

void run_funnel(const FunnelOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (o.type == FunnelType::rate && o.limits && !(o.years > 0))
    throw UsageError("--type rate --limits needs --years (the years of data the rates cover)");
  if (o.multiplier < 0) throw UsageError("--multiplier must be above zero");
  const double m = multiplier_of(o);
  const std::size_t num_col = in.column(o.count);
  std::optional<std::size_t> den_col, rate_col;
  if (o.type == FunnelType::proportion) den_col = in.column(o.population);
  if (o.type == FunnelType::ratio) den_col = in.column(o.expected);
  if (o.type == FunnelType::rate) {
    rate_col = in.column(o.rate);
    if (o.population_given) den_col = in.column(o.population);
  }

  io::GroupKeys keys(in, o.by);
  io::RowStore store(in.header().size());
  std::vector<Point> points;
  std::vector<std::size_t> group_of;
  std::size_t missing = 0;
  while (in.next()) {
    Point p{in.number(num_col), den_col ? in.number(*den_col) : kNaN, rate_col ? in.number(*rate_col) : kNaN,
            kNaN, ""};
    if (p.numerator < 0)
      in.fail(num_col, fmt::format("column '{}': negative count {}; numerators must be 0 or more", o.count,
                                   in.field(num_col)));
    if (den_col && p.denominator <= 0)
      in.fail(*den_col, fmt::format("column '{}': {} is not above zero; denominators must be",
                                    in.header()[*den_col], in.field(*den_col)));
    if (o.type == FunnelType::proportion && p.numerator > p.denominator)
      in.fail(num_col, fmt::format("column '{}': count {} is above the denominator {}", o.count,
                                   in.field(num_col), in.field(*den_col)));
    if (o.type == FunnelType::rate) {
      if (p.numerator > 0 && p.rate <= 0)
        in.fail(*rate_col, fmt::format("column '{}': a rate of {} with {} events", o.rate, in.field(*rate_col),
                                       in.field(num_col)));
      if (p.numerator == 0 && o.rate_type == RateType::crude && !o.population_given)
        in.fail(num_col, "a crude rate with 0 events needs its denominator: give --population");
    }
    // A DSR with fewer than 10 events is not tested, so its rate may be missing.
    const bool untested = o.type == FunnelType::rate && o.rate_type == RateType::dsr && p.numerator < 10;
    if (std::isnan(p.numerator) || (den_col && std::isnan(p.denominator)) ||
        (rate_col && std::isnan(p.rate) && !untested)) {
      p.note = "a count, denominator or rate is missing";
      ++missing;
    }
    group_of.push_back(keys.assign(in));
    store.add(in);
    points.push_back(std::move(p));
  }
  std::vector<Group> groups(keys.size());
  for (std::size_t i = 0; i < points.size(); ++i) groups[group_of[i]].rows.push_back(i);

  // Each group's average, and the range of its denominators for the axis.
  struct Summary {
    double average = kNaN, min = kNaN, max = kNaN;
  };
  std::vector<Summary> summary(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    double num = 0, den = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t i : groups[g].rows) {
      Point& p = points[i];
      if (!p.note.empty()) continue;
      double d = p.denominator;
      if (o.type == FunnelType::rate) {
        d = derived_denominator(o, p, false);
        p.derived = d;
      }
      num += p.numerator;
      if (!std::isnan(d)) {
        den += d;
        lo = std::min(lo, d);
        hi = std::max(hi, d);
      }
    }
    summary[g] = {num / den, lo, hi};
  }

  if (o.limits) {
    std::vector<std::string> cols = o.by;
    const std::vector<std::string> sides{"lower_2s", "upper_2s", "lower_3s", "upper_3s"};
    if (o.type == FunnelType::proportion) {
      cols.push_back("population");
      for (const auto& s : sides) cols.push_back(s + "_limit");
      cols.push_back("baseline");
    } else if (o.type == FunnelType::ratio) {
      cols.push_back("observed_events");
      for (const auto& s : sides) {
        cols.push_back(s + "_exp_events");
        cols.push_back(s + "_limit");
      }
    } else {
      cols.push_back("events");
      for (const auto& s : sides) {
        cols.push_back(s + "_population_1_year");
        cols.push_back(s + "_limit");
      }
      cols.push_back("baseline");
    }
    out.begin(cols);
    const double cap = o.compat_phe ? 100 : m;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const Summary& s = summary[g];
      auto [lo, hi] = axis_ends(s.min, s.max, o.type == FunnelType::rate ? o.years : 0);
      if (o.type == FunnelType::rate) {
        lo = std::floor(lo * s.average);
        hi = std::ceil(hi * s.average);
      }
      for (double x : axis_points(lo, hi, o.type == FunnelType::ratio)) {
        for (const std::string& k : keys.key(g)) out.text(k);
        out.number(x);
        if (o.type == FunnelType::proportion) {
          for (const auto& [p, high] : {std::pair{0.975, false}, {0.975, true}, {0.999, false}, {0.999, true}}) {
            const double limit = proportion_limit(p, x, s.average, high) * m;
            out.number(high ? std::min(cap, limit) : std::max(0.0, limit));
          }
          out.number(s.average * m);
        } else {
          for (const auto& [p, low_side] : {std::pair{0.025, false}, {0.025, true}, {0.001, false}, {0.001, true}}) {
            // The lower limit is where observing x is improbably high, and vice versa.
            const double mean = poisson_funnel(x, p, low_side);
            if (o.type == FunnelType::ratio) {
              const double ratio = x / mean;
              out.number(mean).number(o.ratio_type == RatioType::count ? ratio - 1 : ratio * 100);
            } else {
              const double population = mean / s.average;
              out.number(population / o.years).number(x / population * m);
            }
          }
          if (o.type == FunnelType::rate) out.number(s.average * m);
        }
        out.end_row();
      }
    }
    out.finish();
    return;
  }

  // Points: every input row in input order, with its significance.
  check_no_clash(in, {"significance"}, "heq-funnel");
  const PassThrough pass(in);
  const bool chart = o.type == FunnelType::rate && o.years > 0;
  std::vector<std::string> cols = pass.names();
  if (chart) {
    check_no_clash(in, {"rate_chart", "denominator_derived"}, "heq-funnel");
    cols.push_back("rate_chart");
    cols.push_back("denominator_derived");
  }
  cols.push_back("significance");
  cols.push_back("note");
  out.begin(cols);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    const Summary& s = summary[group_of[i]];
    for (std::size_t c : pass.columns()) out.text(store.field(i, c));
    std::string label;
    std::string note = p.note;
    if (note.empty()) {
      if (o.type == FunnelType::proportion) {
        label = proportion_significance(p.numerator, p.denominator, s.average);
      } else if (o.type == FunnelType::ratio) {
        label = ratio_significance(p.numerator, p.denominator, 1);
      } else if (o.rate_type == RateType::dsr && p.numerator < 10) {
        note = "not applicable for events less than 10 for dsrs";
      } else {
        // PHE tests the group's weighted average against the point's own limits.
        label = ratio_significance(p.numerator, derived_denominator(o, p, false), s.average);
      }
    }
    if (chart) {
      const bool drop = o.rate_type == RateType::dsr && p.numerator < 10;
      out.number(drop ? kNaN : p.rate);
      const double d = p.numerator == 0 && o.population_given ? p.denominator : m * p.numerator / p.rate;
      out.number(drop ? kNaN : d / o.years);
    }
    if (label.empty())
      out.missing();
    else
      out.text(label);
    note = PassThrough::join(pass.upstream([&](std::size_t c) { return store.field(i, c); }), note);
    if (note.empty())
      out.missing();
    else
      out.text(note);
    out.end_row();
  }
  if (missing)
    diagnostics.warn(fmt::format("{} row{} a missing count, denominator or rate: no significance",
                                 missing, missing == 1 ? " has" : "s have"));
  out.finish();
}

}  // namespace heq::rates
