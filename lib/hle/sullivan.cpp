#include "hle/sullivan.hpp"
#include "core/missing.hpp"

#include <cmath>
#include <limits>

namespace heq::gap {

Healthy sullivan(const life::LifeTable& t, std::span<const double> p, std::span<const double> v) {
  const std::size_t n = t.size();
  Healthy h;
  h.value.assign(n, kMissing);
  h.variance.assign(n, kMissing);
  double years = 0, variance = 0;
  for (std::size_t i = n; i-- > 0;) {
    years += (1 - p[i]) * t.L[i];
    variance += t.L[i] * t.L[i] * v[i];  // NaN once any band lacks a variance
    if (t.l[i] > 0) {
      h.value[i] = years / t.l[i];
      h.variance[i] = variance / (t.l[i] * t.l[i]);
    }
  }
  return h;
}

}  // namespace heq::gap
