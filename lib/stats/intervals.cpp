#include "stats/intervals.hpp"
#include "core/missing.hpp"

#include "stats/confidence.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace heq::stats {

namespace {

// Quantiles repeat from group to group (twenty rows give 19 degrees of freedom in every
// group; small counts recur), and Boost finds each by iteration: a repeat is answered
// from a small cache, one per thread and call site. The same arguments give the same
// bits, so no result changes.
template <class Compute>
double remembered(double p, double df, Compute compute) {
  struct Entry {
    double p = std::numeric_limits<double>::quiet_NaN(), df = 0, q = 0;
  };
  thread_local std::array<Entry, 64> cache;
  const std::uint64_t mixed = (std::bit_cast<std::uint64_t>(p) * 0x9E3779B97F4A7C15u) ^
                              (std::bit_cast<std::uint64_t>(df) * 0xC2B2AE3D27D4EB4Fu);
  Entry& e = cache[mixed >> 58];
  if (e.p == p && e.df == df) return e.q;  // never for a NaN argument
  const double q = compute();
  e = {p, df, q};
  return q;
}

}  // namespace

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
  return remembered(p, df, [&] {
    const boost::math::chi_squared_distribution<double> chi(df);
    return boost::math::quantile(chi, p);
  });
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
  return remembered(p, df, [&] {
    const boost::math::students_t_distribution<double> t(df);
    return boost::math::quantile(t, p);
  });
}

}  // namespace heq::stats
