#include "rates/isr.hpp"

#include "stats/intervals.hpp"

#include <cmath>

namespace heq::rates {

void IsrTotals::add(const IsrBand& b) {
  const double expected_rate = b.ref_count / b.ref_population;
  if (!std::isnan(b.expected))
    expected += b.expected;
  else if (!std::isnan(expected_rate) && !std::isnan(b.population))
    expected += expected_rate * b.population;
  if (!std::isnan(b.count)) count += b.count;
  if (!std::isnan(b.ref_count)) ref_count += b.ref_count;
  if (!std::isnan(b.ref_population)) ref_population += b.ref_population;
}

Isr isr_from(const IsrTotals& t, double observed, bool rate, double multiplier,
             std::span<const double> levels) {
  Isr r;
  r.expected = t.expected;
  r.observed = std::isnan(observed) ? t.count : observed;
  if (!(r.expected > 0)) {
    r.note = "no expected events: the reference rates and populations give 0";
    return r;
  }
  const double scale = (rate ? t.ref_count / t.ref_population : 1) * multiplier;
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

Isr isr(std::span<const IsrBand> bands, double observed, bool rate, double multiplier,
        std::span<const double> levels) {
  IsrTotals t;
  for (const IsrBand& b : bands) t.add(b);
  return isr_from(t, observed, rate, multiplier, levels);
}

}  // namespace heq::rates
