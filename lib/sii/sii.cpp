#include "sii/sii.hpp"
#include "core/missing.hpp"

#include "core/error.hpp"
#include "core/number.hpp"
#include "stats/confidence.hpp"
#include "stats/percentile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace heq::sii {

namespace {

// PHEindicatormethods derives standard errors from 95% limits with this z, whatever the
// output levels are.
constexpr double kZ95 = 1.959963984540054;
constexpr std::size_t kReliabilityBlocks = 10;

std::string label_text(const Quantile& q) { return heq::format_number(q.label); }

// The log (rates) or logit (proportions) of x, or NaN where it has none.
double to_scale(ValueType type, double x) {
  if (type == ValueType::rate) return x > 0 ? std::log(x) : kMissing;
  if (type == ValueType::proportion) return x > 0 && x < 1 ? std::log(x / (1 - x)) : kMissing;
  return x;
}

double from_scale(ValueType type, double t) {
  if (type == ValueType::rate) return std::exp(t);
  if (type == ValueType::proportion) return 1 / (1 + std::exp(-t));
  return t;
}

const char* scale_name(ValueType type) { return type == ValueType::rate ? "log" : "logit"; }

const char* value_name(ValueType type) {
  return type == ValueType::rate ? "rate" : type == ValueType::proportion ? "proportion" : "value";
}

// The least-squares line as weights on the quantile values: slope = sum(w1 y),
// intercept = sum(w0 y) (PHEindicatormethods' sqrt(a) regression, in closed form).
struct Line {
  std::vector<double> w0, w1;
};

void line_weights(std::span<const Quantile> q, Line& line) {
  double total = 0;
  for (const Quantile& x : q) total += x.population;
  line.w0.resize(q.size());
  line.w1.resize(q.size());
  double vb = 0, cumulative = 0;
  for (std::size_t i = 0; i < q.size(); ++i) {  // w1 holds a_i (b_i - 1/2) for now
    const double a = q[i].population / total;
    const double centred = cumulative + a / 2 - 0.5;
    cumulative += a;
    line.w0[i] = a;
    line.w1[i] = a * centred;
    vb += a * centred * centred;
  }
  for (std::size_t i = 0; i < q.size(); ++i) {
    line.w1[i] /= vb;
    line.w0[i] -= line.w1[i] / 2;
  }
}

double dot(const std::vector<double>& w, const std::vector<double>& y) {
  double s = 0;
  for (std::size_t i = 0; i < w.size(); ++i) s += w[i] * y[i];
  return s;
}

// Per-thread scratch space, so that computing a group allocates nothing.
struct Workspace {
  Line line;
  std::vector<double> y, s, t;
  std::vector<std::vector<Interval>> sii_blocks, rii_blocks;
};

// Back-transformed limits from limits on the slope, holding the fitted midpoint fixed
// (PHEindicatormethods' rule for transformed SIIs).
struct SlopeScale {
  ValueType type;
  double midpoint;
  double multiplier;
  bool swap;  // negative multiplier (or the PHE quirk)
  double sii(double s) const {
    return (from_scale(type, midpoint + s / 2) - from_scale(type, midpoint - s / 2)) * multiplier;
  }
  double rii(double s) const {
    return from_scale(type, midpoint + s / 2) / from_scale(type, midpoint - s / 2);
  }
  Interval sii_limits(double lo, double hi) const {
    return swap ? Interval{sii(hi), sii(lo)} : Interval{sii(lo), sii(hi)};
  }
  Interval rii_limits(double lo, double hi) const {
    return swap ? Interval{1 / rii(hi), 1 / rii(lo)} : Interval{rii(lo), rii(hi)};
  }
};

struct Draws {
  std::vector<double> sii;  // simulated SII (or raw slope when transformed)
  std::vector<double> rii;
};

// Fills `out` with R (or 10 R) simulated statistics.
void simulate(std::span<const Quantile> q, const Options& o, const Line& line,
              const std::vector<double>& y, const std::vector<double>& s, double beta0,
              double beta1, std::uint64_t seed, Draws& out) {
  const std::size_t total = o.reps * (o.reliability ? kReliabilityBlocks : 1);
  stats::NormalDraws z(seed);
  const double m = o.multiplier;
  const bool want_rii = o.rii && !o.transform && o.rii_method == RiiMethod::ratio;
  out.sii.resize(total);
  out.rii.resize(want_rii ? total : 0);

  const bool linear = o.transform || o.type == ValueType::normal;
  if (linear) {
    // The fitted line is linear in the quantile values, so (intercept, slope) is exactly
    // bivariate normal: draw it directly (same distribution as drawing each quantile).
    double v1 = 0, v0 = 0, c01 = 0;
    for (std::size_t i = 0; i < q.size(); ++i) {
      const double s2 = s[i] * s[i];
      v1 += line.w1[i] * line.w1[i] * s2;
      v0 += line.w0[i] * line.w0[i] * s2;
      c01 += line.w0[i] * line.w1[i] * s2;
    }
    const double sd1 = std::sqrt(v1);
    const double k = sd1 > 0 ? c01 / sd1 : 0;
    const double rest = std::sqrt(std::max(0.0, v0 - k * k));
    if (o.transform) {
      for (std::size_t r = 0; r < total; ++r) out.sii[r] = beta1 + sd1 * z();
      return;
    }
    for (std::size_t r = 0; r < total; ++r) {
      const double z1 = z();
      const double slope = beta1 + sd1 * z1;
      out.sii[r] = m * slope;
      if (want_rii) {
        const double icept = beta0 + k * z1 + rest * z();
        const double ratio = (icept + slope) / icept;
        out.rii[r] = m < 0 ? 1 / ratio : ratio;
      }
    }
    return;
  }

  // Rates and proportions fitted untransformed: draw each quantile on the log/logit
  // scale and transform back, as PHEindicatormethods does.
  thread_local std::vector<double> t;
  t.resize(q.size());
  for (std::size_t i = 0; i < q.size(); ++i) t[i] = to_scale(o.type, y[i]);
  for (std::size_t r = 0; r < total; ++r) {
    double b0 = 0, b1 = 0;
    for (std::size_t i = 0; i < q.size(); ++i) {
      const double yi = from_scale(o.type, t[i] + s[i] * z());
      b0 += line.w0[i] * yi;
      b1 += line.w1[i] * yi;
    }
    out.sii[r] = m * b1;
    if (want_rii) {
      const double ratio = (b0 + b1) / b0;
      out.rii[r] = m < 0 ? 1 / ratio : ratio;
    }
  }
}

double weighted_mean(std::span<const Quantile> q) {
  double total = 0, sum = 0;
  for (const Quantile& x : q) {
    total += x.population;
    sum += x.population * x.value;
  }
  return sum / total;
}

// Limits from the weighted line's own residual variance: s^2 = sum a e^2 / (n - 2),
// var(slope) = s^2 / sum a (b - 1/2)^2, slope +- t(n - 2) sd, as R's lm with weights
// and confint give them; transformed fits are back-transformed as the analytic limits.
void regression_limits(std::span<const Quantile> q, const Options& o, const Line& line,
                       const std::vector<double>& y, double beta1, Result& r) {
  const std::size_t n = q.size();
  if (n < 3) {
    r.note =
        "no limits: regression limits need 3 or more quantiles (a line through 2 has no residuals)";
    return;
  }
  const double beta0 = dot(line.w0, y);
  double total = 0;
  for (const Quantile& x : q) total += x.population;
  double rss = 0, vb = 0, cumulative = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = q[i].population / total;
    const double b = cumulative + a / 2;
    cumulative += a;
    const double e = y[i] - (beta0 + beta1 * b);
    rss += a * e * e;
    vb += a * (b - 0.5) * (b - 0.5);
  }
  const double df = static_cast<double>(n - 2);
  const double sd1 = std::sqrt(rss / df / vb);
  const double m = o.multiplier;
  const SlopeScale scale{o.type, beta0 + beta1 / 2, m, m < 0};
  for (double level : o.levels) {
    const double t = stats::t_for_level(level, df);
    const double lo = beta1 - t * sd1, hi = beta1 + t * sd1;
    if (o.transform) {
      r.sii_ci.push_back(scale.sii_limits(lo, hi));
      if (o.rii && o.rii_method == RiiMethod::ratio) r.rii_ci.push_back(scale.rii_limits(lo, hi));
    } else {
      r.sii_ci.push_back(m > 0 ? Interval{m * lo, m * hi} : Interval{m * hi, m * lo});
    }
  }
}

// The draw-and-select limits of simulate(), sampled exactly where the SII is linear in
// the draws: slopes are Normal(beta1, sd1), and the SII draws m x slope (the raw slope
// when transformed), so each limit is an order statistic of R normal slopes.
std::vector<std::pair<double, double>> order_statistic_limits(const Line& line,
                                                              const std::vector<double>& s,
                                                              double beta1, const Options& o,
                                                              std::uint64_t seed) {
  double v1 = 0;
  for (std::size_t i = 0; i < s.size(); ++i) v1 += line.w1[i] * line.w1[i] * s[i] * s[i];
  const double sd1 = std::sqrt(v1);
  const double m = o.transform ? 1 : o.multiplier;
  // Position p among the SII draws is position p (m > 0) or R + 1 - p (m < 0) of the slopes.
  const auto slope_position = [&](std::size_t p) { return m > 0 ? p : o.reps + 1 - p; };
  std::vector<std::size_t> positions;
  for (double level : o.levels) {
    const auto [lo, hi] = stats::percentile_positions(o.reps, level);
    positions.push_back(slope_position(lo));
    positions.push_back(slope_position(hi));
  }
  std::vector<std::size_t> unique = positions;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  const std::vector<double> values =
      stats::normal_order_statistics(beta1, sd1, o.reps, unique, seed);
  const auto at = [&](std::size_t p) {
    return m * values[static_cast<std::size_t>(std::lower_bound(unique.begin(), unique.end(), p) -
                                               unique.begin())];
  };
  std::vector<std::pair<double, double>> limits;
  for (std::size_t l = 0; l < o.levels.size(); ++l)
    limits.emplace_back(at(positions[2 * l]), at(positions[2 * l + 1]));
  return limits;
}

}  // namespace

void validate(const Options& o, ErrorSource errors) {
  if (o.transform && o.type == ValueType::normal)
    throw UsageError("--transform needs --type rate or --type proportion");
  if (o.transform && errors == ErrorSource::se)
    throw UsageError(
        "--transform derives standard errors from the limits: give --lcl and --ucl, not --se");
  if (!(o.multiplier != 0) || !std::isfinite(o.multiplier))
    throw UsageError("--multiplier must be a non-zero number");
  if (o.reps < 1000) throw UsageError("--reps must be 1000 or more");
  if (o.levels.empty()) throw UsageError("--confidence needs at least one level");
  if (o.ci == CiMethod::regression && o.reliability)
    throw UsageError("--reliability measures Monte Carlo noise; it needs --ci mc");
  if (o.ci == CiMethod::regression && o.rii && !o.transform && o.rii_method == RiiMethod::ratio)
    throw UsageError(
        "--ci regression has no RII interval for a ratio of fitted ends on the values' own "
        "scale; use --rii-method mean (Scotland's RII), --transform, or --ci mc");
  if (o.ci == CiMethod::analytic) {
    if (!o.transform && o.type != ValueType::normal)
      throw UsageError(
          "--ci analytic is exact only for --type normal or with --transform; the SII of "
          "untransformed rates and proportions needs --ci mc");
    if (!o.transform && o.rii && o.rii_method == RiiMethod::ratio)
      throw UsageError(
          "--ci analytic has no exact RII interval for untransformed values (a ratio); drop "
          "--rii or use --ci mc");
    if (o.reliability)
      throw UsageError("--reliability measures Monte Carlo noise; it needs --ci mc");
  }
}

double fitted(const Result& r, const Options& o, double b) {
  const double m = o.multiplier;
  if (!o.transform) return r.intercept + r.sii / m * b;
  const double bottom = r.intercept / std::abs(m), top = bottom + r.sii / m;
  const double beta0 = to_scale(o.type, bottom);
  return from_scale(o.type, beta0 + (to_scale(o.type, top) - beta0) * b);
}

std::vector<double> relative_ranks(std::span<const double> populations) {
  double total = 0;
  for (double p : populations) total += p;
  std::vector<double> b;
  double cumulative = 0;
  for (double p : populations) {
    const double a = p / total;
    b.push_back(cumulative + a / 2);
    cumulative += a;
  }
  return b;
}

Result compute(std::span<const Quantile> q, const Options& o, ErrorSource errors,
               std::uint64_t stream_seed) {
  Result r;
  compute(q, o, errors, stream_seed, r);
  return r;
}

void compute(std::span<const Quantile> q, const Options& o, ErrorSource errors,
             std::uint64_t stream_seed, Result& r) {
  r.sii = r.rii = r.intercept = kMissing;
  r.sii_ci.clear();
  r.rii_ci.clear();
  r.sii_mad.clear();
  r.rii_mad.clear();
  r.note.clear();
  if (q.size() < 2) {
    r.note = q.empty() ? "no quantiles" : "fewer than 2 quantiles";
    return;
  }
  for (const Quantile& x : q) {
    if (std::isnan(x.population)) {
      r.note = fmt::format("quantile {} has no population", label_text(x));
      return;
    }
    if (x.population == 0) {
      r.note = fmt::format("quantile {} has a zero population", label_text(x));
      return;
    }
    if (std::isnan(x.value)) {
      r.note = fmt::format("quantile {} has no value", label_text(x));
      return;
    }
    if (o.transform && std::isnan(to_scale(o.type, x.value))) {
      r.note = fmt::format(
          "quantile {} has a {} of {}, which has no {}; the SII cannot be fitted on the {} scale",
          label_text(x), value_name(o.type), heq::format_number(x.value), scale_name(o.type),
          scale_name(o.type));
      return;
    }
  }

  thread_local Workspace work;
  const Line& line = work.line;
  line_weights(q, work.line);
  std::vector<double>& y = work.y;
  y.clear();
  for (const Quantile& x : q) y.push_back(o.transform ? to_scale(o.type, x.value) : x.value);
  const double beta1 = dot(line.w1, y);
  const double beta0 = dot(line.w0, y);
  const double m = o.multiplier;

  if (o.transform) {
    const double top = from_scale(o.type, beta0 + beta1), bottom = from_scale(o.type, beta0);
    r.sii = (top - bottom) * m;
    r.rii = m < 0 ? bottom / top : top / bottom;
    r.intercept = bottom * std::abs(m);
  } else {
    r.sii = m * beta1;
    const double ratio = (beta0 + beta1) / beta0;
    r.rii = m < 0 ? 1 / ratio : ratio;
    r.intercept = beta0;
  }

  // Scotland's measures from the population-weighted mean of the values themselves.
  const double mean = weighted_mean(q);
  if (o.par) {
    r.par = (mean - q.back().value) * std::abs(m);
    r.par_percent = 100 * (mean - q.back().value) / mean;
  }
  const double rii_scale = std::abs(m) * mean;  // RII (mean) = SII / (|M| mean): a pure number
  if (o.rii_method == RiiMethod::mean) r.rii = rii_scale != 0 ? r.sii / rii_scale : kMissing;
  const auto rii_from_sii = [&] {
    if (o.rii_method != RiiMethod::mean || !o.rii || rii_scale == 0) return;
    r.rii_ci.clear();
    for (const Interval& ci : r.sii_ci) {
      const double a = ci.lower / rii_scale, b = ci.upper / rii_scale;
      r.rii_ci.push_back({std::min(a, b), std::max(a, b)});
    }
  };

  if (o.ci == CiMethod::regression) {
    regression_limits(q, o, line, y, beta1, r);
    rii_from_sii();
    return;
  }

  // Standard errors on the scale the draws are made on.
  if (errors == ErrorSource::none) return;
  std::vector<double>& s = work.s;
  s.clear();
  const double z_input = o.input_level == 0.95 ? kZ95 : stats::z_for_level(o.input_level);
  for (const Quantile& x : q) {
    double se = kMissing;
    if (errors == ErrorSource::se) {
      se = x.se;
      if (std::isnan(se)) {
        r.note = fmt::format("no limits: quantile {} has no standard error", label_text(x));
        return;
      }
    } else {
      if (std::isnan(x.lower) || std::isnan(x.upper)) {
        r.note = fmt::format("no limits: quantile {} has no {} limit", label_text(x),
                             std::isnan(x.lower) ? "lower" : "upper");
        return;
      }
      const double lo = to_scale(o.type, x.lower), hi = to_scale(o.type, x.upper);
      if (std::isnan(lo) || std::isnan(hi)) {
        r.note = fmt::format(
            "no limits: quantile {}'s limits ({}, {}) have no {}, so no standard error can be "
            "derived from them",
            label_text(x), heq::format_number(x.lower), heq::format_number(x.upper),
            scale_name(o.type));
        return;
      }
      se = (hi - lo) / (2 * z_input);
    }
    if (!o.transform && o.type != ValueType::normal && std::isnan(to_scale(o.type, x.value))) {
      r.note = fmt::format("no limits: quantile {} has a {} of {}, which has no {} to draw around",
                           label_text(x), value_name(o.type), heq::format_number(x.value),
                           scale_name(o.type));
      return;
    }
    s.push_back(se);
  }

  // The PHE package swaps transformed rate limits for any multiplier below 1.
  const bool quirk = o.compat_phe && o.transform && o.type == ValueType::rate && m > 0 && m < 1;
  const SlopeScale scale{o.type, beta0 + beta1 / 2, m, m < 0 || quirk};

  if (o.ci == CiMethod::analytic) {
    double v1 = 0;
    for (std::size_t i = 0; i < q.size(); ++i) v1 += line.w1[i] * line.w1[i] * s[i] * s[i];
    const double sd1 = std::sqrt(v1);
    for (double level : o.levels) {
      const double zl = stats::z_for_level(level);
      const double lo = beta1 - zl * sd1, hi = beta1 + zl * sd1;
      if (o.transform) {
        r.sii_ci.push_back(scale.sii_limits(lo, hi));
        if (o.rii) r.rii_ci.push_back(scale.rii_limits(lo, hi));
      } else {
        r.sii_ci.push_back(m > 0 ? Interval{m * lo, m * hi} : Interval{m * hi, m * lo});
      }
    }
  } else {
    const std::size_t blocks = o.reliability ? kReliabilityBlocks : 1;
    const bool want_rii = o.rii && o.rii_method == RiiMethod::ratio;
    // Where the SII is linear in the draws and no ratio needs them, the limits are order
    // statistics of normal slopes: sampled exactly, without drawing them.
    const bool exact_order =
        (o.transform || o.type == ValueType::normal) && !(want_rii && !o.transform);
    thread_local Draws draws;
    if (!exact_order) simulate(q, o, line, y, s, beta0, beta1, stream_seed, draws);
    auto& sii_blocks = work.sii_blocks;
    auto& rii_blocks = work.rii_blocks;
    sii_blocks.resize(blocks);
    rii_blocks.resize(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
      sii_blocks[b].clear();
      rii_blocks[b].clear();
    }
    for (std::size_t b = 0; b < blocks; ++b) {
      std::vector<std::pair<double, double>> limits;
      if (exact_order) {
        limits = order_statistic_limits(line, s, beta1, o, stream_seed + b);
      } else {
        std::span<double> sii_draws(draws.sii.data() + b * o.reps, o.reps);
        limits = stats::percentile_limits(sii_draws, o.levels);
      }
      for (const auto& [lo, hi] : limits) {
        if (o.transform) {
          sii_blocks[b].push_back(scale.sii_limits(lo, hi));
          if (want_rii) rii_blocks[b].push_back(scale.rii_limits(lo, hi));
        } else {
          sii_blocks[b].push_back({lo, hi});
        }
      }
      if (want_rii && !o.transform) {
        std::span<double> rii_draws(draws.rii.data() + b * o.reps, o.reps);
        for (const auto& [lo, hi] : stats::percentile_limits(rii_draws, o.levels))
          rii_blocks[b].push_back({lo, hi});
      }
    }
    r.sii_ci = sii_blocks[0];
    if (want_rii) r.rii_ci = rii_blocks[0];
    if (o.reliability) {
      const auto mad = [&](const std::vector<std::vector<Interval>>& per_block, std::size_t l) {
        double sum = 0;
        for (std::size_t b = 1; b < blocks; ++b)
          sum += std::abs(per_block[b][l].lower - per_block[0][l].lower) +
                 std::abs(per_block[b][l].upper - per_block[0][l].upper);
        return sum / static_cast<double>(2 * (blocks - 1));
      };
      for (std::size_t l = 0; l < o.levels.size(); ++l) {
        r.sii_mad.push_back(mad(sii_blocks, l));
        if (want_rii) r.rii_mad.push_back(mad(rii_blocks, l));
        if (o.rii && !want_rii) r.rii_mad.push_back(r.sii_mad.back() / std::abs(rii_scale));
      }
    }
  }
  rii_from_sii();
  if (quirk)
    r.note =
        "limits swapped as PHEindicatormethods does for a rate multiplier between 0 and 1 "
        "(--compat phe)";
  return;
}

}  // namespace heq::sii
