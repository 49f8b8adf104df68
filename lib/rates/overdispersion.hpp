#pragma once
// Funnel limits widened for overdispersion (Spiegelhalter 2005), as NHS funnel plots
// (SHMI, FunnelPlotR) use them: z-scores on a variance-stabilising scale, winsorised at
// each end, give the dispersion ratio phi (multiplicative) or the DerSimonian-Laird
// between-unit variance tau^2 (additive). Pure computation.
#include <span>

namespace heq::rates {

enum class Overdispersion { none, multiplicative, additive };

// A point on the variance-stabilising scale: y, the target there, and the standard
// error s there (so that z = (y - target) / s).
struct Stabilised {
  double y, target, s;
};
// Proportions: arcsine square root; y = asin(sqrt(x / n)), s = 1 / (2 sqrt(n)).
Stabilised stabilise_proportion(double x, double n, double average);
// Observed against expected events: square root; y = sqrt(O / E), target 1, s = 1 / (2 sqrt(E)).
Stabilised stabilise_ratio(double observed, double expected);
// Back from the stabilised scale (clamped where the scale ends): a proportion, a ratio O/E.
double unstabilise_proportion(double v);
double unstabilise_ratio(double v);

struct Dispersion {
  double phi;     // mean of the winsorised z^2
  double tau2;    // DerSimonian-Laird: max(0, (I phi - (I - 1)) / (sum w - sum w^2 / sum w))
  bool adjusted;  // whether the limits widen: phi > 1 (multiplicative) or tau2 > 0 (additive)
};

// From the units' z-scores and standard errors on the stabilised scale. Winsorising
// replaces z-scores beyond the `winsorise` and 1 - `winsorise` quantiles (R's type 7)
// with those quantiles.
Dispersion estimate_dispersion(std::span<const double> z, std::span<const double> s,
                               double winsorise, Overdispersion method);

// The half-width of the limits at tail z_p on the stabilised scale for standard error s.
double widened_half_width(double z_p, double s, const Dispersion& d, Overdispersion method);

}  // namespace heq::rates
