// heq-plot values: estimates with limits by subgroup, series side by side.
#include "plot/marks.hpp"

namespace heq::plot {

std::string render(const ValuesChart& c) {
  Range range;
  for (const Series& s : c.series)
    for (const Estimate& e : s.at) range.add(e);
  const Ticks y = value_ticks(range, c.text);

  AxisSpec x = category_axis(c.categories, c.text.x_title);
  const std::size_t n = std::max<std::size_t>(c.categories.size(), 1);
  x.rotate_labels = crowded(c.categories, c.text.width);
  const std::vector<LegendEntry> legend = series_legend(c.series, Swatch::point);

  Svg svg(c.text.width, c.text.height, c.text.title);
  const PlotArea a =
      draw_frame(svg, frame_for(c.text, x, numeric_axis(y, c.text.y_title, true), legend));
  clip_to(svg, a);
  const double slot = (a.right - a.left) / static_cast<double>(n);
  const double count = static_cast<double>(c.series.size());
  const double dodge = std::min(0.8 / std::max(count, 1.0), 0.25);  // in category widths
  const double cap = std::min(10.0, slot * dodge * 0.6);

  svg.open_group("estimates", "plot-area");
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    const Series& series = c.series[s];
    const std::string& ink = colour(s);
    const double offset = (static_cast<double>(s) - (count - 1) / 2) * dodge;
    for (std::size_t i = 0; i < series.at.size() && i < c.categories.size(); ++i) {
      const Estimate& e = series.at[i];
      const double x_at = a.x(static_cast<double>(i) + 0.5 + offset);
      if (!std::isnan(e.lower) && !std::isnan(e.upper))
        error_bar(svg, x_at, a.y(e.lower), a.y(e.upper), ink, cap);
      if (!std::isnan(e.value)) {
        const std::string who =
            series.name.empty() ? c.categories[i] : series.name + ", " + c.categories[i];
        svg.circle(x_at, a.y(e.value), 4, Style{ink, "#ffffff", 1}, "point",
                   who + ": " + describe(e));
      }
    }
  }
  svg.close_group();
  return svg.finish();
}

}  // namespace heq::plot
