#include "plot/frame.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heq::plot {

namespace {

constexpr double kPad = 16;
constexpr double kTitleSize = 18, kSubtitleSize = 13, kLabelSize = 12, kAxisTitleSize = 13;
constexpr double kCaptionSize = 11.5, kTickLength = 4;

double widest(const std::vector<Tick>& ticks, double size) {
  double w = 0;
  for (const Tick& t : ticks) w = std::max(w, text_width(t.label, size));
  return w;
}

// Legend entries flow left to right and wrap; returns the rows' heights used.
double legend_rows(const std::vector<LegendEntry>& legend, double width, Svg* svg, double left,
                   double top) {
  if (legend.empty()) return 0;
  double x = left, y = top;
  for (const LegendEntry& e : legend) {
    const double w = 18 + text_width(e.label, kLabelSize) + 18;
    if (x > left && x + w > left + width) {
      x = left;
      y += 18;
    }
    if (svg) {
      const double mid = y + 6;
      switch (e.swatch) {
        case Swatch::point:
          svg->circle(x + 6, mid, 4.5, Style{e.colour});
          break;
        case Swatch::line:
          svg->line(x, mid, x + 14, mid, Style{"none", e.colour, 2.5});
          break;
        case Swatch::dashed:
          svg->line(x, mid, x + 14, mid, Style{"none", e.colour, 1.5, 1, "4 3"});
          break;
        case Swatch::box:
          svg->rect(x, mid - 6, 14, 12, Style{e.colour});
          break;
      }
      svg->text(x + 18, mid + 4, e.label, TextStyle{kLabelSize, "start", kInk});
    }
    x += w;
  }
  return y - top + 18;
}

}  // namespace

AxisSpec numeric_axis(const Ticks& ticks, std::string title, bool grid) {
  AxisSpec a;
  a.lo = ticks.lo;
  a.hi = ticks.hi;
  for (double v : ticks.values) a.ticks.push_back({v, format_label(v, ticks.decimals)});
  a.title = std::move(title);
  a.grid = grid;
  return a;
}

AxisSpec category_axis(const std::vector<std::string>& labels, std::string title) {
  AxisSpec a;
  a.lo = 0;
  a.hi = static_cast<double>(std::max<std::size_t>(labels.size(), 1));
  for (std::size_t i = 0; i < labels.size(); ++i)
    a.ticks.push_back({static_cast<double>(i) + 0.5, labels[i]});
  a.title = std::move(title);
  return a;
}

PlotArea draw_frame(Svg& svg, const FrameSpec& spec) {
  const double inner = spec.width - 2 * kPad;
  const auto title = wrap(spec.title, inner, kTitleSize, true);
  const auto subtitle = wrap(spec.subtitle, inner, kSubtitleSize);
  const auto caption = wrap(spec.caption, inner, kCaptionSize);

  // Top: title, subtitle, legend.
  double top = kPad;
  svg.open_group("titles");
  for (const std::string& line : title) {
    top += kTitleSize + 4;
    svg.text(kPad, top - 4, line, TextStyle{kTitleSize, "start", kInk, true});
  }
  for (const std::string& line : subtitle) {
    top += kSubtitleSize + 4;
    svg.text(kPad, top - 3, line, TextStyle{kSubtitleSize, "start", kMuted});
  }
  svg.close_group();
  if (!spec.legend.empty()) {
    top += 8;
    svg.open_group("legend");
    top += legend_rows(spec.legend, inner, &svg, kPad, top);
    svg.close_group();
  }
  top += 14;

  // Bottom: caption, x axis title, x tick labels.
  double bottom = spec.height - kPad;
  svg.open_group("caption");
  for (std::size_t i = caption.size(); i-- > 0;) {
    svg.text(kPad, bottom, caption[i], TextStyle{kCaptionSize, "start", kMuted});
    bottom -= kCaptionSize + 4;
  }
  svg.close_group();
  if (!caption.empty()) bottom -= 6;
  const double x_title_baseline = bottom;
  if (!spec.x.title.empty()) bottom -= kAxisTitleSize + 10;
  const double x_label_room =
      spec.x.rotate_labels ? widest(spec.x.ticks, kLabelSize) * 0.71 + kLabelSize : kLabelSize + 2;
  bottom -= x_label_room + kTickLength + 4;

  // Left: y axis title (turned), y tick labels. Right: room for the last x label.
  double left = kPad;
  if (!spec.y.title.empty()) left += kAxisTitleSize + 8;
  left += widest(spec.y.ticks, kLabelSize) + kTickLength + 6;
  double right = spec.width - kPad;
  if (!spec.x.ticks.empty() && !spec.x.rotate_labels)
    right -= std::max(0.0, text_width(spec.x.ticks.back().label, kLabelSize) / 2 - kPad / 2);

  if (right - left < 60 || bottom - top < 60)
    throw UsageError(
        fmt::format("a {}x{} page leaves no room to plot: give a larger --width or --height",
                    coordinate(spec.width), coordinate(spec.height)));

  PlotArea area{left,
                top,
                right,
                bottom,
                Scale{spec.x.lo, spec.x.hi, left, right},
                spec.y.reversed ? Scale{spec.y.lo, spec.y.hi, top, bottom}
                                : Scale{spec.y.lo, spec.y.hi, bottom, top}};

  svg.open_group("grid");
  if (spec.y.grid)
    for (const Tick& t : spec.y.ticks)
      svg.line(left, area.y(t.at), right, area.y(t.at), Style{"none", kGrid, 1});
  if (spec.x.grid)
    for (const Tick& t : spec.x.ticks)
      svg.line(area.x(t.at), top, area.x(t.at), bottom, Style{"none", kGrid, 1});
  svg.close_group();

  svg.open_group("axes");
  const Style axis{"none", "#444444", 1};
  svg.line(left, bottom, right, bottom, axis);
  svg.line(left, top, left, bottom, axis);
  for (const Tick& t : spec.x.ticks) {
    const double x = area.x(t.at);
    svg.line(x, bottom, x, bottom + kTickLength, axis);
    if (spec.x.rotate_labels)
      svg.text(x + 4, bottom + kTickLength + 10, t.label,
               TextStyle{kLabelSize, "end", kInk, false, -45});
    else
      svg.text(x, bottom + kTickLength + kLabelSize + 2, t.label,
               TextStyle{kLabelSize, "middle", kInk});
  }
  for (const Tick& t : spec.y.ticks) {
    const double y = area.y(t.at);
    svg.line(left - kTickLength, y, left, y, axis);
    svg.text(left - kTickLength - 4, y + 4, t.label, TextStyle{kLabelSize, "end", kInk});
  }
  if (!spec.x.title.empty())
    svg.text((left + right) / 2, x_title_baseline, spec.x.title,
             TextStyle{kAxisTitleSize, "middle", kInk});
  if (!spec.y.title.empty())
    svg.text(kPad + kAxisTitleSize, (top + bottom) / 2, spec.y.title,
             TextStyle{kAxisTitleSize, "middle", kInk, false, -90});
  svg.close_group();
  return area;
}

void clip_to(Svg& svg, const PlotArea& area) {
  svg.clip_rect("plot-area", area.left, area.top, area.right - area.left, area.bottom - area.top);
}

}  // namespace heq::plot
