#pragma once
// Monte Carlo percentile limits taken the way PHEindicatormethods takes them: the
// 1-based order statistics at round(R (1 - cv)) and round(R cv), cv = level + (1 - level)/2,
// with R's round-half-to-even.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace heq::stats {

// 1-based positions of the lower and upper limits among `reps` sorted draws,
// kept within 1..reps.
std::pair<std::size_t, std::size_t> percentile_positions(std::size_t reps, double level);

// R's default quantile (type 7) of sorted values: linear between the order statistics
// at (n - 1) p. NaN for no values.
double quantile_type7(std::span<const double> sorted, double p);

// Lower and upper limits for each level, found by selection (no full sort).
// Reorders `draws`.
std::vector<std::pair<double, double>> percentile_limits(std::span<double> draws,
                                                         std::span<const double> levels);

// The same order statistics of `reps` independent Normal(mean, sd) draws, sampled
// exactly without drawing them: the k-th of R uniforms is Beta(k, R + 1 - k), and given
// it the j-th (j > k) is u + (1 - u) Beta(j - k, R + 1 - j); each is mapped through the
// normal quantile. `positions` are 1-based and increasing. Same distribution as
// draw-and-select, at a cost that does not grow with R.
std::vector<double> normal_order_statistics(double mean, double sd, std::size_t reps,
                                            std::span<const std::size_t> positions,
                                            std::uint64_t seed);

}  // namespace heq::stats
