#include "stats/percentile.hpp"

#include "core/missing.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

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

double quantile_type7(std::span<const double> sorted, double p) {
  if (sorted.empty()) return kMissing;
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
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

std::vector<double> normal_order_statistics(double mean, double sd, std::size_t reps,
                                            std::span<const std::size_t> positions,
                                            std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  const boost::math::normal_distribution<double> standard;
  const double r = static_cast<double>(reps);
  std::vector<double> out;
  double u = 0, last = 0;  // the previous order statistic (a uniform) and its position
  for (std::size_t p : positions) {
    const double k = static_cast<double>(p);
    boost::random::beta_distribution<double> beta(k - last, r + 1 - k);
    u += (1 - u) * beta(engine);
    last = k;
    out.push_back(mean + sd * boost::math::quantile(standard, std::clamp(u, 1e-300, 1 - 1e-16)));
  }
  return out;
}

}  // namespace heq::stats
