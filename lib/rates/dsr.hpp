#pragma once
// Directly standardised rates with Dobson's limits, as PHEindicatormethods::calculate_dsr
// computes them, including its small-count rule and its adjustment for non-independent
// events (people counted once per event they had).
#include "core/interval.hpp"
#include "core/missing.hpp"
#include "rates/basic.hpp"

#include <span>
#include <string>
#include <vector>

namespace heq::rates {

// One age band. For independent events, events = events_squared = the count. For
// non-independent events, with x_f people having f events: events = sum f x_f and
// events_squared = sum f^2 x_f (the variance weights each person's events squared).
struct DsrBand {
  double events;
  double events_squared;
  double population;
  double weight;  // the standard population for the band
  // The Poisson count behind weighted events (deaths behind years of life lost): Dobson's
  // O and the small-count rule use it. NaN: the events themselves are the count.
  double count = kMissing;
};

// The rate with its limits and note, and the totals behind it.
struct Dsr : Estimate {
  double total_count = 0;
  double total_population = 0;
};

// DSR = M sum(E w / n) / sum(w); V = sum(S (w / n)^2) / sum(w)^2; limits
// DSR + sqrt(V / O) (Byars(O) - O) M, O = sum(E) (or the bands' Poisson counts). Below
// 10 events (counts): no values, a note.
Dsr dsr(std::span<const DsrBand> bands, double multiplier, std::span<const double> levels);

}  // namespace heq::rates
