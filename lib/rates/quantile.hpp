#pragma once
// Assigning areas to quantiles within a group, as PHEindicatormethods::phe_quantile does.
#include <span>
#include <vector>

namespace heq::rates {

// One quantile per value (NaN for a missing value). With `invert`, quantile 1 holds the
// highest values. Ranks use ties = minimum on max(values) - value (inverted) or the value;
// quantile = floor((Q + 1) - ceiling(((k + 1) - rank) / (k / Q))), 0 read as 1, with k the
// number of values present. Fewer values than quantiles: every quantile is NaN.
std::vector<double> assign_quantiles(std::span<const double> values, int quantiles, bool invert);

// The rule the English Indices of Deprivation use for national deciles: quantile =
// ceil(rank x Q / N), rank 1 the most deprived (the highest value with `invert`), N the
// values present; tied values share the lowest rank. IoD2015: decile 1 holds 3,284 of
// 32,844 LSOAs. Fewer values than quantiles: every quantile is NaN.
std::vector<double> assign_imd_quantiles(std::span<const double> values, int quantiles,
                                         bool invert);

}  // namespace heq::rates
