#pragma once
// The one missing value: a number the data did not give or a method could not make.
// The writer writes it as an empty cell (null in JSON).
#include <limits>

namespace heq {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

}  // namespace heq
