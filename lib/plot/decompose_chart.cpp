// heq-plot decompose: each age band's (or cause's) contribution to the gap as a
// horizontal bar, its causes stacked outwards from zero on either side.
#include "plot/marks.hpp"

namespace heq::plot {

std::string render(const DecomposeChart& c) {
  const bool stacked = c.causes.size() > 1;
  Range range;
  range.add(0);
  for (const auto& parts : c.contribution) {
    double positive = 0, negative = 0;
    for (double v : parts) (v > 0 ? positive : negative) += std::isnan(v) ? 0 : v;
    range.add(positive);
    range.add(negative);
  }
  // The value axis is horizontal here: --y-min/--y-max bound it all the same.
  const Ticks values = value_ticks(range, c.text);
  AxisSpec y = category_axis(c.bands, c.text.y_title);
  y.reversed = true;  // youngest band at the top, as a life table reads

  std::vector<LegendEntry> legend;
  if (stacked) {
    for (std::size_t k = 0; k < c.causes.size(); ++k)
      legend.push_back({c.causes[k], colour(k), Swatch::box});
    legend.push_back({"Net contribution", kInk, Swatch::point});
  }

  Svg svg(c.text.width, c.text.height, c.text.title);
  const PlotArea a =
      draw_frame(svg, frame_for(c.text, numeric_axis(values, c.text.x_title, true), y, legend));
  clip_to(svg, a);
  const double slot =
      (a.bottom - a.top) / static_cast<double>(std::max<std::size_t>(c.bands.size(), 1));
  const double thickness = slot * 0.7;

  svg.open_group("bars", "plot-area");
  for (std::size_t b = 0; b < c.bands.size(); ++b) {
    const double top = a.y(static_cast<double>(b) + 0.5) - thickness / 2;
    svg.open_group("bar");
    double positive = 0, negative = 0;
    const std::vector<double>& parts = c.contribution[b];
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const double v = parts[k];
      if (std::isnan(v) || v == 0) continue;
      double& edge = v > 0 ? positive : negative;
      const std::string who = stacked ? c.bands[b] + ", " + c.causes[k] : c.bands[b];
      svg.rect(a.x(edge), top, a.x(edge + v) - a.x(edge), thickness,
               Style{stacked ? colour(k) : palette()[v > 0 ? 0 : 3]}, "segment",
               who + ": " + format_label(v, decimals_for(v)));
      edge += v;
    }
    svg.close_group();
    if (stacked)
      svg.circle(a.x(positive + negative), top + thickness / 2, 3, Style{kInk, "#ffffff", 1}, "net",
                 c.bands[b] + ", net: " +
                     format_label(positive + negative, decimals_for(positive + negative)));
  }
  svg.close_group();
  svg.line(a.x(0), a.top, a.x(0), a.bottom, Style{"none", "#444444", 1}, "zero");
  return svg.finish();
}

}  // namespace heq::plot
