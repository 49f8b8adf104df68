#include "stats/percentile.hpp"

#include <algorithm>
#include <cmath>

namespace heq::stats {

std::pair<std::size_t, std::size_t> percentile_positions(std::size_t reps, double level) {
  const double cv = level + (1 - level) / 2;
  const double r = static_cast<double>(reps);
  const auto clamp = [&](double p) {
    const double rounded = std::nearbyint(p);  // ties to even, as R's round()
    return static_cast<std::size_t>(std::clamp(rounded, 1.0, r));
  };
  return {clamp(r * (1 - cv)), clamp(r * cv)};
}

std::vector<std::pair<double, double>> percentile_limits(std::span<double> draws,
                                                         std::span<const double> levels) {
  // Select the wanted order statistics in increasing position, each within what is left.
  std::vector<std::size_t> wanted;
  for (double level : levels) {
    auto [lo, hi] = percentile_positions(draws.size(), level);
    wanted.push_back(lo - 1);
    wanted.push_back(hi - 1);
  }
  std::vector<std::size_t> order = wanted;
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  auto from = draws.begin();
  for (std::size_t pos : order) {
    std::nth_element(from, draws.begin() + static_cast<std::ptrdiff_t>(pos), draws.end());
    from = draws.begin() + static_cast<std::ptrdiff_t>(pos) + 1;
  }
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i < levels.size(); ++i)
    out.emplace_back(draws[wanted[2 * i]], draws[wanted[2 * i + 1]]);
  return out;
}

}  // namespace heq::stats
