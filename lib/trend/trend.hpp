#pragma once
// Trends over time: the OHID Fingertips "recent trend" marker (PHEindicatormethods'
// assign_trend_markers, development branch add_trend_markers) and the weighted linear
// trend of any estimate with standard errors. Pure: numbers in, numbers and words out.
#include "core/interval.hpp"
#include "core/missing.hpp"

#include <limits>
#include <span>
#include <string>
#include <vector>

namespace heq::trend {

// One time point. Proportions use count and denominator; other types value and se.
struct Point {
  double time = kMissing;
  double count = kMissing, denominator = kMissing;
  double value = kMissing, se = kMissing;
};

enum class Kind { proportion, other };

// Fingertips' words.
struct Marker {
  std::string trend;   // Increasing, Decreasing, No significant change, Cannot be calculated
  std::string reason;  // No outliers and significant trend, Outlier found, ...
  double statistic = kMissing;  // the chi-squared statistic (1 df)
  double gradient = kMissing;   // the 5-point slope whose sign gives the direction
};

// X^2 above this (the chi-squared 1-df quantile at 99.8%) is a significant trend.
inline constexpr double kCritical = 9.5495;

// `points` sorted by time. `duplicate_times` and `overlapping` are the caller's findings
// about the whole group (the rules check them before anything else). `positions`: time
// is the point's position 1..5, as the branch has it (a missing year then counts as no
// gap); otherwise the times themselves.
Marker recent_trend(std::span<const Point> points, Kind kind, bool duplicate_times,
                    bool overlapping, bool positions = false);

// The chi-squared test for trend in proportions: N (N A - C B)^2 / (C (N - C) (N Q - B^2)).
double proportion_statistic(std::span<const Point> points);
// The unweighted least-squares slope of logit(O / n) on t (the direction of a proportion).
double logit_slope(std::span<const Point> points);

struct Line {
  double slope = kMissing, se = kMissing;  // per time unit
};
// Weighted least squares of value on time, weights 1 / se^2: slope and its SE.
Line weighted_slope(std::span<const Point> points);

}  // namespace heq::trend
