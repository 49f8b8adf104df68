#include "measures/measures.hpp"

#include "measures/logistic.hpp"

#include "core/number.hpp"
#include "stats/confidence.hpp"
#include "stats/random.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>

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
  double mu = kNaN;
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
    std::stable_sort(all.begin(), all.end(), [](const Subgroup& a, const Subgroup& b) { return a.order < b.order; });
    d.extremes = !all.empty() && !std::isnan(all.front().estimate) && !std::isnan(all.back().estimate);
    if (used.size() < in.size())
      d.missing_note = fmt::format("ordered measures need every subgroup's estimate ({} of {} given)",
                                   used.size(), in.size());
    std::stable_sort(used.begin(), used.end(), [](const Subgroup& a, const Subgroup& b) { return a.order < b.order; });
  } else if (static_cast<double>(used.size()) < 0.85 * static_cast<double>(in.size())) {
    d.missing_note = fmt::format("non-ordered measures need estimates for 85% of subgroups ({} of {} given)",
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
  const auto it = favourable ? std::max_element(y.begin(), y.end()) : std::min_element(y.begin(), y.end());
  return static_cast<std::size_t>(it - y.begin());
}

// R's default quantile (type 7) of sorted values.
double quantile7(const std::vector<double>& sorted, double prob) {
  const double h = (static_cast<double>(sorted.size()) - 1) * prob;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

// The closed forms of the simulated measures, as functions of the estimates.
struct Dispersion {
  const Prepared& d;
  const Setting& setting;
  double mean_of(const std::vector<double>& y) const { return d.populations ? weighted_mean(y, d.p) : d.mu; }
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
    if (m == "mdbu" || m == "mdbw") return mean_difference(y, y[best_index(y, setting.favourable)], m == "mdbw");
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
  const Eigen::Matrix2d v = bread * meat * bread * (static_cast<double>(k) / static_cast<double>(k - 2));
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

Compat heat_compat() { return {true, true, true, true, true, true}; }

const std::vector<std::string>& all_measures() {
  static const std::vector<std::string> names{"d",    "r",    "aci",   "rci",   "sii",  "rii",  "bgv",
                                              "bgsd", "cov",  "mdmu",  "mdmw",  "mdbu", "mdbw", "mdru",
                                              "mdrw", "idisu", "idisw", "mld",  "ti",   "paf",  "par"};
  return names;
}

bool applies(const std::string& m, bool ordered, std::size_t subgroups) {
  if (m == "d" || m == "r" || m == "paf" || m == "par") return subgroups >= 2;
  if (m == "aci" || m == "rci" || m == "sii" || m == "rii") return ordered && subgroups > 2;
  return !ordered && subgroups > 2;
}

std::vector<Result> compute(std::span<const Subgroup> subgroups, const Setting& setting,
                            const std::vector<std::string>& wanted, const Options& o, std::uint64_t seed) {
  const Prepared d = prepare(subgroups, setting);
  const Compat& c = o.compat;
  const double z = stats::z_for_level(o.level);
  const std::string mode = c.n_squared_weights ? " (compat heat)" : "";
  const std::size_t k = d.y.size();
  const bool named = !wanted.empty();
  const std::vector<std::string>& list = named ? wanted : all_measures();

  std::vector<Result> out;
  std::vector<std::size_t> simulated;  // indices in `out` waiting for simulated limits
  for (const std::string& m : list) {
    Result r;
    r.measure = m;
    const auto symmetric = [&](double est, double se, const char* method) {
      r.estimate = est;
      r.se = se;
      r.lower = est - z * se;
      r.upper = est + z * se;
      r.ci_method = method + mode;
    };
    if (!applies(m, setting.ordered, d.total)) {
      if (!named) continue;
      r.note = fmt::format("does not apply to {} dimension{}", setting.ordered ? "an ordered" : "a non-ordered",
                           d.total == 2 ? " of two subgroups" : d.total < 2 ? " with fewer than two subgroups" : "");
      out.push_back(r);
      continue;
    }
    const bool weighted = m != "d" && m != "r" && m != "mdmu" && m != "mdbu" && m != "mdru" && m != "idisu";
    const int ref = reference_index(d);
    const bool pairwise = m == "d" || m == "r";  // HEAT applies no completeness rule to these
    if (pairwise && setting.ordered && !d.extremes) {
      r.note = "needs the most and least disadvantaged subgroups' estimates";
    } else if (pairwise && k < 2) {
      r.note = "needs two subgroups with estimates";
    } else if (!pairwise && !d.missing_note.empty()) {
      r.note = d.missing_note;
    } else if (weighted && !d.populations) {
      r.note = "needs every subgroup's population";
    } else if ((m == "mdru" || m == "mdrw") && ref < 0) {
      if (!named) continue;
      r.note = "needs a reference subgroup";
    } else if (m != "d" && m != "r" && m != "mdbu" && m != "mdbw" && m != "mdru" && m != "mdrw" && std::isnan(d.mu)) {
      r.note = "needs populations or a setting average";
    }
    if (!r.note.empty()) {
      out.push_back(r);
      continue;
    }

    if (m == "d" || m == "r") {
      std::size_t i1, i2;
      if (setting.ordered) {
        const std::size_t top = k - 1, bottom = 0;  // most advantaged, most disadvantaged
        i1 = setting.favourable ? top : bottom;
        i2 = setting.favourable ? bottom : top;
      } else if (ref < 0) {
        i1 = best_index(d.y, true);
        i2 = best_index(d.y, false);
      } else {
        std::vector<double> others = d.y;
        const std::size_t rr = static_cast<std::size_t>(ref);
        others[rr] = setting.favourable ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
        if (setting.favourable) {
          i1 = rr;
          i2 = best_index(others, false);
        } else {
          i1 = best_index(others, true);
          i2 = rr;
        }
      }
      const double y1 = d.y[i1], y2 = d.y[i2], s1 = d.s[i1], s2 = d.s[i2];
      if (m == "d") {
        symmetric(y1 - y2, std::sqrt(s1 * s1 + s2 * s2), "analytic");
      } else {
        const double ratio = y1 / y2;
        const double se_log = std::sqrt(s1 * s1 + ratio * ratio * s2 * s2) / (y2 * ratio);
        r.estimate = ratio;
        r.se = c.log_scale_ratio_se ? se_log : ratio * se_log;
        r.lower = ratio * std::exp(-z * se_log);
        r.upper = ratio * std::exp(z * se_log);
        r.ci_method = "analytic (log scale)" + mode;
        if (!(y1 > 0 && y2 > 0)) {
          r = Result{m, kNaN, kNaN, kNaN, kNaN, "", "needs positive estimates"};
        }
      }
    } else if (m == "aci" || m == "rci") {
      const auto [slope, se] = convenient_regression(d, m == "rci");
      symmetric(slope, se, "regression");
    } else if (m == "sii" || m == "rii") {
      double scale = setting.scale;
      if (c.infer_scale) {
        const double top = *std::max_element(d.y.begin(), d.y.end());
        scale = 1;
        while (top > scale) scale *= 10;
        if (scale == 10) scale = 100;  // the package's steps are 1, 100, 1000, ...
      }
      const Logistic fit = logistic(d, scale, c.n_squared_weights);
      report(r, fit.contrasts, {scale, z, c.unscaled_se, c.log_scale_ratio_se, "logistic regression, HC1", mode});
      if (!fit.converged) r.note = "the logistic fit did not converge";
    } else if (m == "bgv") {
      const Dispersion disp{d, setting};
      double a = 0, b = 0, c4 = 0, e = 0;
      for (std::size_t i = 0; i < k; ++i) {
        const double p2s2 = d.p[i] * d.p[i] * d.s[i] * d.s[i];
        a += p2s2 * (d.y[i] - d.mu) * (d.y[i] - d.mu);
        b += p2s2;
        c4 += p2s2 * p2s2;
        e += d.p[i] * d.p[i] * (1 - d.p[i]) * (1 - d.p[i]) * std::pow(d.s[i], 4);
      }
      symmetric(disp.bgv(d.y, d.mu), std::sqrt(4 * a + 2 * (b * b - c4 + e)), "analytic");
    } else if (m == "mld" || m == "ti") {
      double est = 0, var = 0, centre = 0;
      bool infinite = false;
      std::vector<double> ratio(k);
      for (std::size_t i = 0; i < k; ++i) {
        const double y = c.zero_as_tiny && d.y[i] == 0 ? 1e-6 : d.y[i];
        ratio[i] = y / d.mu;
        if (m == "ti") {
          if (ratio[i] > 0) {
            est += d.p[i] * ratio[i] * std::log(ratio[i]);
            centre += d.p[i] * ratio[i] * (1 + std::log(ratio[i]));
          }
        } else {
          if (ratio[i] > 0)
            est -= d.p[i] * std::log(ratio[i]);
          else
            infinite = true;
        }
      }
      for (std::size_t i = 0; i < k; ++i) {
        const double p2s2 = d.p[i] * d.p[i] * d.s[i] * d.s[i];
        const double factor = m == "ti" ? 1 + (ratio[i] > 0 ? std::log(ratio[i]) : 0) - centre : 1 - 1 / ratio[i];
        var += p2s2 * factor * factor;
      }
      const double se = std::sqrt(var) / d.mu;
      symmetric(1000 * est, c.unscaled_se ? se : 1000 * se, "analytic");
      if (infinite) r = Result{m, kNaN, kNaN, kNaN, kNaN, "", "a subgroup's estimate is 0: the MLD is infinite"};
    } else if (m == "paf" || m == "par") {
      std::size_t ri;
      if (setting.ordered)
        ri = k - 1;
      else if (ref >= 0 && !c.ignore_reference_for_paf)
        ri = static_cast<std::size_t>(ref);
      else
        ri = best_index(d.y, setting.favourable);
      double par = d.y[ri] - d.mu;
      if ((setting.favourable && par < 0) || (!setting.favourable && par > 0)) par = 0;
      // Walter's variance of the attributable fraction from a 2x2 table of counts.
      double total = 0;
      for (double n : d.n) total += n;
      const double cc = d.y[ri] * d.n[ri] / setting.scale, dd = d.n[ri] - cc;
      const double aa = d.mu * total / setting.scale - cc, bb = total - aa - d.n[ri];
      const double var_af = cc * total * (aa * dd * (total - cc) + bb * cc * cc) /
                            (std::pow(aa + cc, 3) * std::pow(cc + dd, 3));
      const double se_af = std::sqrt(var_af);
      if (m == "par")
        symmetric(par, d.mu * se_af, "analytic");
      else
        symmetric(100 * par / d.mu, c.unscaled_se ? se_af : 100 * se_af, "analytic");
    } else {
      // bgsd, cov, md*, idis*: closed form now, limits by simulation below.
      const Dispersion disp{d, setting};
      r.estimate = disp.value(m, d.y);
      r.ci_method = fmt::format("simulation ({} draws)", o.reps) + mode;
      simulated.push_back(out.size());
    }
    out.push_back(r);
  }

  if (!simulated.empty()) {
    // One set of truncated-normal draws of every subgroup, shared by all simulated measures.
    stats::NormalDraws normal(seed);
    const Dispersion disp{d, setting};
    const double ceiling = setting.scale == 100 ? 100 : std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> values(simulated.size());
    std::vector<double> y(k);
    for (std::size_t rep = 0; rep < o.reps; ++rep) {
      for (std::size_t i = 0; i < k; ++i) {
        if (!(d.s[i] > 0)) {
          y[i] = d.y[i];
          continue;
        }
        double draw = d.y[i] + d.s[i] * normal();
        for (int tries = 0; (draw < 0 || draw > ceiling) && tries < 1000; ++tries) draw = d.y[i] + d.s[i] * normal();
        y[i] = std::clamp(draw, 0.0, ceiling);
      }
      for (std::size_t j = 0; j < simulated.size(); ++j) values[j].push_back(disp.value(out[simulated[j]].measure, y));
    }
    for (std::size_t j = 0; j < simulated.size(); ++j) {
      std::vector<double>& v = values[j];
      Result& r = out[simulated[j]];
      std::sort(v.begin(), v.end());
      r.lower = quantile7(v, (1 - o.level) / 2);
      r.upper = quantile7(v, (1 + o.level) / 2);
      if (!c.unscaled_se) {  // the standard deviation of the simulated values
        const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        r.se = std::sqrt(ss / static_cast<double>(v.size() - 1));
      }
    }
  }
  return out;
}

}  // namespace heq::measures
