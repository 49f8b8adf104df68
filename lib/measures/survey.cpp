#include "measures/survey.hpp"

#include "core/missing.hpp"
#include "core/number.hpp"

#include "measures/logistic.hpp"

#include "stats/confidence.hpp"

#include <fmt/format.h>
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace heq::measures {

namespace {

// The respondents with an outcome, their group-midpoint ridits from the weights, and the
// design's shape (every respondent's PSU counts, with or without an outcome).
struct Sample {
  std::vector<double> y, w, x;       // outcome, weight, ridit of the respondents used
                                     // (an outcome and a weight above 0)
  std::vector<std::size_t> psu;      // their PSUs
  std::vector<std::size_t> stratum;  // of each PSU
  std::vector<double> fpc;           // of each PSU (its stratum's)
  std::size_t subgroups = 0;
  bool binary = true;
  double mu = kMissing, var_ridit = 0;
};

Sample prepare(std::span<const Respondent> people) {
  Sample s;
  std::size_t psus = 0;
  for (const Respondent& r : people) psus = std::max(psus, r.psu + 1);
  s.stratum.assign(psus, 0);
  s.fpc.assign(psus, kMissing);
  std::map<double, double> weight_by_order;
  double total = 0, outcome_total = 0;
  for (const Respondent& r : people) {
    s.stratum[r.psu] = r.stratum;
    s.fpc[r.psu] = r.fpc;
    if (std::isnan(r.outcome)) continue;
    if (r.weight > 0) weight_by_order[r.order] += r.weight;
    total += r.weight;
    outcome_total += r.weight * r.outcome;
    if (r.outcome != 0 && r.outcome != 1) s.binary = false;
  }
  s.subgroups = weight_by_order.size();
  std::map<double, double> ridit;
  double cumulative = 0;
  for (const auto& [order, weight] : weight_by_order) {
    const double share = weight / total;
    ridit[order] = cumulative + share / 2;
    s.var_ridit += share * (ridit[order] - 0.5) * (ridit[order] - 0.5);
    cumulative += share;
  }
  for (const Respondent& r : people) {
    if (std::isnan(r.outcome) || !(r.weight > 0)) continue;  // adds nothing to any sum
    s.y.push_back(r.outcome);
    s.w.push_back(r.weight);
    s.x.push_back(ridit[r.order]);
    s.psu.push_back(r.psu);
  }
  s.mu = outcome_total / total;
  return s;
}

// A population of PSUs smaller than the stratum's sample cannot be (survey stops there).
std::string check_fpc(const Sample& s) {
  std::map<std::size_t, double> psus;
  for (std::size_t p = 0; p < s.stratum.size(); ++p) psus[s.stratum[p]] += 1;
  for (std::size_t p = 0; p < s.stratum.size(); ++p)
    if (s.fpc[p] > 1 && s.fpc[p] < psus[s.stratum[p]])
      return fmt::format("the fpc ({} PSUs) is below the stratum's {} sampled PSUs",
                         heq::format_number(s.fpc[p]), heq::format_number(psus[s.stratum[p]]));
  return "";
}

// survey's onestrat: f = (N - n) / N for a population of N PSUs, 1 - fraction for a
// sampling fraction; 1 without a correction.
double finite_population_factor(double fpc, double n) {
  if (std::isnan(fpc)) return 1;
  if (fpc <= 1) return 1 - fpc;
  return (fpc - n) / fpc;
}

// The design-based covariance of an estimator from its influence values (one per
// respondent): PSUs sampled with replacement within strata, as R's survey package
// computes it (with each stratum's finite population correction, if any). A stratum with one PSU is
// centred at the overall mean of the PSU totals, which is zero for solved estimating equations
// (survey's lonely.psu = "adjust").
Eigen::Matrix2d design_variance(const Sample& s, const std::vector<Eigen::Vector2d>& influence) {
  std::vector<Eigen::Vector2d> totals(s.stratum.size(), Eigen::Vector2d::Zero());
  for (std::size_t i = 0; i < influence.size(); ++i) totals[s.psu[i]] += influence[i];
  const std::size_t strata =
      s.stratum.empty() ? 0 : *std::max_element(s.stratum.begin(), s.stratum.end()) + 1;
  std::vector<Eigen::Vector2d> sums(strata, Eigen::Vector2d::Zero());
  std::vector<double> count(strata, 0);
  for (std::size_t p = 0; p < totals.size(); ++p) {
    sums[s.stratum[p]] += totals[p];
    count[s.stratum[p]] += 1;
  }
  Eigen::Matrix2d v = Eigen::Matrix2d::Zero();
  for (std::size_t p = 0; p < totals.size(); ++p) {
    const double n = count[s.stratum[p]];
    const double f = finite_population_factor(s.fpc[p], n);
    if (n > 1) {
      const Eigen::Vector2d d = totals[p] - sums[s.stratum[p]] / n;
      v += f * n / (n - 1) * d * d.transpose();
    } else {
      v += f * totals[p] * totals[p].transpose();
    }
  }
  return v;
}

struct Fit {
  Eigen::Vector2d beta;
  Eigen::Matrix2d v;  // design-based covariance of beta
  bool converged = true;
};

// Weighted logistic regression of the outcome on the ridit (the pseudo-likelihood svyglm
// maximises). The ridit takes one value per subgroup, so the iterations run on subgroup
// totals; the influence values need each respondent.
Fit logistic(const Sample& s) {
  std::map<double, std::pair<double, double>> by_ridit;  // ridit -> (sum w, sum w y)
  for (std::size_t i = 0; i < s.y.size(); ++i) {
    by_ridit[s.x[i]].first += s.w[i];
    by_ridit[s.x[i]].second += s.w[i] * s.y[i];
  }
  Fit f;
  f.beta = Eigen::Vector2d::Zero();
  f.converged = false;
  for (int iteration = 0; iteration < 100 && !f.converged; ++iteration) {
    Eigen::Matrix2d information = Eigen::Matrix2d::Zero();
    Eigen::Vector2d score = Eigen::Vector2d::Zero();
    for (const auto& [x, t] : by_ridit) {
      const Eigen::Vector2d row(1, x);
      const double p = expit(f.beta(0) + f.beta(1) * x);
      information += t.first * p * (1 - p) * row * row.transpose();
      score += (t.second - t.first * p) * row;
    }
    const Eigen::Vector2d step = information.ldlt().solve(score);
    f.beta += step;
    f.converged = step.cwiseAbs().maxCoeff() < 1e-13 * (1 + f.beta.cwiseAbs().maxCoeff());
  }
  Eigen::Matrix2d information = Eigen::Matrix2d::Zero();
  for (const auto& [x, t] : by_ridit) {
    const Eigen::Vector2d row(1, x);
    const double p = expit(f.beta(0) + f.beta(1) * x);
    information += t.first * p * (1 - p) * row * row.transpose();
  }
  const Eigen::Matrix2d bread = information.inverse();
  std::vector<Eigen::Vector2d> influence(s.y.size());
  for (std::size_t i = 0; i < s.y.size(); ++i) {
    const Eigen::Vector2d row(1, s.x[i]);
    influence[i] = bread * row * (s.w[i] * (s.y[i] - expit(f.beta(0) + f.beta(1) * s.x[i])));
  }
  f.v = design_variance(s, influence);
  return f;
}

// The same fit as R's glm.fit runs it for svyglm, for --compat heat: weights scaled to
// mean 1, the binomial family's starting values (w y + 1/2) / (w + 1) per respondent,
// iteration until the deviance changes by less than 1e-8 relative, and the covariance
// from the last iteration's working weights with the final residuals. Its standard errors
// differ from the exact fit's in the eighth digit.
Fit logistic_as_r(const Sample& s, double mean_weight) {
  const std::size_t n = s.y.size();
  std::vector<double> w(n), eta(n), mu(n);
  for (std::size_t i = 0; i < n; ++i) {
    w[i] = s.w[i] / mean_weight;
    mu[i] = (w[i] * s.y[i] + 0.5) / (w[i] + 1);
    eta[i] = std::log(mu[i] / (1 - mu[i]));
  }
  const auto deviance = [&] {
    double d = 0;
    for (std::size_t i = 0; i < n; ++i) d -= 2 * w[i] * std::log(s.y[i] == 1 ? mu[i] : 1 - mu[i]);
    return d;
  };
  Fit f;
  f.converged = false;
  double old = deviance();
  Eigen::Matrix2d information;
  std::vector<double> variance(n);  // mu (1 - mu) before the iteration's update
  for (int iteration = 0; iteration < 25 && !f.converged; ++iteration) {
    information.setZero();
    Eigen::Vector2d rhs = Eigen::Vector2d::Zero();
    for (std::size_t i = 0; i < n; ++i) {
      const Eigen::Vector2d row(1, s.x[i]);
      const double v = variance[i] = mu[i] * (1 - mu[i]);
      information += w[i] * v * row * row.transpose();
      rhs += w[i] * v * (eta[i] + (s.y[i] - mu[i]) / v) * row;
    }
    f.beta = information.ldlt().solve(rhs);
    for (std::size_t i = 0; i < n; ++i) {
      eta[i] = f.beta(0) + f.beta(1) * s.x[i];
      mu[i] = expit(eta[i]);
    }
    const double dev = deviance();
    f.converged = std::abs(dev - old) / (std::abs(dev) + 0.1) < 1e-8;
    old = dev;
  }
  // glm's working weights are the last iteration's, from before its update; its working
  // residuals are the final ones.
  const Eigen::Matrix2d bread = information.inverse();
  std::vector<Eigen::Vector2d> influence(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector2d row(1, s.x[i]);
    influence[i] = bread * row * (w[i] * variance[i] * (s.y[i] - mu[i]) / (mu[i] * (1 - mu[i])));
  }
  f.v = design_variance(s, influence);
  return f;
}

// The convenient regression: 2 var(ridit) y (over mu for the RCI) on the ridit, weighted
// least squares with the survey weights (svyglm's gaussian fit). Returns slope and its SE.
std::pair<double, double> convenient_regression(const Sample& s, bool relative) {
  const double factor = 2 * s.var_ridit / (relative ? s.mu : 1);
  Eigen::Matrix2d xtwx = Eigen::Matrix2d::Zero();
  Eigen::Vector2d xtwy = Eigen::Vector2d::Zero();
  for (std::size_t i = 0; i < s.y.size(); ++i) {
    const Eigen::Vector2d row(1, s.x[i]);
    xtwx += s.w[i] * row * row.transpose();
    xtwy += s.w[i] * factor * s.y[i] * row;
  }
  const Eigen::Matrix2d bread = xtwx.inverse();
  const Eigen::Vector2d beta = bread * xtwy;
  std::vector<Eigen::Vector2d> influence(s.y.size());
  for (std::size_t i = 0; i < s.y.size(); ++i) {
    const Eigen::Vector2d row(1, s.x[i]);
    influence[i] = bread * row * (s.w[i] * (factor * s.y[i] - row.dot(beta)));
  }
  return {beta(1), std::sqrt(design_variance(s, influence)(1, 1))};
}

}  // namespace

const std::vector<std::string>& survey_measures() {
  static const std::vector<std::string> names{"aci", "rci", "sii", "rii"};
  return names;
}

std::vector<Result> compute_survey(std::span<const Respondent> people, double scale,
                                   const std::vector<std::string>& wanted, const Options& o) {
  const Sample s = prepare(people);
  const std::string fpc_problem = check_fpc(s);
  double mean_weight = 0;
  for (const Respondent& p : people) mean_weight += p.weight / static_cast<double>(people.size());
  const double z = stats::z_for_level(o.level);
  const bool heat = o.compat.unscaled_se;
  const std::string mode = heat ? " (compat heat)" : "";
  const std::vector<std::string>& list = wanted.empty() ? survey_measures() : wanted;
  std::vector<Result> out;
  std::optional<Fit> fit;
  for (const std::string& m : list) {
    Result r;
    r.measure = m;
    const bool survey =
        std::find(survey_measures().begin(), survey_measures().end(), m) != survey_measures().end();
    if (!survey) {
      r.note = "needs subgroup estimates: individual data give aci, rci, sii and rii";
    } else if (!fpc_problem.empty()) {
      r.note = fpc_problem;
    } else if (s.y.empty() || !(s.mu == s.mu)) {
      r.note = "needs respondents with an outcome and a weight above 0";
    } else if (s.subgroups < 3) {
      r.note = fmt::format("needs three or more subgroups with weighted respondents ({} here)",
                           s.subgroups);
    } else if ((m == "sii" || m == "rii") && !s.binary) {
      r.note = "the logistic SII and RII need a 0/1 outcome";
    } else if ((m == "sii" || m == "rii") && (s.mu == 0 || s.mu == 1)) {
      r.note = fmt::format(
          "every respondent's outcome is {}: the logistic fit has no finite solution", s.mu);
    } else if (m == "rci" && !(s.mu != 0)) {
      r.note = "the RCI needs a non-zero mean outcome";
    }
    if (!r.note.empty()) {
      out.push_back(r);
      continue;
    }
    if ((m == "aci" || m == "rci") && !std::isnan(o.low)) {
      // Bounded: of (y - low) / (high - low), the RCI corrected as for grouped data.
      Sample b = s;
      bool outside = false;
      for (double& y : b.y) {
        outside = outside || y < o.low || y > o.high;
        y = (y - o.low) / (o.high - o.low);
      }
      b.mu = (s.mu - o.low) / (o.high - o.low);
      if (outside) {
        r.note = fmt::format("an outcome lies outside the bounds {} to {}",
                             heq::format_number(o.low), heq::format_number(o.high));
        out.push_back(r);
        continue;
      }
      const auto [slope, se] = convenient_regression(b, m == "rci");
      const Correction correction = m == "rci" ? o.correction : Correction::none;
      const double factor = correction_factor(correction, b.mu);
      r.estimate = slope * factor;
      r.se = se * factor;
      r.lower = r.estimate - z * r.se;
      r.upper = r.estimate + z * r.se;
      r.ci_method =
          fmt::format("survey regression ({}), linearisation", correction_name(correction)) + mode;
    } else if (m == "aci" || m == "rci") {
      const auto [slope, se] = convenient_regression(s, m == "rci");
      // The ACI is on the outcome's scale: a 0/1 outcome gives a fraction, which the
      // indicator scale turns into the units a grouped estimate in percent would have.
      const double factor = m == "aci" && !heat ? scale : 1;
      r.estimate = slope * factor;
      r.se = se * factor;
      r.lower = r.estimate - z * r.se;
      r.upper = r.estimate + z * r.se;
      r.ci_method = "survey regression, linearisation" + mode;
    } else {
      if (!fit) fit = heat ? logistic_as_r(s, mean_weight) : logistic(s);
      report(r, contrasts(fit->beta, fit->v),
             {scale, z, heat, heat, "survey logistic regression, linearisation", mode});
      if (!fit->converged) r.note = "the logistic fit did not converge";
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace heq::measures
