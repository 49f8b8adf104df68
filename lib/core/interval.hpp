#pragma once
#include <limits>
#include "core/missing.hpp"

namespace heq {

// A confidence interval; NaN ends mean "no limit could be made".
struct Interval {
  double lower = kMissing;
  double upper = kMissing;
};

}  // namespace heq
