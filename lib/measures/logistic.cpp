#include "measures/logistic.hpp"

namespace heq::measures {

Contrasts contrasts(const Eigen::Vector2d& beta, const Eigen::Matrix2d& v) {
  const double m1 = expit(beta(0) + beta(1)), m0 = expit(beta(0));
  const Eigen::Vector2d g_sii(m1 * (1 - m1) - m0 * (1 - m0), m1 * (1 - m1));
  const Eigen::Vector2d g_rii(m0 - m1, 1 - m1);  // gradient of log p(1)/p(0)
  return {m1 - m0, std::sqrt(g_sii.dot(v * g_sii)), m1 / m0, std::sqrt(g_rii.dot(v * g_rii))};
}

void report(Result& r, const Contrasts& c, const Reporting& how) {
  if (r.measure == "sii") {
    r.estimate = c.sii * how.scale;
    const double se = c.sii_se * how.scale;
    r.se = how.unscaled_sii_se ? c.sii_se : se;
    r.lower = r.estimate - how.z * se;
    r.upper = r.estimate + how.z * se;
    r.ci_method = how.method + how.mode;
  } else {
    r.estimate = c.rii;
    r.se = how.log_rii_se ? c.log_rii_se : c.rii * c.log_rii_se;
    r.lower = c.rii * std::exp(-how.z * c.log_rii_se);
    r.upper = c.rii * std::exp(how.z * c.log_rii_se);
    r.ci_method = how.method + " (log scale)" + how.mode;
  }
}

}  // namespace heq::measures
