#include "rates/quantile.hpp"
#include "core/missing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace heq::rates {

std::vector<double> assign_quantiles(std::span<const double> values, int quantiles, bool invert) {
  std::vector<double> out(values.size(), kMissing);
  double top = -std::numeric_limits<double>::infinity();
  std::vector<std::size_t> present;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isnan(values[i])) {
      present.push_back(i);
      top = std::max(top, values[i]);
    }
  const double k = static_cast<double>(present.size());
  const double q = quantiles;
  if (k < q) return out;
  // The package inverts by max - value (not by negation); keep its arithmetic for ties.
  std::vector<double> adjusted(values.size(), kMissing);
  for (std::size_t i : present) adjusted[i] = invert ? top - values[i] : values[i];
  std::vector<std::size_t> order = present;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return adjusted[a] < adjusted[b]; });
  for (std::size_t pos = 0; pos < order.size();) {
    std::size_t end = pos;
    while (end < order.size() && adjusted[order[end]] == adjusted[order[pos]]) ++end;
    const double rank = static_cast<double>(pos + 1);  // ties share the minimum rank
    double quantile = std::floor((q + 1) - std::ceil(((k + 1) - rank) / (k / q)));
    if (quantile == 0) quantile = 1;
    for (std::size_t j = pos; j < end; ++j) out[order[j]] = quantile;
    pos = end;
  }
  return out;
}

std::vector<double> assign_imd_quantiles(std::span<const double> values, int quantiles,
                                         bool invert) {
  std::vector<double> out(values.size(), kMissing);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isnan(values[i])) order.push_back(i);
  const double n = static_cast<double>(order.size());
  if (n < quantiles) return out;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return invert ? values[a] > values[b] : values[a] < values[b];
  });
  for (std::size_t pos = 0; pos < order.size();) {
    std::size_t end = pos;
    while (end < order.size() && values[order[end]] == values[order[pos]]) ++end;
    // Whole-number arithmetic: ceil(rank Q / N) exactly, however large N is.
    const std::size_t rank = pos + 1, count = order.size(), q = static_cast<std::size_t>(quantiles);
    const double quantile = static_cast<double>((rank * q + count - 1) / count);
    for (std::size_t j = pos; j < end; ++j) out[order[j]] = quantile;
    pos = end;
  }
  return out;
}

}  // namespace heq::rates
