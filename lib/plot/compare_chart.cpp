// heq-plot compare: areas ranked by value against a benchmark line, coloured by verdict.
#include "plot/marks.hpp"

#include <algorithm>

namespace heq::plot {

namespace {

// Okabe-Ito colours with fixed meanings, so Better is the same blue on every chart;
// the verdict is also in each point's tooltip and in the legend, never colour alone.
const std::string& verdict_colour(const std::string& v) {
  static const std::string better = "#0072B2", worse = "#D55E00", similar = "#E69F00",
                           higher = "#56B4E9", lower = "#CC79A7", none = "#8c8c8c";
  if (v == "Better" || v == "Best") return better;
  if (v == "Worse" || v == "Worst") return worse;
  if (v == "Similar" || v == "Middle") return similar;
  if (v == "Higher" || v == "Highest") return higher;
  if (v == "Lower" || v == "Lowest") return lower;
  return none;
}

}  // namespace

std::string render(const CompareChart& c) {
  Range range;
  for (const Estimate& e : c.at) range.add(e);
  if (!std::isnan(c.benchmark)) range.add(Estimate{c.benchmark, c.benchmark, c.benchmark});
  const Ticks y = value_ticks(range, c.text);
  AxisSpec x = category_axis(c.areas, c.text.x_title);
  x.rotate_labels = crowded(c.areas, c.text.width);

  std::vector<LegendEntry> legend;
  for (const std::string& v : c.verdicts)
    if (std::none_of(legend.begin(), legend.end(),
                     [&](const LegendEntry& e) { return e.label == v; }))
      legend.push_back({v, verdict_colour(v), Swatch::point});
  if (!std::isnan(c.benchmark)) legend.push_back({c.benchmark_name, kMuted, Swatch::dashed});

  Svg svg(c.text.width, c.text.height, c.text.title);
  const PlotArea a =
      draw_frame(svg, frame_for(c.text, x, numeric_axis(y, c.text.y_title, true), legend));
  clip_to(svg, a);
  const double slot =
      (a.right - a.left) / static_cast<double>(std::max<std::size_t>(c.areas.size(), 1));
  svg.open_group("estimates", "plot-area");
  if (!std::isnan(c.benchmark))
    svg.line(a.left, a.y(c.benchmark), a.right, a.y(c.benchmark),
             Style{"none", kMuted, 1.5, 1, "6 4"}, "benchmark");
  for (std::size_t i = 0; i < c.areas.size(); ++i) {
    const Estimate& e = c.at[i];
    const std::string& ink = verdict_colour(c.verdicts[i]);
    const double x_at = a.x(static_cast<double>(i) + 0.5);
    if (!std::isnan(e.lower) && !std::isnan(e.upper))
      error_bar(svg, x_at, a.y(e.lower), a.y(e.upper), ink, std::min(10.0, slot * 0.5));
    if (!std::isnan(e.value))
      svg.circle(x_at, a.y(e.value), 4.5, Style{ink, "#ffffff", 1}, "point",
                 c.areas[i] + ": " + describe(e) + "; " + c.verdicts[i]);
  }
  svg.close_group();
  return svg.finish();
}

}  // namespace heq::plot
