#pragma once
// The parts every chart shares: title, subtitle, legend, axes with ticks and grid, and
// a caption, laid out around the plotting area, whose scales the chart then draws in.
#include "plot/scale.hpp"
#include "plot/svg.hpp"

#include <string>
#include <vector>

namespace heq::plot {

struct Tick {
  double at;
  std::string label;
};

struct AxisSpec {
  double lo = 0, hi = 1;  // the data range the axis spans
  std::vector<Tick> ticks;
  std::string title;
  bool grid = false;           // light lines across the plot at each tick
  bool rotate_labels = false;  // x axis labels at 45 degrees (long category names)
  bool reversed = false;       // y axis: lo at the top (categories read downwards)
};

// A numeric axis from nice ticks, labelled with as many decimals as the step needs.
AxisSpec numeric_axis(const Ticks& ticks, std::string title, bool grid);

// Categories at 0.5, 1.5, ...; the axis spans 0 to n.
AxisSpec category_axis(const std::vector<std::string>& labels, std::string title);

enum class Swatch { point, line, dashed, box };

struct LegendEntry {
  std::string label, colour;
  Swatch swatch = Swatch::box;
};

struct FrameSpec {
  double width = 720, height = 480;
  std::string title, subtitle, caption;
  AxisSpec x, y;
  std::vector<LegendEntry> legend;
};

struct PlotArea {
  double left, top, right, bottom;
  Scale x, y;
};

// Draws the frame and returns where the marks go. Throws UsageError when the page is
// too small to leave a plotting area.
PlotArea draw_frame(Svg& svg, const FrameSpec& spec);

// The clip path that keeps marks inside the plotting area (id "plot-area").
void clip_to(Svg& svg, const PlotArea& area);

// Shared look.
inline constexpr const char* kInk = "#222222";
inline constexpr const char* kMuted = "#555555";
inline constexpr const char* kGrid = "#e3e3e3";
inline constexpr const char* kNeutral = "#8c8c8c";

}  // namespace heq::plot
