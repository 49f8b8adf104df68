// heq-plot spine: one area's indicators against the spread of every area, as Fingertips draws it.
#include "plot/marks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heq::plot {

namespace {

const std::string& spine_colour(const std::string& v) {  // the compare chart's meanings
  static const std::string better = "#0072B2", worse = "#D55E00", similar = "#E69F00",
                           none = "#8c8c8c";
  if (v == "Better" || v == "Best" || v == "Higher" || v == "Highest") return better;
  if (v == "Worse" || v == "Worst" || v == "Lower" || v == "Lowest") return worse;
  if (v == "Similar" || v == "Middle") return similar;
  return none;
}

std::string figure(double x) { return std::isnan(x) ? "-" : fmt::format("{:.1f}", x); }

}  // namespace

std::string render(const SpineChart& c) {
  const double row_h = 30, top = 96, label_w = 250, value_w = 150;
  // The page is as tall as its rows need: a spine chart grows with its indicators.
  const double height = top + row_h * static_cast<double>(c.rows.size()) + 96;
  const double left = label_w + 10, right = c.text.width - value_w - 10, mid = (left + right) / 2;
  Svg svg(c.text.width, height, c.text.title);
  svg.rect(0, 0, c.text.width, height, Style{"#ffffff"}, "background");
  svg.text(16, 28, c.text.title, TextStyle{18, "start", "#222222", true}, "title");
  if (!c.text.subtitle.empty())
    svg.text(16, 48, c.text.subtitle, TextStyle{13, "start", kMuted}, "subtitle");
  svg.text(left, 78, "Worst", TextStyle{11, "start", kMuted}, "axis-label");
  svg.text(mid, 78, c.benchmark_name, TextStyle{11, "middle", kMuted}, "axis-label");
  svg.text(right, 78, "Best", TextStyle{11, "end", kMuted}, "axis-label");
  svg.text(right + 14, 78, c.area, TextStyle{11, "start", "#222222", true}, "axis-label");
  svg.text(right + 84, 78, c.benchmark_name, TextStyle{11, "start", kMuted, true}, "axis-label");
  svg.open_group("spines");
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const SpineRow& r = c.rows[i];
    const double y = top + row_h * static_cast<double>(i);
    svg.text(label_w, y + row_h / 2 + 4, r.indicator, TextStyle{12, "end"}, "indicator");
    // Distances from the benchmark, worst side to the left: the wider side fills its half.
    const double reach = std::max(std::abs(r.worst - r.benchmark), std::abs(r.best - r.benchmark));
    const auto at = [&](double v) {
      if (!(reach > 0) || std::isnan(v)) return mid;
      const double towards_best = (v - r.benchmark) * (r.best >= r.worst ? 1 : -1);
      return mid + towards_best / reach * (right - left) / 2;
    };
    if (!std::isnan(r.worst) && !std::isnan(r.best)) {
      const double a = at(r.worst), b = at(r.best);
      svg.rect(std::min(a, b), y + 7, std::abs(b - a), row_h - 14, Style{"#d9d9d9"}, "range",
               fmt::format("{}: worst {}, best {}", r.indicator, figure(r.worst), figure(r.best)));
      const double p = at(r.p25), q = at(r.p75);
      svg.rect(std::min(p, q), y + 7, std::abs(q - p), row_h - 14, Style{"#9e9e9e"},
               "interquartile",
               fmt::format("{}: 25th to 75th percentile {} to {}", r.indicator, figure(r.p25),
                           figure(r.p75)));
    }
    svg.line(mid, y + 3, mid, y + row_h - 3, Style{"none", "#222222", 1.5}, "benchmark");
    if (!std::isnan(r.value))
      svg.circle(at(r.value), y + row_h / 2, 6, Style{spine_colour(r.verdict), "#222222", 0.8},
                 "point",
                 fmt::format("{}: {} {} ({}); {} {}", r.indicator, c.area, figure(r.value),
                             r.verdict.empty() ? "not compared" : r.verdict, c.benchmark_name,
                             figure(r.benchmark)));
    svg.text(right + 14, y + row_h / 2 + 4, figure(r.value), TextStyle{12}, "value");
    svg.text(right + 84, y + row_h / 2 + 4, figure(r.benchmark), TextStyle{12, "start", kMuted},
             "value");
  }
  svg.close_group();
  const double legend_y = top + row_h * static_cast<double>(c.rows.size()) + 24;
  double x = 16;
  for (const char* v : {"Better", "Similar", "Worse", "Not compared"}) {
    svg.circle(x + 6, legend_y - 4, 5, Style{spine_colour(v), "#222222", 0.8}, "legend-swatch");
    svg.text(x + 16, legend_y, v, TextStyle{12}, "legend");
    x += 30 + text_width(v, 12);
  }
  // The caption in lines that fit the page.
  double caption_y = legend_y + 26;
  std::string line;
  for (std::size_t start = 0; start < c.text.caption.size();) {
    std::size_t end = c.text.caption.find(' ', start);
    if (end == std::string::npos) end = c.text.caption.size();
    const std::string word = c.text.caption.substr(start, end - start);
    if (!line.empty() && text_width(line + " " + word, 11) > c.text.width - 32) {
      svg.text(16, caption_y, line, TextStyle{11, "start", kMuted}, "caption");
      caption_y += 15;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) svg.text(16, caption_y, line, TextStyle{11, "start", kMuted}, "caption");
  return svg.finish();
}

}  // namespace heq::plot
