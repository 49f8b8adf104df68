#pragma once
// Indirectly standardised ratios and rates, as PHEindicatormethods::calculate_ISRatio
// and calculate_ISRate compute them.
#include "core/interval.hpp"
#include "core/missing.hpp"
#include "rates/basic.hpp"

#include <limits>
#include <span>
#include <string>
#include <vector>

namespace heq::rates {

struct IsrBand {
  double count;  // observed events (missing counts as 0)
  double population;
  double ref_count;
  double ref_population;
  // Expected events given directly (as Fingertips publishes them); when not NaN it is
  // used instead of ref_count / ref_population x population.
  double expected = kMissing;
};

// The ratio (or rate) with its limits and note, and the totals behind it.
struct Isr : Estimate {
  double observed = 0;
  double expected = 0;
};

// A group's running sums, band by band in the order given (so folding rows as they
// arrive sums exactly as isr() over the held bands does).
struct IsrTotals {
  double expected = 0, count = 0, ref_count = 0, ref_population = 0;
  void add(const IsrBand& band);
};

// The ratio or rate from a group's sums; `observed` as for isr().
Isr isr_from(const IsrTotals& totals, double observed, bool rate, double multiplier,
             std::span<const double> levels);

// E = sum(ref_count / ref_population x population); O = sum(count), or `observed` when
// it is not NaN (observed totals given separately). Ratio: O / E x multiplier. Rate
// (`rate`): O / E x sum(ref_count) / sum(ref_population) x multiplier. Limits: exact
// Poisson below 10 events, Byars' from 10, divided by E and scaled alike.
Isr isr(std::span<const IsrBand> bands, double observed, bool rate, double multiplier,
        std::span<const double> levels);

}  // namespace heq::rates
