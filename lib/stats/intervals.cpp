#include "stats/intervals.hpp"
#include "core/missing.hpp"

#include "stats/confidence.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace heq::stats {

double byars_lower(double o, double level) {
  const double z = z_for_level(level);
  const double v = o * std::pow(1 - 1 / (9 * o) - z / (3 * std::sqrt(o)), 3);
  return v < 0 ? kMissing : v;
}

double byars_upper(double o, double level) {
  const double z = z_for_level(level);
  const double a = o + 1;
  return a * std::pow(1 - 1 / (9 * a) + z / (3 * std::sqrt(a)), 3);
}

double chi_squared_quantile(double p, double df) {
  const boost::math::chi_squared_distribution<double> chi(df);
  return boost::math::quantile(chi, p);
}

double exact_poisson_lower(double o, double level) {
  if (o == 0) return 0;
  return chi_squared_quantile((1 - level) / 2, 2 * o) / 2;
}

double exact_poisson_upper(double o, double level) {
  return chi_squared_quantile(level + (1 - level) / 2, 2 * o + 2) / 2;
}

double wilson_lower(double x, double n, double level) {
  const double z = z_for_level(level);
  return (2 * x + z * z - z * std::sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
}

double wilson_upper(double x, double n, double level) {
  const double z = z_for_level(level);
  return (2 * x + z * z + z * std::sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
}

double t_quantile(double p, double df) {
  const boost::math::students_t_distribution<double> t(df);
  return boost::math::quantile(t, p);
}

}  // namespace heq::stats
