#pragma once
// The charts heq-plot draws, each from plain numbers to a standalone SVG document.
// Rendering reads nothing and prints nothing; the table layer (tables/plot) builds these
// from CSV rows.
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>
#include "core/missing.hpp"

namespace heq::plot {

// What every chart states in words, and its page.
struct Text {
  std::string title, subtitle, caption, x_title, y_title;
  double width = 720, height = 480;
  double y_min = kMissing, y_max = kMissing;  // value axis bounds (NaN: fit the data)
};

struct Estimate {
  double value = kMissing, lower = kMissing, upper = kMissing;
};

// `heq-plot sii`: quantiles as columns as wide as their population shares, points
// with limits at their relative ranks, and the fitted line (or curve) of the SII.
struct SiiBar {
  std::string label;
  double start, end;  // cumulative population share before and after the quantile
  Estimate estimate;
};
struct SiiChart {
  Text text;
  std::vector<SiiBar> bars;
  std::vector<std::pair<double, double>> fit;  // (relative rank, fitted value); empty: no fit
  std::string point_label = "Value with limits", fit_label = "Fitted line (SII)";
};
std::string render(const SiiChart& chart);

// `heq-plot values` and `heq-plot trend`: one estimate per category (or time) per series.
struct Series {
  std::string name;
  std::vector<Estimate> at;  // aligned with the chart's categories or times
};
struct ValuesChart {
  Text text;
  std::vector<std::string> categories;
  std::vector<Series> series;
};
std::string render(const ValuesChart& chart);

struct TrendChart {
  Text text;
  std::vector<double> times;        // x positions, ascending (numeric times)
  std::vector<std::string> labels;  // category labels instead (non-numeric times)
  std::vector<Series> series;
  // With --trend: each series' Fingertips marker in words ("↑ Increasing"), for the legend.
  std::vector<std::string> verdicts;
};
std::string render(const TrendChart& chart);

// `heq-plot compare`: areas ranked by value with their limits, the benchmark as a line,
// each estimate coloured by its verdict (heq-compare's `compared`).
struct CompareChart {
  Text text;
  std::vector<std::string> areas;  // in rank order
  std::vector<Estimate> at;
  std::vector<std::string> verdicts;  // Better, Similar, Worse, Higher, Lower, Not compared, ...
  double benchmark = kMissing;
  std::string benchmark_name;
};
std::string render(const CompareChart& chart);

// `heq-plot spine`: Fingertips' spine chart, one area across many indicators. Each
// indicator's bar spans the areas' worst to best (the 25th to 75th percentiles darker),
// scaled so the benchmark sits in the middle; the area's value is a marker coloured by
// its verdict.
struct SpineRow {
  std::string indicator, verdict;
  double value = kMissing, benchmark = kMissing;
  double worst = kMissing, p25 = kMissing, p75 = kMissing,
         best = kMissing;  // p25 on the worst side
};
struct SpineChart {
  Text text;
  std::string area, benchmark_name;
  std::vector<SpineRow> rows;
};
std::string render(const SpineChart& chart);

// `heq-plot decompose`: contributions by age band (or cause), stacked by cause.
struct DecomposeChart {
  Text text;
  std::vector<std::string> bands;
  std::vector<std::string> causes;                // empty: one unnamed part per band
  std::vector<std::vector<double>> contribution;  // [band][cause]
};
std::string render(const DecomposeChart& chart);

// `heq-plot funnel`: points against their control limits.
struct FunnelPoint {
  double x, y;
  std::string significance, label;
};
struct FunnelPlot {
  Text text;
  std::vector<FunnelPoint> points;
  std::array<std::vector<std::pair<double, double>>, 4>
      limits;  // lower/upper 2 sigma, lower/upper 3 sigma
  double baseline = kMissing;
  std::string baseline_label = "Average";
  double ceiling = kMissing;  // the largest value possible (proportions: the multiplier)
};
std::string render(const FunnelPlot& chart);

}  // namespace heq::plot
