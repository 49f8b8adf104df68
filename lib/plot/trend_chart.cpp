// heq-plot trend: each series as a line through its estimates, limits as a ribbon.
#include "plot/marks.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace heq::plot {

namespace {

using Points = std::vector<std::pair<double, double>>;

// Runs of consecutive positions where `present` holds: a missing value breaks a line.
template <class Present, class Emit>
void runs(std::size_t n, Present present, Emit emit) {
  std::size_t i = 0;
  while (i < n) {
    while (i < n && !present(i)) ++i;
    const std::size_t start = i;
    while (i < n && present(i)) ++i;
    if (i > start) emit(start, i);
  }
}

}  // namespace

std::string render(const TrendChart& c) {
  const bool numeric = c.labels.empty();
  const std::size_t n = numeric ? c.times.size() : c.labels.size();
  Range range;
  for (const Series& s : c.series)
    for (const Estimate& e : s.at) range.add(e);
  const Ticks y = value_ticks(range, c.text);

  AxisSpec x;
  if (numeric) {
    Range times;
    for (double t : c.times) times.add(t);
    if (times.empty()) times = Range{0, 1};
    // Whole-number times (years) are not split into half-years.
    const bool whole =
        std::all_of(c.times.begin(), c.times.end(), [](double t) { return t == std::floor(t); });
    x = numeric_axis(nice_ticks(times.lo, times.hi, 7, whole), c.text.x_title, false);
  } else {
    x = category_axis(c.labels, c.text.x_title);
    x.rotate_labels = crowded(c.labels, c.text.width);
  }
  const auto position = [&](std::size_t i) {
    return numeric ? c.times[i] : static_cast<double>(i) + 0.5;
  };

  std::vector<LegendEntry> legend = series_legend(c.series, Swatch::line);
  if (!c.verdicts.empty()) {  // the marker in words and an arrow, per series, in the legend
    legend.clear();
    for (std::size_t s = 0; s < c.series.size() && s < c.verdicts.size(); ++s)
      legend.push_back(
          {(c.series[s].name.empty() ? "Recent trend" : c.series[s].name) + ": " + c.verdicts[s],
           colour(s), Swatch::line});
  }

  Svg svg(c.text.width, c.text.height, c.text.title);
  const PlotArea a =
      draw_frame(svg, frame_for(c.text, x, numeric_axis(y, c.text.y_title, true), legend));
  clip_to(svg, a);

  svg.open_group("series", "plot-area");
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    const Series& series = c.series[s];
    const std::string& ink = colour(s);
    const std::size_t m = std::min(n, series.at.size());
    runs(
        m,
        [&](std::size_t i) {
          return !std::isnan(series.at[i].lower) && !std::isnan(series.at[i].upper);
        },
        [&](std::size_t from, std::size_t to) {
          Points ribbon;
          for (std::size_t i = from; i < to; ++i)
            ribbon.emplace_back(a.x(position(i)), a.y(series.at[i].upper));
          for (std::size_t i = to; i-- > from;)
            ribbon.emplace_back(a.x(position(i)), a.y(series.at[i].lower));
          if (to - from == 1) {
            error_bar(svg, ribbon[0].first, ribbon[1].second, ribbon[0].second, ink, 8);
          } else {
            svg.polygon(ribbon, Style{ink, "none", 1, 0.18}, "ribbon");
          }
        });
    runs(
        m, [&](std::size_t i) { return !std::isnan(series.at[i].value); },
        [&](std::size_t from, std::size_t to) {
          if (to - from < 2) return;
          Points line;
          for (std::size_t i = from; i < to; ++i)
            line.emplace_back(a.x(position(i)), a.y(series.at[i].value));
          svg.polyline(line, Style{"none", ink, 2.2}, "line");
        });
    for (std::size_t i = 0; i < m; ++i) {
      const Estimate& e = series.at[i];
      if (std::isnan(e.value)) continue;
      const std::string when = numeric ? fmt::format("{}", c.times[i]) : c.labels[i];
      const std::string who = series.name.empty() ? when : series.name + ", " + when;
      svg.circle(a.x(position(i)), a.y(e.value), 3, Style{ink, "#ffffff", 1}, "point",
                 who + ": " + describe(e));
    }
  }
  svg.close_group();
  return svg.finish();
}

}  // namespace heq::plot
