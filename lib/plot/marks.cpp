#include "plot/marks.hpp"

#include <algorithm>

namespace heq::plot {

Ticks value_ticks(Range range, const Text& text) {
  if (range.empty()) range = Range{0, 1};
  // A little air, so that no mark sits on the frame's edge (and is cut in half).
  const double air = (range.hi - range.lo) * 0.04;
  range.lo -= air;
  range.hi += air;
  if (!std::isnan(text.y_min)) range.lo = text.y_min;
  if (!std::isnan(text.y_max)) range.hi = text.y_max;
  Ticks t = nice_ticks(range.lo, range.hi);
  // The user's bounds are kept exactly; ticks outside them are dropped.
  const auto outside = [&](double v) {
    const double slack = t.step * 1e-9;
    return (!std::isnan(text.y_min) && v < text.y_min - slack) ||
           (!std::isnan(text.y_max) && v > text.y_max + slack);
  };
  t.values.erase(std::remove_if(t.values.begin(), t.values.end(), outside), t.values.end());
  if (!std::isnan(text.y_min)) t.lo = text.y_min;
  if (!std::isnan(text.y_max)) t.hi = text.y_max;
  return t;
}

void error_bar(Svg& svg, double x, double y_lower, double y_upper, const std::string& colour,
               double cap) {
  svg.open_group("errorbar");
  const Style s{"none", colour, 1.4};
  svg.line(x, y_lower, x, y_upper, s);
  svg.line(x - cap / 2, y_lower, x + cap / 2, y_lower, s);
  svg.line(x - cap / 2, y_upper, x + cap / 2, y_upper, s);
  svg.close_group();
}

std::string describe(const Estimate& e) {
  const int d = decimals_for(e.value);
  std::string s = format_label(e.value, d);
  if (!std::isnan(e.lower) && !std::isnan(e.upper))
    s += " (" + format_label(e.lower, d) + " to " + format_label(e.upper, d) + ")";
  return s;
}

const std::string& colour(std::size_t i) { return palette()[i % palette().size()]; }

std::vector<LegendEntry> series_legend(const std::vector<Series>& series, Swatch swatch) {
  std::vector<LegendEntry> legend;
  if (series.size() > 1)
    for (std::size_t s = 0; s < series.size(); ++s)
      legend.push_back({series[s].name, colour(s), swatch});
  return legend;
}

bool crowded(const std::vector<std::string>& labels, double page_width, double share) {
  if (labels.empty()) return false;
  double widest = 0;
  for (const std::string& label : labels) widest = std::max(widest, text_width(label, 12));
  // The plotting area is about the page less 120 pixels of margins.
  const double slot =
      (page_width - 120) * (share > 0 ? share : 1.0 / static_cast<double>(labels.size()));
  return widest + 6 > slot;
}

FrameSpec frame_for(const Text& text, AxisSpec x, AxisSpec y, std::vector<LegendEntry> legend) {
  FrameSpec f;
  f.width = text.width;
  f.height = text.height;
  f.title = text.title;
  f.subtitle = text.subtitle;
  f.caption = text.caption;
  f.x = std::move(x);
  f.y = std::move(y);
  f.legend = std::move(legend);
  return f;
}

}  // namespace heq::plot
