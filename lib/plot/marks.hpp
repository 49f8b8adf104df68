#pragma once
// Marks and ranges the charts share.
#include "plot/charts.hpp"
#include "plot/frame.hpp"

#include <algorithm>
#include <string>

namespace heq::plot {

// The extent of some numbers, ignoring missing ones.
struct Range {
  double lo = std::numeric_limits<double>::infinity(),
         hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isnan(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  void add(const Estimate& e) {
    add(e.value);
    add(e.lower);
    add(e.upper);
  }
  bool empty() const { return lo > hi; }
};

// Ticks for a value axis over `range`, held to the user's bounds where given.
Ticks value_ticks(Range range, const Text& text);

// A vertical error bar with caps, in its own group of class "errorbar".
void error_bar(Svg& svg, double x, double y_lower, double y_upper, const std::string& colour,
               double cap);

// "value (lower to upper)" in the decimals the value's size asks for.
std::string describe(const Estimate& e);

// The palette's i-th colour, round again after the last.
const std::string& colour(std::size_t i);

// One legend entry per series, when there is more than one.
std::vector<LegendEntry> series_legend(const std::vector<Series>& series, Swatch swatch);

// Whether category labels side by side would collide on a page this wide (then they
// are turned 45 degrees).
bool crowded(const std::vector<std::string>& labels, double page_width, double share = 0);

// The frame for a chart's text, with the chart's axes and legend.
FrameSpec frame_for(const Text& text, AxisSpec x, AxisSpec y, std::vector<LegendEntry> legend);

}  // namespace heq::plot
