#pragma once
// What WHO's two logistic SII/RII fits (subgroup rows in measures.cpp, respondents in
// survey.cpp) share once the coefficients and their covariance are known: the contrasts
// p(1) - p(0) and p(1) / p(0) on the ridit scale, their delta-method standard errors,
// and how they are reported.
#include "measures/measures.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <string>

namespace heq::measures {

inline double expit(double x) { return 1 / (1 + std::exp(-x)); }

struct Contrasts {
  double sii, sii_se;      // p(1) - p(0), on the 0-1 scale
  double rii, log_rii_se;  // p(1) / p(0), and the SE of its log
};

// From the intercept and slope on the ridit and their covariance.
Contrasts contrasts(const Eigen::Vector2d& beta, const Eigen::Matrix2d& covariance);

// Fills an "sii" or "rii" result: the SII times the indicator scale with symmetric
// limits, the RII with limits on the log scale. SEs are on the estimate's scale unless
// asked otherwise (healthequal's conventions: the SII's on the 0-1 scale, the RII's that
// of the log). `method` names the fit; " (log scale)" is added for the RII.
struct Reporting {
  double scale = 100;
  double z = 1.959963984540054;
  bool unscaled_sii_se = false;
  bool log_rii_se = false;
  std::string method, mode;  // e.g. "logistic regression, HC1" and " (compat heat)"
};
void report(Result& r, const Contrasts& c, const Reporting& how);

}  // namespace heq::measures
