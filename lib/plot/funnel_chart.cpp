// heq-plot funnel: every point against the 95% (2 sigma) and 99.8% (3 sigma) limits.
#include "plot/marks.hpp"

#include <algorithm>

namespace heq::plot {

namespace {

struct Category {
  const char* significance;
  const char* label;
  const char* colour;
};

// Okabe-Ito: orange and vermillion above, sky blue and blue below.
constexpr Category kCategories[] = {
    {"High (0.001)", "Above 99.8% limit", "#D55E00"},
    {"High (0.025)", "Above 95% limit", "#E69F00"},
    {"Not significant", "Within limits", "#8c8c8c"},
    {"Low (0.025)", "Below 95% limit", "#56B4E9"},
    {"Low (0.001)", "Below 99.8% limit", "#0072B2"},
};

const Category* category_of(const std::string& significance) {
  for (const Category& c : kCategories)
    if (significance == c.significance) return &c;
  return nullptr;
}

}  // namespace

std::string render(const FunnelPlot& c) {
  Range xs, ys;
  for (const FunnelPoint& p : c.points) {
    if (std::isnan(p.x) || std::isnan(p.y)) continue;
    xs.add(p.x);
    ys.add(p.y);
  }
  if (xs.empty()) xs = Range{0, 1};
  ys.add(c.baseline);
  // The limits over the points' own span show the funnel without its wide mouth.
  for (const auto& curve : c.limits)
    for (const auto& [x, y] : curve)
      if (x >= xs.lo && x <= xs.hi && std::isfinite(y)) ys.add(y);
  // From zero unless the points sit far from it (the package's own axis rule).
  if (!(xs.lo > 0 && xs.hi <= 2 * xs.lo)) xs.add(0);
  if (!ys.empty() && !std::isnan(c.ceiling)) ys.hi = std::min(ys.hi, c.ceiling);
  const Ticks y = value_ticks(ys, c.text);
  const Ticks x = nice_ticks(xs.lo, xs.hi);

  std::vector<LegendEntry> legend;
  for (const Category& k : kCategories)
    if (std::any_of(c.points.begin(), c.points.end(),
                    [&](const FunnelPoint& p) { return p.significance == k.significance; }))
      legend.push_back({k.label, k.colour, Swatch::point});
  legend.push_back({c.baseline_label, kInk, Swatch::line});
  legend.push_back({"95% limits", kMuted, Swatch::dashed});
  legend.push_back({"99.8% limits", kMuted, Swatch::line});

  Svg svg(c.text.width, c.text.height, c.text.title);
  const PlotArea a = draw_frame(svg, frame_for(c.text, numeric_axis(x, c.text.x_title, false),
                                               numeric_axis(y, c.text.y_title, true), legend));
  clip_to(svg, a);

  svg.open_group("limits", "plot-area");
  for (int side = 0; side < 4; ++side) {
    std::vector<std::pair<double, double>> points;
    for (const auto& [px, py] : c.limits[side])
      if (std::isfinite(px) && std::isfinite(py)) points.emplace_back(a.x(px), a.y(py));
    if (points.size() > 1)
      svg.polyline(points, Style{"none", kMuted, 1.2, 1, side < 2 ? "5 4" : ""},
                   side < 2 ? "limit-2s" : "limit-3s");
  }
  if (!std::isnan(c.baseline))
    svg.line(a.left, a.y(c.baseline), a.right, a.y(c.baseline), Style{"none", kInk, 1.2},
             "baseline");
  svg.close_group();

  svg.open_group("points", "plot-area");
  for (const FunnelPoint& p : c.points) {
    if (std::isnan(p.x) || std::isnan(p.y)) continue;
    const Category* k = category_of(p.significance);
    const std::string tooltip = (p.label.empty() ? "" : p.label + ": ") +
                                format_label(p.y, decimals_for(p.y)) +
                                (k ? std::string(", ") + k->label : std::string(", not tested"));
    svg.circle(a.x(p.x), a.y(p.y), 4,
               k ? Style{k->colour, "#ffffff", 0.8} : Style{"#ffffff", kNeutral, 1.2}, "point",
               tooltip);
  }
  svg.close_group();
  return svg.finish();
}

}  // namespace heq::plot
