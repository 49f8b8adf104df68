#include "measures/measures.hpp"
#include "core/missing.hpp"
#include "stats/percentile.hpp"

#include "measures/logistic.hpp"

#include "core/number.hpp"
#include "stats/confidence.hpp"
#include "stats/random.hpp"

#include <fmt/format.h>
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace heq::measures {

namespace {

struct Prepared {
  std::vector<double> y, s, n, p, ridit;  // ordered: sorted by order
  std::vector<std::string> labels;
  std::vector<bool> reference;
  bool populations = false;  // every used subgroup has a population
  double mu = kMissing;
  std::size_t total = 0;     // subgroups given, with or without an estimate
  std::string missing_note;  // set when the group is too incomplete for its dimension
  bool extremes = true;      // ordered: the first and last subgroups have estimates
};

double weighted_mean(const std::vector<double>& y, const std::vector<double>& p) {
  double m = 0;
  for (std::size_t i = 0; i < y.size(); ++i) m += p[i] * y[i];
  return m;
}

Prepared prepare(std::span<const Subgroup> in, const Setting& setting) {
  Prepared d;
  d.total = in.size();
  std::vector<Subgroup> used;
  for (const Subgroup& g : in)
    if (!std::isnan(g.estimate)) used.push_back(g);
  if (setting.ordered) {
    std::vector<Subgroup> all(in.begin(), in.end());
    std::stable_sort(all.begin(), all.end(),
                     [](const Subgroup& a, const Subgroup& b) { return a.order < b.order; });
    d.extremes =
        !all.empty() && !std::isnan(all.front().estimate) && !std::isnan(all.back().estimate);
    if (used.size() < in.size())
      d.missing_note =
          fmt::format("ordered measures need every subgroup's estimate ({} of {} given)",
                      used.size(), in.size());
    std::stable_sort(used.begin(), used.end(),
                     [](const Subgroup& a, const Subgroup& b) { return a.order < b.order; });
  } else if (static_cast<double>(used.size()) < 0.85 * static_cast<double>(in.size())) {
    d.missing_note =
        fmt::format("non-ordered measures need estimates for 85% of subgroups ({} of {} given)",
                    used.size(), in.size());
  }
  d.populations = !used.empty();
  double total = 0;
  for (const Subgroup& g : used) {
    d.y.push_back(g.estimate);
    d.s.push_back(g.se);
    d.n.push_back(g.population);
    d.labels.push_back(g.label);
    d.reference.push_back(g.reference);
    if (!(g.population > 0)) d.populations = false;
    total += g.population;
  }
  if (d.populations) {
    double cumulative = 0;
    for (double n : d.n) {
      d.p.push_back(n / total);
      d.ridit.push_back(cumulative + n / total / 2);
      cumulative += n / total;
    }
    d.mu = weighted_mean(d.y, d.p);
  } else {
    d.mu = setting.average;
  }
  return d;
}

// Index of the reference subgroup, or -1.
int reference_index(const Prepared& d) {
  for (std::size_t i = 0; i < d.reference.size(); ++i)
    if (d.reference[i]) return static_cast<int>(i);
  return -1;
}

std::size_t best_index(const std::vector<double>& y, bool favourable) {
  const auto it =
      favourable ? std::max_element(y.begin(), y.end()) : std::min_element(y.begin(), y.end());
  return static_cast<std::size_t>(it - y.begin());
}

// The closed forms of the simulated measures, as functions of the estimates.
struct Dispersion {
  const Prepared& d;
  const Setting& setting;
  double mean_of(const std::vector<double>& y) const {
    return d.populations ? weighted_mean(y, d.p) : d.mu;
  }
  double bgv(const std::vector<double>& y, double mu) const {
    double v = 0;
    for (std::size_t i = 0; i < y.size(); ++i) v += d.p[i] * (y[i] - mu) * (y[i] - mu);
    return v;
  }
  double mean_difference(const std::vector<double>& y, double centre, bool weighted) const {
    double v = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
      v += (weighted ? d.p[i] : 1.0 / static_cast<double>(y.size())) * std::abs(y[i] - centre);
    return v;
  }
  double value(const std::string& m, const std::vector<double>& y) const {
    const double mu = mean_of(y);
    if (m == "bgsd") return std::sqrt(bgv(y, mu));
    if (m == "cov") return 100 * std::sqrt(bgv(y, mu)) / mu;
    if (m == "mdmu" || m == "mdmw") return mean_difference(y, mu, m == "mdmw");
    if (m == "idisu" || m == "idisw") return 100 * mean_difference(y, mu, m == "idisw") / mu;
    if (m == "mdbu" || m == "mdbw")
      return mean_difference(y, y[best_index(y, setting.favourable)], m == "mdbw");
    const int r = reference_index(d);
    return mean_difference(y, y[static_cast<std::size_t>(r)], m == "mdrw");  // mdru, mdrw
  }
};

struct Logistic {
  Contrasts contrasts;
  bool converged;
};

// The WHO SII/RII: a logistic fit of the subgroups' proportions on their ridits, weighted
// by population (or population squared, as healthequal's prior weights make it), with
// HC1 sandwich standard errors and the delta method for p(1) - p(0) and log p(1)/p(0).
Logistic logistic(const Prepared& d, double scale, bool n_squared) {
  const std::size_t k = d.y.size();
  Eigen::MatrixXd x(k, 2);
  Eigen::VectorXd prop(k), w(k);
  // The fit is on counts (whole people, as the package makes them), so the ridits are
  // taken from those counts too.
  double people = 0;
  for (double n : d.n) people += std::ceil(n);
  double cumulative = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double n = std::ceil(d.n[i]);
    const double successes = std::nearbyint(d.y[i] / scale * n);
    x(i, 0) = 1;
    x(i, 1) = cumulative + n / people / 2;
    cumulative += n / people;
    prop(i) = successes / n;
    w(i) = n_squared ? n * n : n;
  }
  Eigen::Vector2d beta = Eigen::Vector2d::Zero();
  bool converged = false;
  Eigen::VectorXd mu(k);
  for (int iteration = 0; iteration < 100 && !converged; ++iteration) {
    const Eigen::VectorXd eta = x * beta;
    Eigen::VectorXd working(k), z(k);
    for (std::size_t i = 0; i < k; ++i) {
      mu(i) = expit(eta(i));
      const double v = mu(i) * (1 - mu(i));
      working(i) = w(i) * v;
      z(i) = eta(i) + (prop(i) - mu(i)) / v;
    }
    const Eigen::Matrix2d xtwx = x.transpose() * working.asDiagonal() * x;
    const Eigen::Vector2d next = xtwx.ldlt().solve(x.transpose() * working.asDiagonal() * z);
    converged = (next - beta).cwiseAbs().maxCoeff() < 1e-13 * (1 + beta.cwiseAbs().maxCoeff());
    beta = next;
  }
  for (std::size_t i = 0; i < k; ++i) mu(i) = expit((x.row(i) * beta)(0));
  Eigen::VectorXd working(k), score(k);
  for (std::size_t i = 0; i < k; ++i) {
    working(i) = w(i) * mu(i) * (1 - mu(i));
    score(i) = w(i) * (prop(i) - mu(i));
  }
  const Eigen::Matrix2d bread = (x.transpose() * working.asDiagonal() * x).inverse();
  const Eigen::Matrix2d meat = x.transpose() * score.cwiseProduct(score).asDiagonal() * x;
  const Eigen::Matrix2d v =
      bread * meat * bread * (static_cast<double>(k) / static_cast<double>(k - 2));
  return {contrasts(beta, v), converged};
}

// The "convenient regression" slope and its OLS standard error: 2 var(ridit) y (over mu
// for the RCI) on the ridit, every row and the intercept weighted by sqrt(n).
std::pair<double, double> convenient_regression(const Prepared& d, bool relative) {
  const std::size_t k = d.y.size();
  double var_ridit = 0;
  for (std::size_t i = 0; i < k; ++i) var_ridit += d.p[i] * (d.ridit[i] - 0.5) * (d.ridit[i] - 0.5);
  Eigen::MatrixXd x(k, 2);
  Eigen::VectorXd lhs(k);
  for (std::size_t i = 0; i < k; ++i) {
    const double root = std::sqrt(d.n[i]);
    x(i, 0) = root;
    x(i, 1) = d.ridit[i] * root;
    lhs(i) = 2 * var_ridit * d.y[i] / (relative ? d.mu : 1) * root;
  }
  const Eigen::Matrix2d xtx = x.transpose() * x;
  const Eigen::Vector2d beta = xtx.ldlt().solve(x.transpose() * lhs);
  const double rss = (lhs - x * beta).squaredNorm();
  const double sigma2 = rss / static_cast<double>(k - 2);
  return {beta(1), std::sqrt(sigma2 * xtx.inverse()(1, 1))};
}

}  // namespace

double correction_factor(Correction correction, double mu) {
  switch (correction) {
    case Correction::wagstaff:
      return 1 / (1 - mu);
    case Correction::erreygers:
      return 4 * mu;
    case Correction::none:
      break;
  }
  return 1;
}

const char* correction_name(Correction correction) {
  switch (correction) {
    case Correction::wagstaff:
      return "Wagstaff";
    case Correction::erreygers:
      return "Erreygers";
    case Correction::none:
      break;
  }
  return "bounded";
}

Compat heat_compat() {
  Compat c;
  c.n_squared_weights = c.infer_scale = c.whole_people = c.unscaled_se = c.log_scale_ratio_se =
      c.ignore_reference_for_paf = c.zero_as_tiny = true;
  return c;
}

namespace {

// What every measure's computation reads: the prepared subgroups and the run's settings.
struct Context {
  const Prepared& d;
  const Setting& setting;
  const Compat& c;
  double z;
  std::string mode;  // " (compat heat)" or empty, after each ci_method
  int ref;           // the reference subgroup, or -1
};

void symmetric(Result& r, const Context& x, double est, double se, const char* method) {
  r.estimate = est;
  r.se = se;
  r.lower = est - x.z * se;
  r.upper = est + x.z * se;
  r.ci_method = method + x.mode;
}

// Why a measure that applies cannot be computed here (empty: it can); `skip` when it is
// left out unless named.
std::string rule_note(const MeasureSpec& spec, const Context& x, bool& skip) {
  const Prepared& d = x.d;
  if (spec.pairwise && x.setting.ordered && !d.extremes)
    return "needs the most and least disadvantaged subgroups' estimates";
  if (spec.pairwise && d.y.size() < 2) return "needs two subgroups with estimates";
  if (!spec.pairwise && !d.missing_note.empty()) return d.missing_note;
  if (spec.weighted && !d.populations) return "needs every subgroup's population";
  if (spec.needs_reference && x.ref < 0) {
    skip = true;
    return "needs a reference subgroup";
  }
  if (spec.needs_mean && std::isnan(d.mu)) return "needs populations or a setting average";
  return "";
}

// D and R: the two subgroups they compare, favoured first.
void pairwise(Result& r, const MeasureSpec& spec, const Context& x) {
  const Prepared& d = x.d;
  const Setting& setting = x.setting;
  const std::size_t k = d.y.size();
  std::size_t i1, i2;
  if (setting.ordered) {
    const std::size_t top = k - 1, bottom = 0;  // most advantaged, most disadvantaged
    i1 = setting.favourable ? top : bottom;
    i2 = setting.favourable ? bottom : top;
  } else if (x.ref < 0) {
    i1 = best_index(d.y, true);
    i2 = best_index(d.y, false);
  } else {
    std::vector<double> others = d.y;
    const std::size_t rr = static_cast<std::size_t>(x.ref);
    others[rr] = setting.favourable ? std::numeric_limits<double>::infinity()
                                    : -std::numeric_limits<double>::infinity();
    if (setting.favourable) {
      i1 = rr;
      i2 = best_index(others, false);
    } else {
      i1 = best_index(others, true);
      i2 = rr;
    }
  }
  const double y1 = d.y[i1], y2 = d.y[i2], s1 = d.s[i1], s2 = d.s[i2];
  if (spec.kind == Kind::difference)
    return symmetric(r, x, y1 - y2, std::sqrt(s1 * s1 + s2 * s2), "analytic");
  if (!(y1 > 0 && y2 > 0)) {
    r.note = "needs positive estimates";
    return;
  }
  const double ratio = y1 / y2;
  const double se_log = std::sqrt(s1 * s1 + ratio * ratio * s2 * s2) / (y2 * ratio);
  r.estimate = ratio;
  r.se = x.c.log_scale_ratio_se ? se_log : ratio * se_log;
  r.lower = ratio * std::exp(-x.z * se_log);
  r.upper = ratio * std::exp(x.z * se_log);
  r.ci_method = "analytic (log scale)" + x.mode;
}

// The scale the SII/RII models divide the estimates by: the setting's, or with
// infer_scale healthequal's, from the largest estimate (1, 100, 1000, ...).
double model_scale(const Context& x) {
  if (!x.c.infer_scale) return x.setting.scale;
  const double top = *std::max_element(x.d.y.begin(), x.d.y.end());
  double scale = 1;
  while (top > scale) scale *= 10;
  return scale == 10 ? 100 : scale;
}

void logistic_measure(Result& r, const Context& x) {
  const double scale = model_scale(x);
  const Logistic fit = logistic(x.d, scale, x.c.n_squared_weights);
  report(r, fit.contrasts,
         {scale, x.z, x.c.unscaled_se, x.c.log_scale_ratio_se, "logistic regression, HC1", x.mode});
  if (!fit.converged) r.note = "the logistic fit did not converge";
}

// The ACI and RCI; with bounds, of (y - low) / (high - low); the RCI then corrected
// as Wagstaff (C / (1 - mu)) or Erreygers (4 mu C), mu the normalised mean. A constant
// factor on the regression's left-hand side scales the slope and its SE alike.
void concentration(Result& r, const MeasureSpec& spec, const Context& x, const Options& o) {
  const bool relative = spec.name == "rci";
  if (std::isnan(o.low)) {
    const auto [slope, se] = convenient_regression(x.d, relative);
    return symmetric(r, x, slope, se, "regression");
  }
  Prepared d = x.d;
  const double range = o.high - o.low;
  for (double& y : d.y) {
    if (y < o.low || y > o.high) {
      r.note = fmt::format("an estimate lies outside the bounds {} to {}",
                           heq::format_number(o.low), heq::format_number(o.high));
      return;
    }
    y = (y - o.low) / range;
  }
  d.mu = (d.mu - o.low) / range;
  auto [slope, se] = convenient_regression(d, relative);
  const Correction correction = relative ? o.correction : Correction::none;
  const double factor = correction_factor(correction, d.mu);
  const std::string method = fmt::format("regression ({})", correction_name(correction));
  symmetric(r, x, slope * factor, se * factor, method.c_str());
}

// healthequal's linear = TRUE: est / scale on the ridit by least squares weighted by
// population, HC1 sandwich SEs; SII = b1, RII = (b0 + b1) / b0 (its log by the delta method).
void linear_measure(Result& r, const Context& x) {
  const Prepared& d = x.d;
  const std::size_t k = d.y.size();
  const double scale = model_scale(x);
  // healthequal rounds populations up to whole people before either model, the ranks
  // included; heq's default weights by the populations as given.
  std::vector<double> people(d.n.begin(), d.n.end());
  if (x.c.whole_people)
    for (double& n : people) n = std::ceil(n);
  const double total = std::accumulate(people.begin(), people.end(), 0.0);
  Eigen::MatrixXd X(k, 2);
  Eigen::VectorXd y(k), w(k);
  double cumulative = 0;
  for (std::size_t i = 0; i < k; ++i) {
    X(i, 0) = 1;
    X(i, 1) = x.c.whole_people ? (cumulative + people[i] / 2) / total : d.ridit[i];
    cumulative += people[i];
    y(i) = d.y[i] / scale;
    w(i) = people[i];
  }
  const Eigen::Matrix2d bread = (X.transpose() * w.asDiagonal() * X).inverse();
  const Eigen::Vector2d beta = bread * X.transpose() * w.asDiagonal() * y;
  const Eigen::VectorXd score = w.cwiseProduct(y - X * beta);
  const Eigen::Matrix2d meat = X.transpose() * score.cwiseProduct(score).asDiagonal() * X;
  const Eigen::Matrix2d v =
      bread * meat * bread * (static_cast<double>(k) / static_cast<double>(k - 2));
  const double top = beta(0) + beta(1), bottom = beta(0);
  const Eigen::Vector2d g_rii(1 / top - 1 / bottom, 1 / top);
  const Contrasts c{beta(1), std::sqrt(v(1, 1)), top / bottom, std::sqrt(g_rii.dot(v * g_rii))};
  report(r, c,
         {scale, x.z, x.c.unscaled_se, x.c.log_scale_ratio_se, "linear regression, HC1", x.mode});
  if (r.measure == "rii" && !(top > 0 && bottom > 0))
    r = Result{r.measure,
               kMissing,
               kMissing,
               kMissing,
               kMissing,
               "",
               "the fitted line is not positive at both ends: no RII"};
}

void between_group_variance(Result& r, const Context& x) {
  const Prepared& d = x.d;
  const Dispersion disp{d, x.setting};
  double a = 0, b = 0, c4 = 0, e = 0;
  for (std::size_t i = 0; i < d.y.size(); ++i) {
    const double p2s2 = d.p[i] * d.p[i] * d.s[i] * d.s[i];
    a += p2s2 * (d.y[i] - d.mu) * (d.y[i] - d.mu);
    b += p2s2;
    c4 += p2s2 * p2s2;
    e += d.p[i] * d.p[i] * (1 - d.p[i]) * (1 - d.p[i]) * std::pow(d.s[i], 4);
  }
  symmetric(r, x, disp.bgv(d.y, d.mu), std::sqrt(4 * a + 2 * (b * b - c4 + e)), "analytic");
}

// MLD and Theil's index, x 1000.
void entropy(Result& r, const MeasureSpec& spec, const Context& x) {
  const Prepared& d = x.d;
  const bool theil = spec.name == "ti";
  const std::size_t k = d.y.size();
  double est = 0, var = 0, centre = 0;
  bool infinite = false;
  std::vector<double> ratio(k);
  for (std::size_t i = 0; i < k; ++i) {
    const double y = x.c.zero_as_tiny && d.y[i] == 0 ? 1e-6 : d.y[i];
    ratio[i] = y / d.mu;
    if (theil) {
      if (ratio[i] > 0) {
        est += d.p[i] * ratio[i] * std::log(ratio[i]);
        centre += d.p[i] * ratio[i] * (1 + std::log(ratio[i]));
      }
    } else if (ratio[i] > 0) {
      est -= d.p[i] * std::log(ratio[i]);
    } else {
      infinite = true;
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    const double p2s2 = d.p[i] * d.p[i] * d.s[i] * d.s[i];
    const double factor =
        theil ? 1 + (ratio[i] > 0 ? std::log(ratio[i]) : 0) - centre : 1 - 1 / ratio[i];
    var += p2s2 * factor * factor;
  }
  if (infinite) {
    r.note = "a subgroup's estimate is 0: the MLD is infinite";
    return;
  }
  const double se = std::sqrt(var) / d.mu;
  symmetric(r, x, 1000 * est, x.c.unscaled_se ? se : 1000 * se, "analytic");
}

// PAR and PAF against the reference (ordered: the most advantaged; else the marked
// reference, else the best), with Walter's variance of the attributable fraction.
void attributable(Result& r, const MeasureSpec& spec, const Context& x) {
  const Prepared& d = x.d;
  const Setting& setting = x.setting;
  const std::size_t k = d.y.size();
  std::size_t ri;
  if (setting.ordered)
    ri = k - 1;
  else if (x.ref >= 0 && !x.c.ignore_reference_for_paf)
    ri = static_cast<std::size_t>(x.ref);
  else
    ri = best_index(d.y, setting.favourable);
  double par = d.y[ri] - d.mu;
  if ((setting.favourable && par < 0) || (!setting.favourable && par > 0)) par = 0;
  double total = 0;
  for (double n : d.n) total += n;
  const double cc = d.y[ri] * d.n[ri] / setting.scale, dd = d.n[ri] - cc;
  const double aa = d.mu * total / setting.scale - cc, bb = total - aa - d.n[ri];
  const double var_af = cc * total * (aa * dd * (total - cc) + bb * cc * cc) /
                        (std::pow(aa + cc, 3) * std::pow(cc + dd, 3));
  const double se_af = std::sqrt(var_af);
  if (spec.name == "par")
    symmetric(r, x, par, d.mu * se_af, "analytic");
  else
    symmetric(r, x, 100 * par / d.mu, x.c.unscaled_se ? se_af : 100 * se_af, "analytic");
}

// Limits of the dispersion measures: one set of truncated-normal draws of every
// subgroup, shared by all of them; percentiles at the level, se the draws' SD.
void simulate(std::vector<Result>& out, const std::vector<std::size_t>& simulated, const Context& x,
              const Options& o, std::uint64_t seed) {
  const Prepared& d = x.d;
  const std::size_t k = d.y.size();
  stats::NormalDraws normal(seed);
  const Dispersion disp{d, x.setting};
  const double ceiling = x.setting.scale == 100 ? 100 : std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> values(simulated.size());
  std::vector<double> y(k);
  for (std::size_t rep = 0; rep < o.reps; ++rep) {
    for (std::size_t i = 0; i < k; ++i) {
      if (!(d.s[i] > 0)) {
        y[i] = d.y[i];
        continue;
      }
      double draw = d.y[i] + d.s[i] * normal();
      for (int tries = 0; (draw < 0 || draw > ceiling) && tries < 1000; ++tries)
        draw = d.y[i] + d.s[i] * normal();
      y[i] = std::clamp(draw, 0.0, ceiling);
    }
    for (std::size_t j = 0; j < simulated.size(); ++j)
      values[j].push_back(disp.value(out[simulated[j]].measure, y));
  }
  for (std::size_t j = 0; j < simulated.size(); ++j) {
    std::vector<double>& v = values[j];
    Result& r = out[simulated[j]];
    std::sort(v.begin(), v.end());
    r.lower = stats::quantile_type7(v, (1 - o.level) / 2);
    r.upper = stats::quantile_type7(v, (1 + o.level) / 2);
    if (!x.c.unscaled_se) {
      const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
      double ss = 0;
      for (double v_i : v) ss += (v_i - mean) * (v_i - mean);
      r.se = std::sqrt(ss / static_cast<double>(v.size() - 1));
    }
  }
}

}  // namespace

std::vector<Result> compute(std::span<const Subgroup> subgroups, const Setting& setting,
                            const std::vector<std::string>& wanted, const Options& o,
                            std::uint64_t seed) {
  const Prepared d = prepare(subgroups, setting);
  const Context x{d,
                  setting,
                  o.compat,
                  stats::z_for_level(o.level),
                  o.compat.n_squared_weights ? " (compat heat)" : "",
                  reference_index(d)};
  const bool named = !wanted.empty();
  std::vector<const MeasureSpec*> list;
  if (named)
    for (const std::string& m : wanted) list.push_back(find_measure(m));
  else
    for (const MeasureSpec& spec : catalogue()) list.push_back(&spec);

  std::vector<Result> out;
  std::vector<std::size_t> simulated;  // indices in `out` waiting for simulated limits
  for (const MeasureSpec* spec : list) {
    Result r;
    r.measure = std::string(spec->name);
    if (!applies(*spec, setting.ordered, d.total)) {
      if (!named) continue;
      r.note = fmt::format("does not apply to {} dimension{}",
                           setting.ordered ? "an ordered" : "a non-ordered",
                           d.total == 2  ? " of two subgroups"
                           : d.total < 2 ? " with fewer than two subgroups"
                                         : "");
      out.push_back(r);
      continue;
    }
    bool skip = false;
    r.note = rule_note(*spec, x, skip);
    if (skip && !named) continue;
    if (!r.note.empty()) {
      out.push_back(r);
      continue;
    }
    switch (spec->kind) {
      case Kind::difference:
      case Kind::ratio:
        pairwise(r, *spec, x);
        break;
      case Kind::concentration:
        concentration(r, *spec, x, o);
        break;
      case Kind::logistic:
        if (o.linear)
          linear_measure(r, x);
        else
          logistic_measure(r, x);
        break;
      case Kind::variance:
        between_group_variance(r, x);
        break;
      case Kind::entropy:
        entropy(r, *spec, x);
        break;
      case Kind::attributable:
        attributable(r, *spec, x);
        break;
      case Kind::dispersion:  // closed form now, limits by simulation below
        r.estimate = Dispersion{d, setting}.value(r.measure, d.y);
        r.ci_method = fmt::format("simulation ({} draws)", o.reps) + x.mode;
        simulated.push_back(out.size());
        break;
    }
    out.push_back(r);
  }
  if (!simulated.empty()) simulate(out, simulated, x, o, seed);
  return out;
}

}  // namespace heq::measures
