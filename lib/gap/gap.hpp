#pragma once
// Absolute and relative gaps between two subgroups' estimates, with limits from their
// standard errors: the difference on its own scale (normal approximation), the ratio on
// the log scale (delta method). Pure computation.
#include "core/interval.hpp"
#include "core/missing.hpp"

#include <span>
#include <string>
#include <vector>

namespace heq::gap {

struct Side {
  double value;
  double se;  // NaN: no limits
};

struct Gap {
  double gap = kMissing;
  double ratio = kMissing;
  std::vector<Interval> gap_ci, ratio_ci;  // one per level, empty when there are none
  std::string note;
};

// gap = to - from, SE = sqrt(se_to^2 + se_from^2); ratio = to / from with
// SE(log ratio) = sqrt((se_to / to)^2 + (se_from / from)^2), limits exp(log ratio +- z SE).
Gap compare(Side from, Side to, std::span<const double> levels);

}  // namespace heq::gap
