#pragma once
#include <limits>

namespace heq {

// A confidence interval; NaN ends mean "no limit could be made".
struct Interval {
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace heq
