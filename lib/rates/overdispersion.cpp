#include "rates/overdispersion.hpp"
#include "stats/percentile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace heq::rates {

Stabilised stabilise_proportion(double x, double n, double average) {
  return {std::asin(std::sqrt(x / n)), std::asin(std::sqrt(average)), 1 / (2 * std::sqrt(n))};
}

Stabilised stabilise_ratio(double observed, double expected) {
  return {std::sqrt(observed / expected), 1, 1 / (2 * std::sqrt(expected))};
}

double unstabilise_proportion(double v) {
  const double t = std::clamp(v, 0.0, std::numbers::pi / 2);
  return std::sin(t) * std::sin(t);
}

double unstabilise_ratio(double v) { return v > 0 ? v * v : 0; }

Dispersion estimate_dispersion(std::span<const double> z, std::span<const double> s,
                               double winsorise, Overdispersion method) {
  Dispersion d{0, 0, false};
  const std::size_t n = z.size();
  if (n == 0) return d;
  std::vector<double> sorted(z.begin(), z.end());
  std::sort(sorted.begin(), sorted.end());
  const double lo = stats::quantile_type7(sorted, winsorise),
               hi = stats::quantile_type7(sorted, 1 - winsorise);
  double sum = 0;
  for (double zi : z) {
    const double w = std::clamp(zi, lo, hi);
    sum += w * w;
  }
  const double i = static_cast<double>(n);
  d.phi = sum / i;
  double sw = 0, sw2 = 0;
  for (double si : s) {
    const double w = 1 / (si * si);
    sw += w;
    sw2 += w * w;
  }
  if (i * d.phi > i - 1 && sw > 0) d.tau2 = std::max(0.0, (i * d.phi - (i - 1)) / (sw - sw2 / sw));
  d.adjusted = method == Overdispersion::multiplicative ? d.phi > 1
               : method == Overdispersion::additive     ? d.tau2 > 0
                                                        : false;
  return d;
}

double widened_half_width(double z_p, double s, const Dispersion& d, Overdispersion method) {
  if (method == Overdispersion::multiplicative) return z_p * std::sqrt(d.phi) * s;
  return z_p * std::sqrt(s * s + d.tau2);
}

}  // namespace heq::rates
