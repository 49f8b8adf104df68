#include "rates/isr.hpp"

#include "stats/intervals.hpp"

#include <cmath>

namespace heq::rates {

Isr isr(std::span<const IsrBand> bands, double observed, bool rate, double multiplier,
        std::span<const double> levels) {
  Isr r;
  double ref_count = 0, ref_population = 0, count = 0;
  for (const IsrBand& b : bands) {
    const double expected_rate = b.ref_count / b.ref_population;
    if (!std::isnan(b.expected))
      r.expected += b.expected;
    else if (!std::isnan(expected_rate) && !std::isnan(b.population))
      r.expected += expected_rate * b.population;
    if (!std::isnan(b.count)) count += b.count;
    if (!std::isnan(b.ref_count)) ref_count += b.ref_count;
    if (!std::isnan(b.ref_population)) ref_population += b.ref_population;
  }
  r.observed = std::isnan(observed) ? count : observed;
  if (!(r.expected > 0)) {
    r.note = "no expected events: the reference rates and populations give 0";
    return r;
  }
  const double scale = (rate ? ref_count / ref_population : 1) * multiplier;
  const double o = r.observed;
  r.value = o / r.expected * scale;
  for (double level : levels) {
    const bool exact = o < 10;
    const double lo = exact ? stats::exact_poisson_lower(o, level) : stats::byars_lower(o, level);
    const double hi = exact ? stats::exact_poisson_upper(o, level) : stats::byars_upper(o, level);
    r.ci.push_back({lo / r.expected * scale, hi / r.expected * scale});
  }
  return r;
}

}  // namespace heq::rates
