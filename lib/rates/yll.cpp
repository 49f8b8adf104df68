#include "rates/yll.hpp"

#include "core/missing.hpp"

#include <cmath>

namespace heq::rates {

double potential_years(double age, const YllWindow& w) {
  return age >= w.from && age < w.limit ? w.limit - age : 0;
}

double mean_age_at_death(double start, double end, double previous_width) {
  if (std::isinf(end)) return start + previous_width / 2;
  return (start + end) / 2;
}

double expected_years(double age, std::span<const double> ages, std::span<const double> e) {
  if (ages.empty()) return kMissing;
  if (age <= ages.front()) return e.front();
  for (std::size_t i = 1; i < ages.size(); ++i)
    if (age < ages[i]) {
      const double t = (age - ages[i - 1]) / (ages[i] - ages[i - 1]);
      return e[i - 1] + t * (e[i] - e[i - 1]);
    }
  return e.back();
}

}  // namespace heq::rates
