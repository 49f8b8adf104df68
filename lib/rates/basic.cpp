#include "rates/basic.hpp"

#include "core/number.hpp"
#include "stats/intervals.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::rates {

namespace {

// Resets `e` to count / denominator x multiplier, or to no value with a note saying
// which is missing; true when there is a value (its limits are then the caller's).
bool start_ratio(double count, double denominator, double multiplier, const char* denominator_note,
                 Estimate& e) {
  e.value = kMissing;
  e.ci.clear();
  e.note.clear();
  if (std::isnan(count))
    e.note = "no count";
  else if (std::isnan(denominator))
    e.note = denominator_note;
  else
    e.value = count / denominator * multiplier;
  return e.note.empty();
}

}  // namespace

void crude_rate(double count, double population, double multiplier, std::span<const double> levels,
                Estimate& e) {
  if (!start_ratio(count, population, multiplier, "no population", e)) return;
  for (double level : levels) {
    const bool exact = count < 10;
    const double lo =
        exact ? stats::exact_poisson_lower(count, level) : stats::byars_lower(count, level);
    const double hi =
        exact ? stats::exact_poisson_upper(count, level) : stats::byars_upper(count, level);
    e.ci.push_back({lo / population * multiplier, hi / population * multiplier});
  }
}

Estimate crude_rate(double count, double population, double multiplier,
                    std::span<const double> levels) {
  Estimate e;
  crude_rate(count, population, multiplier, levels, e);
  return e;
}

void proportion(double x, double n, double multiplier, std::span<const double> levels,
                Estimate& e) {
  if (!start_ratio(x, n, multiplier, "no denominator", e)) return;
  for (double level : levels)
    e.ci.push_back({stats::wilson_lower(x, n, level) * multiplier,
                    stats::wilson_upper(x, n, level) * multiplier});
}

Estimate proportion(double x, double n, double multiplier, std::span<const double> levels) {
  Estimate e;
  proportion(x, n, multiplier, levels, e);
  return e;
}

Mean mean(std::span<const double> values, std::span<const double> levels) {
  Mean m;
  for (double v : values) m.sum += v;
  m.count = static_cast<double>(values.size());
  if (values.empty()) {
    m.estimate.note = "no values";
    return m;
  }
  const double average = m.sum / m.count;
  m.estimate.value = average;
  if (values.size() < 2) {
    m.estimate.note = "one value: no standard deviation, so no limits";
    return m;
  }
  double squares = 0;
  for (double v : values) squares += (v - average) * (v - average);
  m.sd = std::sqrt(squares / (m.count - 1));
  for (double level : levels) {
    const double t = std::abs(stats::t_quantile((1 - level) / 2, m.count - 1));
    const double half = t * m.sd / std::sqrt(m.count);
    m.estimate.ci.push_back({average - half, average + half});
  }
  return m;
}

}  // namespace heq::rates
