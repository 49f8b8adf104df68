#include "rates/funnel.hpp"

#include "stats/confidence.hpp"
#include "stats/intervals.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace heq::rates {

namespace {

double normal_quantile(double p) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

// Digits in the integer part of a non-negative whole number, as R's nchar() counts them.
double digits(double whole) { return whole < 1 ? 1 : std::floor(std::log10(whole)) + 1; }

}  // namespace

double proportion_limit(double p, double n, double a, bool high) {
  const double z2 = normal_quantile(p) * normal_quantile(p);
  const double first = a * (n / z2 + 1);
  const double root =
      std::sqrt(std::pow(-8 * a * (n / z2 + 1), 2) -
                64 * (1 / z2 + 1 / n) * a * (n * (a * (n / z2 + 2) - 1) + z2 * (a - 1)));
  const double last = 1 / z2 + 1 / n;
  const double limit = high ? (first + root / 8) / last : (first - root / 8) / last;
  return limit / n;
}

double poisson_probability(double z, double a, double b) {
  double q = 1, total = 0, s = 0, k = 0;
  while (k <= z || q > total * 1e-10) {
    total += q;
    if (k >= a && k <= b) s += q;
    if (total > 1e30) {
      s /= 1e30;
      total /= 1e30;
      q /= 1e30;
    }
    k += 1;
    q = q * z / k;
  }
  return s / total;
}

double poisson_funnel(double observed, double p, bool low) {
  double v = 0.5, dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const double mean = (1 + observed) * v / (1 - v);
    // A larger mean raises P(X >= O) and lowers P(X <= O).
    const bool down = low ? poisson_probability(mean, observed, 1e10) > p
                          : poisson_probability(mean, 0, observed) < p;
    v = down ? v - dv : v + dv;
  }
  return (1 + observed) * v / (1 - v);
}

double ratio_limit(double observed, double expected, double level, bool low) {
  double limit;
  if (observed == 0 && low) {
    limit = 0;
  } else if (observed < 10) {
    limit = low ? stats::exact_poisson_lower(observed, level)
                : stats::exact_poisson_upper(observed, level);
  } else {
    limit = low ? stats::byars_lower(observed, level) : stats::byars_upper(observed, level);
  }
  return limit / expected;
}

double axis_floor(double x) {
  if (x == 0) return 0;
  const double n = digits(std::floor(x * 0.95)) - 1;
  return std::floor(x * 0.95 / std::pow(10, n)) * std::pow(10, n);
}

double axis_ceiling(double x) {
  if (x == 0) return 0;
  const double n = digits(std::ceil(x * 1.05)) - 2;
  return std::ceil(x * 1.05 / std::pow(10, n)) * std::pow(10, n);
}

std::pair<double, double> axis_ends(double min_den, double max_den, double years) {
  const double per = years > 0 ? years : 1;
  const double lo = max_den > 2 * min_den ? 0 : axis_floor(min_den / per) * per;
  return {lo, axis_ceiling(max_den / per) * per};
}

std::vector<double> axis_points(double lo, double hi, bool ratio) {
  std::vector<double> points{std::max(1.0, lo)};
  for (int j = 2; j <= 100; ++j) {
    const double prev = points.back();
    const double exponent = 1.0 / (101 - (ratio ? j - 1 : j));
    points.push_back(std::max(std::nearbyint(std::pow(hi / prev, exponent) * prev), prev + 1));
  }
  return points;
}

std::string proportion_significance(double x, double n, double average) {
  const double p = x / n;
  if (p < proportion_limit(0.999, n, average, false)) return "Low (0.001)";
  if (p < proportion_limit(0.975, n, average, false)) return "Low (0.025)";
  if (p > proportion_limit(0.999, n, average, true)) return "High (0.001)";
  if (p > proportion_limit(0.975, n, average, true)) return "High (0.025)";
  return "Not significant";
}

std::string ratio_significance(double observed, double expected, double reference) {
  if (reference < ratio_limit(observed, expected, 0.998, true)) return "High (0.001)";
  if (reference < ratio_limit(observed, expected, 0.95, true)) return "High (0.025)";
  if (reference > ratio_limit(observed, expected, 0.998, false)) return "Low (0.001)";
  if (reference > ratio_limit(observed, expected, 0.95, false)) return "Low (0.025)";
  return "Not significant";
}

}  // namespace heq::rates
