#pragma once
// Confidence limits every rate-like method shares (one definition each): Byars' and the
// exact Poisson limits for counts, Wilson's score limits for proportions, and Student's t.
// Levels are fractions (0.95); results are on the count's own scale unless stated.
#include <utility>

namespace heq::stats {

// Byars' approximation for an observed count O (Breslow and Day 1987). The lower limit
// is NaN where the approximation goes negative (very small O at high confidence).
double byars_lower(double observed, double level);
double byars_upper(double observed, double level);

// Exact Poisson limits from chi-squared quantiles: chi2((1-c)/2; 2O)/2 and
// chi2((1+c)/2; 2O+2)/2; the lower limit of 0 events is 0.
double exact_poisson_lower(double observed, double level);
double exact_poisson_upper(double observed, double level);

// Wilson score limits for x successes of n (x may be fractional, as in survey counts).
double wilson_lower(double x, double n, double level);
double wilson_upper(double x, double n, double level);

// Student's t quantile: the t with `df` degrees of freedom below which p of the mass lies.
double t_quantile(double p, double df);

// The upper-tail chi-squared quantile, as PHE's funnel significance uses it.
double chi_squared_quantile(double p, double df);

}  // namespace heq::stats
