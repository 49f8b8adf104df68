#pragma once
// Funnel plot control limits and significance, as PHEindicatormethods 1.4
// (calculate_funnel_limits, assign_funnel_significance, calculate_funnel_points)
// computes them: Wilson-inverted limits for proportions; exact Poisson limits, found by
// bisection, for ratios (observed / expected) and rates.
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace heq::rates {

enum class FunnelType { proportion, ratio, rate };
enum class RateType { dsr, crude };
enum class RatioType { count, isr };

// The proportion at population n whose Wilson limit at probability p (0.975 or 0.999)
// equals the average proportion: the funnel's low or high edge, as a fraction.
double proportion_limit(double p, double population, double average, bool high);

// P(a <= X <= b) for X ~ Poisson(z), summed with rescaling at 1e30 as the package does.
double poisson_probability(double z, double a, double b);

// The Poisson mean at which observing `observed` sits at tail probability p: bisection on
// v in (0, 1), mean = (1 + O) v / (1 - v), halving the step from 0.5 to below 1e-7.
// `low` finds the mean with P(X >= O) = p; otherwise P(X <= O) = p.
double poisson_funnel(double observed, double p, bool low);

// The package's test statistic for a ratio: the exact (below 10 events) or Byars' lower
// (`low`) or upper limit of the observed count at `level`, divided by `expected`.
double ratio_limit(double observed, double expected, double level, bool low);

// The ends of the funnel's horizontal axis from the denominators' range: 0 when the
// largest is more than twice the smallest, else the smallest rounded down; the largest
// rounded up. With `years` > 0 (rates) the rounding is per year of data.
std::pair<double, double> axis_ends(double min_denominator, double max_denominator, double years);

// The 100 points of the axis, geometrically spaced from max(1, lo) to about hi, each at
// least one above the last. The package's exponent differs by one for ratios.
std::vector<double> axis_points(double lo, double hi, bool ratio);

// R's signif-style rounding of an axis end down (x 0.95) or up (x 1.05).
double axis_floor(double x);
double axis_ceiling(double x);

// "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant".
std::string proportion_significance(double x, double n, double average);
std::string ratio_significance(double observed, double expected, double reference);

}  // namespace heq::rates
