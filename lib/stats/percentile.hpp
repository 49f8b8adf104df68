#pragma once
// Monte Carlo percentile limits taken the way PHEindicatormethods takes them: the
// 1-based order statistics at round(R (1 - cv)) and round(R cv), cv = level + (1 - level)/2,
// with R's round-half-to-even.
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace heq::stats {

// 1-based positions of the lower and upper limits among `reps` sorted draws,
// kept within 1..reps.
std::pair<std::size_t, std::size_t> percentile_positions(std::size_t reps, double level);

// Lower and upper limits for each level, found by selection (no full sort).
// Reorders `draws`.
std::vector<std::pair<double, double>> percentile_limits(std::span<double> draws,
                                                         std::span<const double> levels);

}  // namespace heq::stats
