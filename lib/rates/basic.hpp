#pragma once
// Crude rates, proportions and means with their confidence limits, as
// PHEindicatormethods (phe_rate, phe_proportion, phe_mean) computes them.
// Pure computation: plain numbers in, numbers and a note out.
#include "core/interval.hpp"
#include "core/missing.hpp"

#include <span>
#include <string>
#include <vector>

namespace heq::rates {

struct Estimate {
  double value = kMissing;
  std::vector<Interval> ci;  // one per level; empty when there are none
  std::string note;          // why values are missing
};

// count / population x multiplier; exact Poisson limits below 10 events, Byars' from 10.
Estimate crude_rate(double count, double population, double multiplier,
                    std::span<const double> levels);

// x / n x multiplier with Wilson score limits.
Estimate proportion(double x, double n, double multiplier, std::span<const double> levels);

// The same into `e`, whose limits' storage is reused: no allocation a group.
void crude_rate(double count, double population, double multiplier, std::span<const double> levels,
                Estimate& e);
void proportion(double x, double n, double multiplier, std::span<const double> levels, Estimate& e);

// The mean of the values with Student's t limits (sd with the n - 1 divisor).
struct Mean {
  double sum = 0;
  double count = 0;
  double sd = kMissing;
  Estimate estimate;
};
Mean mean(std::span<const double> values, std::span<const double> levels);

}  // namespace heq::rates
