#pragma once
#include "core/missing.hpp"
#include <limits>

namespace heq {

// A confidence interval; NaN ends mean "no limit could be made".
struct Interval {
  double lower = kMissing;
  double upper = kMissing;
};

}  // namespace heq
