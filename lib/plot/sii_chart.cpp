// heq-plot sii: the gradient the SII summarises, drawn the way the ridit scale reads it.
#include "plot/marks.hpp"

namespace heq::plot {

std::string render(const SiiChart& c) {
  Range range;
  for (const SiiBar& b : c.bars) range.add(b.estimate);
  for (const auto& [rank, value] : c.fit) range.add(value);
  const Ticks y = value_ticks(range, c.text);

  AxisSpec x;
  x.lo = 0;
  x.hi = 1;
  x.title = c.text.x_title;
  for (const SiiBar& b : c.bars) x.ticks.push_back({(b.start + b.end) / 2, b.label});
  double narrowest = 1;
  for (const SiiBar& b : c.bars) narrowest = std::min(narrowest, b.end - b.start);
  std::vector<LegendEntry> legend{{c.point_label, palette()[0], Swatch::point}};
  if (!c.fit.empty()) legend.push_back({c.fit_label, palette()[3], Swatch::line});

  Svg svg(c.text.width, c.text.height, c.text.title);
  FrameSpec spec = frame_for(c.text, x, numeric_axis(y, c.text.y_title, true), legend);
  std::vector<std::string> labels;
  for (const SiiBar& b : c.bars) labels.push_back(b.label);
  spec.x.rotate_labels = crowded(labels, c.text.width, narrowest);
  const PlotArea a = draw_frame(svg, spec);
  clip_to(svg, a);

  // Each quantile's column is as wide as its population share: the ridit scale made
  // visible. Columns shade the background rather than rise from zero, so the value
  // axis can fit the data without a bar's height misleading.
  svg.open_group("bars", "plot-area");
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    const SiiBar& b = c.bars[i];
    svg.rect(a.x(b.start), a.top, a.x(b.end) - a.x(b.start), a.bottom - a.top,
             Style{i % 2 ? "#f4f6f9" : "#e4ebf3"}, "bar",
             b.label + ": population share " + format_label((b.end - b.start) * 100, 1) + "%");
  }
  svg.close_group();

  if (!c.fit.empty()) {
    std::vector<std::pair<double, double>> points;
    for (const auto& [rank, value] : c.fit) points.emplace_back(a.x(rank), a.y(value));
    svg.open_group("fits", "plot-area");
    svg.polyline(points, Style{"none", palette()[3], 2.5}, "fit");
    svg.close_group();
  }

  svg.open_group("estimates", "plot-area");
  for (const SiiBar& b : c.bars) {
    const double mid = a.x((b.start + b.end) / 2);
    const Estimate& e = b.estimate;
    if (!std::isnan(e.lower) && !std::isnan(e.upper))
      error_bar(svg, mid, a.y(e.lower), a.y(e.upper), palette()[0], 8);
    if (!std::isnan(e.value))
      svg.circle(mid, a.y(e.value), 4, Style{palette()[0], "#ffffff", 1}, "point",
                 b.label + ": " + describe(e));
  }
  svg.close_group();
  return svg.finish();
}

}  // namespace heq::plot
