#include "tables/funnel.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_store.hpp"
#include "stats/confidence.hpp"
#include "tables/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace heq::rates {

namespace {

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
  if (o.rate_type == RateType::dsr) return p.numerator == 0 ? kMissing : m * p.numerator / p.rate;
  if (p.numerator == 0 || (!for_points && o.population_given))
    return o.population_given ? p.denominator : kMissing;
  return m * p.numerator / p.rate;
}

struct Summary {
  double average = kMissing, min = kMissing, max = kMissing;
};

// One row of the control limits: at axis point x, each side's position on the chart's
// horizontal axis (`at`) and its limit; sides are lower_2s, upper_2s, lower_3s, upper_3s.
struct LimitRow {
  double x;
  std::array<double, 4> at, limit;
};

// What significance testing says of one point, and where a rate chart puts it.
struct PointResult {
  std::string label, note;
  double chart_rate = kMissing, chart_denominator = kMissing;
};

// The input read once: points, their groups and the rows' text (for pass-through).
class Funnel {
 public:
  Funnel(const FunnelOptions& o, io::Reader& in);

  const FunnelOptions& o;
  double m;
  io::GroupKeys keys;
  io::RowStore store;
  std::vector<Point> points;
  std::vector<std::size_t> group_of;
  std::vector<std::vector<std::size_t>> groups;
  std::vector<Summary> summary;
  std::size_t missing = 0;

  std::vector<Dispersion> dispersion;  // per group, with --overdispersion

  std::vector<LimitRow> limits(std::size_t g) const;
  PointResult test(std::size_t i) const;
  double baseline(std::size_t g) const;
  std::string limits_text(std::size_t g) const;

 private:
  bool testable(const Point& p) const;
  Stabilised stabilised(const Point& p, const Summary& s) const;
  void estimate_dispersion();
  LimitRow widened(double x, std::size_t g) const;
};

// The two tails every funnel draws: 95% (2 sigma) and 99.8% (3 sigma).
const double kZ2 = stats::z_for_level(0.95), kZ3 = stats::z_for_level(0.998);

Funnel::Funnel(const FunnelOptions& options, io::Reader& in)
    : o(options),
      m(multiplier_of(options)),
      keys(in, options.grouping.by),
      store(in.header().size()) {
  if (o.multiplier < 0) throw UsageError("--multiplier must be above zero");
  if (!(o.winsorise >= 0 && o.winsorise < 0.5))
    throw UsageError("--winsorise must be at least 0 and below 0.5 (a fraction at each end)");
  const std::size_t num_col = in.column(o.count);
  std::optional<std::size_t> den_col, rate_col;
  if (o.type == FunnelType::proportion) den_col = in.column(o.population);
  if (o.type == FunnelType::ratio) den_col = in.column(o.expected);
  if (o.type == FunnelType::rate) {
    rate_col = in.column(o.rate);
    if (o.population_given) den_col = in.column(o.population);
  }
  while (in.next()) {
    Point p{io::read_count(in, num_col),
            den_col ? io::read_denominator(in, *den_col, "denominators") : kMissing,
            rate_col ? in.number(*rate_col) : kMissing, kMissing, ""};
    if (o.type == FunnelType::proportion)
      io::check_count_within(in, num_col, *den_col, p.numerator, p.denominator);
    if (o.type == FunnelType::rate) {
      if (p.numerator > 0 && p.rate <= 0)
        io::fail_column(
            in, *rate_col,
            fmt::format("a rate of {} with {} events", in.field(*rate_col), in.field(num_col)));
      if (p.numerator == 0 && o.rate_type == RateType::crude && !o.population_given)
        in.fail(num_col, "a crude rate with 0 events needs its denominator: give --population");
    }
    // A DSR with fewer than 10 events is not tested, so its rate may be missing.
    const bool untested =
        o.type == FunnelType::rate && o.rate_type == RateType::dsr && p.numerator < 10;
    if (std::isnan(p.numerator) || (den_col && std::isnan(p.denominator)) ||
        (rate_col && std::isnan(p.rate) && !untested)) {
      p.note = "a count, denominator or rate is missing";
      ++missing;
    }
    group_of.push_back(keys.assign(in));
    store.add(in);
    points.push_back(std::move(p));
  }
  groups.resize(keys.size());
  for (std::size_t i = 0; i < points.size(); ++i) groups[group_of[i]].push_back(i);

  // Each group's average, and the range of its denominators for the axis.
  summary.resize(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    double num = 0, den = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t i : groups[g]) {
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
  if (o.overdispersion != Overdispersion::none) estimate_dispersion();
}

bool Funnel::testable(const Point& p) const {
  return p.note.empty() &&
         !(o.type == FunnelType::rate && o.rate_type == RateType::dsr && p.numerator < 10);
}

// Rates are tested as observed events against those the group's average rate expects.
Stabilised Funnel::stabilised(const Point& p, const Summary& s) const {
  if (o.type == FunnelType::proportion)
    return stabilise_proportion(p.numerator, p.denominator, s.average);
  if (o.type == FunnelType::ratio) return stabilise_ratio(p.numerator, p.denominator);
  return stabilise_ratio(p.numerator, s.average * derived_denominator(o, p, false));
}

void Funnel::estimate_dispersion() {
  dispersion.resize(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<double> z, se;
    for (std::size_t i : groups[g]) {
      if (!testable(points[i])) continue;
      const Stabilised t = stabilised(points[i], summary[g]);
      z.push_back((t.y - t.target) / t.s);
      se.push_back(t.s);
    }
    dispersion[g] = rates::estimate_dispersion(z, se, o.winsorise, o.overdispersion);
  }
}

std::string Funnel::limits_text(std::size_t g) const {
  if (dispersion.empty()) return "";
  if (!dispersion[g].adjusted) return "exact: no overdispersion";
  return o.overdispersion == Overdispersion::multiplicative ? "multiplicative (phi)"
                                                            : "additive (tau2)";
}

// The limits at axis point x widened on the stabilised scale: proportions at population
// x; ratios at x expected events; rates at x expected events (population x / average).
LimitRow Funnel::widened(double x, std::size_t g) const {
  const Summary& s = summary[g];
  const Dispersion& d = dispersion[g];
  LimitRow row{x, {}, {}};
  int side = 0;
  for (const auto& [z_p, high] : {std::pair{kZ2, false}, {kZ2, true}, {kZ3, false}, {kZ3, true}}) {
    const Stabilised t = o.type == FunnelType::proportion ? stabilise_proportion(0, x, s.average)
                                                          : stabilise_ratio(0, x);
    const double h = widened_half_width(z_p, t.s, d, o.overdispersion);
    const double v = high ? t.target + h : t.target - h;
    if (o.type == FunnelType::proportion) {
      row.at[side] = x;
      row.limit[side] = std::min(o.compat_phe ? 100 : m, unstabilise_proportion(v) * m);
    } else if (o.type == FunnelType::ratio) {
      const double ratio = unstabilise_ratio(v);
      row.at[side] = x;
      row.limit[side] = o.ratio_type == RatioType::count ? ratio - 1 : ratio * 100;
    } else {
      row.at[side] = x / s.average / o.years;
      row.limit[side] = unstabilise_ratio(v) * s.average * m;
    }
    ++side;
  }
  return row;
}

std::vector<LimitRow> Funnel::limits(std::size_t g) const {
  const Summary& s = summary[g];
  auto [lo, hi] = axis_ends(s.min, s.max, o.type == FunnelType::rate ? o.years : 0);
  if (o.type == FunnelType::rate) {
    lo = std::floor(lo * s.average);
    hi = std::ceil(hi * s.average);
  }
  const double cap = o.compat_phe ? 100 : m;
  std::vector<LimitRow> rows;
  const bool widen = !dispersion.empty() && dispersion[g].adjusted;
  for (double x : axis_points(lo, hi, o.type == FunnelType::ratio)) {
    if (widen) {
      rows.push_back(widened(x, g));
      continue;
    }
    LimitRow row{x, {}, {}};
    if (o.type == FunnelType::proportion) {
      int side = 0;
      for (const auto& [p, high] :
           {std::pair{0.975, false}, {0.975, true}, {0.999, false}, {0.999, true}}) {
        const double limit = proportion_limit(p, x, s.average, high) * m;
        row.at[side] = x;
        row.limit[side++] = high ? std::min(cap, limit) : std::max(0.0, limit);
      }
    } else {
      int side = 0;
      for (const auto& [p, low_side] :
           {std::pair{0.025, false}, {0.025, true}, {0.001, false}, {0.001, true}}) {
        // The lower limit is where observing x is improbably high, and vice versa.
        const double mean = poisson_funnel(x, p, low_side);
        if (o.type == FunnelType::ratio) {
          const double ratio = x / mean;
          row.at[side] = mean;
          row.limit[side++] = o.ratio_type == RatioType::count ? ratio - 1 : ratio * 100;
        } else {
          const double population = mean / s.average;
          row.at[side] = population / o.years;
          row.limit[side++] = x / population * m;
        }
      }
    }
    rows.push_back(row);
  }
  return rows;
}

double Funnel::baseline(std::size_t g) const {
  if (o.type == FunnelType::ratio) return o.ratio_type == RatioType::count ? 0 : 100;
  return summary[g].average * m;
}

PointResult Funnel::test(std::size_t i) const {
  const Point& p = points[i];
  const Summary& s = summary[group_of[i]];
  PointResult r;
  r.note = p.note;
  const std::size_t g = group_of[i];
  if (!dispersion.empty() && dispersion[g].adjusted && testable(p)) {
    // Against the widened limits, on the stabilised scale.
    const Stabilised t = stabilised(p, s);
    const double z = t.y - t.target;
    const auto beyond = [&](double z_p) {
      return std::abs(z) > widened_half_width(z_p, t.s, dispersion[g], o.overdispersion);
    };
    const char* side = z > 0 ? "High" : "Low";
    r.label = beyond(kZ3)   ? fmt::format("{} (0.001)", side)
              : beyond(kZ2) ? fmt::format("{} (0.025)", side)
                            : "Not significant";
  } else if (r.note.empty()) {
    if (o.type == FunnelType::proportion) {
      r.label = proportion_significance(p.numerator, p.denominator, s.average);
    } else if (o.type == FunnelType::ratio) {
      r.label = ratio_significance(p.numerator, p.denominator, 1);
    } else if (o.rate_type == RateType::dsr && p.numerator < 10) {
      r.note = "not applicable for events less than 10 for dsrs";
    } else {
      // PHE tests the group's weighted average against the point's own limits.
      r.label = ratio_significance(p.numerator, derived_denominator(o, p, false), s.average);
    }
  }
  if (o.type == FunnelType::rate && o.years > 0 &&
      !(o.rate_type == RateType::dsr && p.numerator < 10)) {
    r.chart_rate = p.rate;
    const double d =
        p.numerator == 0 && o.population_given ? p.denominator : m * p.numerator / p.rate;
    r.chart_denominator = d / o.years;
  }
  return r;
}

void need_years(const FunnelOptions& o, const char* what) {
  if (o.type == FunnelType::rate && !(o.years > 0))
    throw UsageError(
        fmt::format("--type rate {}needs --years (the years of data the rates cover)", what));
}

}  // namespace

void run_funnel(const FunnelOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (o.limits) need_years(o, "--limits ");
  const Funnel f(o, in);

  if (o.limits) {
    std::vector<std::string> cols = o.grouping.by;
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
    const bool od = o.overdispersion != Overdispersion::none;
    if (od) cols.insert(cols.end(), {"phi", "tau2", "limits"});
    out.begin(cols);
    for (std::size_t g = 0; g < f.groups.size(); ++g) {
      for (const LimitRow& row : f.limits(g)) {
        out.texts(f.keys.key(g));
        out.number(row.x);
        for (int side = 0; side < 4; ++side) {
          if (o.type != FunnelType::proportion) out.number(row.at[side]);
          out.number(row.limit[side]);
        }
        if (o.type != FunnelType::ratio) out.number(f.baseline(g));
        if (od) out.number(f.dispersion[g].phi).number(f.dispersion[g].tau2).text(f.limits_text(g));
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
  const bool od = o.overdispersion != Overdispersion::none;
  if (od) {
    check_no_clash(in, {"phi", "tau2", "limits"}, "heq-funnel");
    cols.insert(cols.end(), {"phi", "tau2", "limits"});
  }
  cols.push_back("note");
  out.begin(cols);
  for (std::size_t i = 0; i < f.points.size(); ++i) {
    for (std::size_t c : pass.columns()) out.text(f.store.field(i, c));
    const PointResult r = f.test(i);
    if (chart) out.number(r.chart_rate).number(r.chart_denominator);
    if (r.label.empty())
      out.missing();
    else
      out.text(r.label);
    if (od) {
      const std::size_t g = f.group_of[i];
      out.number(f.dispersion[g].phi).number(f.dispersion[g].tau2).text(f.limits_text(g));
    }
    const std::string note = PassThrough::join(
        pass.upstream([&](std::size_t c) { return f.store.field(i, c); }), r.note);
    if (note.empty())
      out.missing();
    else
      out.text(note);
    out.end_row();
  }
  diagnostics.warn_count(f.missing, "row", "has",
                         "a missing count, denominator or rate: no significance");
  out.finish();
}

std::vector<FunnelChart> funnel_charts(const FunnelOptions& o, io::Reader& in,
                                       const std::string& label, Diagnostics& diagnostics) {
  need_years(o, "");
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const std::size_t label_col = label.empty() ? none : in.column(label);
  const Funnel f(o, in);
  std::vector<FunnelChart> charts(f.groups.size());
  for (std::size_t g = 0; g < charts.size(); ++g) {
    FunnelChart& c = charts[g];
    c.key = f.keys.key(g);
    c.baseline = f.baseline(g);
    if (!f.dispersion.empty()) {
      const Dispersion& d = f.dispersion[g];
      c.limits_text = f.limits_text(g) + fmt::format(", phi {:.3g}, tau2 {:.3g}", d.phi, d.tau2);
    }
    for (const LimitRow& row : f.limits(g))
      for (int side = 0; side < 4; ++side)
        c.limits[side].emplace_back(row.at[side], row.limit[side]);
    for (std::size_t i : f.groups[g]) {
      const Point& p = f.points[i];
      const PointResult r = f.test(i);
      FunnelChart::Point point{kMissing, kMissing, r.label, r.note,
                               label_col == none ? "" : std::string(f.store.field(i, label_col))};
      if (o.type == FunnelType::proportion) {
        point.x = p.denominator;
        point.y = p.numerator / p.denominator * f.m;
      } else if (o.type == FunnelType::ratio) {
        point.x = p.denominator;
        const double ratio = p.numerator / p.denominator;
        point.y = o.ratio_type == RatioType::count ? ratio - 1 : ratio * 100;
      } else {
        point.x = r.chart_denominator;
        point.y = r.chart_rate;
      }
      c.points.push_back(std::move(point));
    }
  }
  diagnostics.warn_count(f.missing, "row", "has",
                         "a missing count, denominator or rate: not drawn");
  return charts;
}

}  // namespace heq::rates
