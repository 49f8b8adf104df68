#include "rates/dsr.hpp"

#include "core/number.hpp"
#include "stats/intervals.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::rates {

Dsr dsr(std::span<const DsrBand> bands, double multiplier, std::span<const double> levels) {
  Dsr r;
  double weighted = 0, weights = 0, variance = 0, counts = 0;
  for (const DsrBand& b : bands) {
    r.total_count += b.events;
    counts += std::isnan(b.count) ? b.events : b.count;
    r.total_population += b.population;
    weights += b.weight;
    weighted += b.events * b.weight / b.population;
  }
  for (const DsrBand& b : bands) {
    const double share = b.weight / b.population;
    variance += b.events_squared * share * share;
  }
  variance /= weights * weights;
  const double o = counts;
  if (o < 10) {
    r.note = fmt::format("total count {} is below 10", heq::format_number(o));
    return r;
  }
  r.value = weighted / weights * multiplier;
  const double spread = std::sqrt(variance / o);
  for (double level : levels)
    r.ci.push_back({r.value + spread * (stats::byars_lower(o, level) - o) * multiplier,
                    r.value + spread * (stats::byars_upper(o, level) - o) * multiplier});
  return r;
}

}  // namespace heq::rates
