#include "plot/svg.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::plot {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters other than tab and newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') continue;
        out += c;
    }
  }
}

std::string coordinate(double x) {
  double r = std::round(x * 100) / 100;
  if (r == 0) r = 0;
  std::string s = fmt::format("{:.2f}", r);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

double text_width(std::string_view text, double size, bool bold) {
  double units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: part of the last character
    units += (c == ' ' || c == '.' || c == ',' || c == '(' || c == ')' || c == 'i' || c == 'l' ||
              c == 'j' || c == '\'' || c == ':' || c == ';')
                 ? 0.32
             : (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' || c == '%' ? 0.74
                                                                          : 0.6;
  }
  return units * size * (bold ? 1.1 : 1.0);
}

const std::vector<std::string>& palette() {
  static const std::vector<std::string> colours{"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
  return colours;
}

Svg::Svg(double width, double height, std::string_view title) {
  out_ = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n<title>",
      coordinate(width), coordinate(height));
  append_escaped(out_, title);
  out_ += "</title>\n";
  rect(0, 0, width, height, Style{"#ffffff"}, "background");
}

void Svg::open(std::string_view element, std::string_view cls) {
  out_ += std::string(static_cast<std::size_t>(depth_ + 1) * 2, ' ');
  out_ += '<';
  out_ += element;
  if (!cls.empty()) {
    out_ += " class=\"";
    append_escaped(out_, cls);
    out_ += '"';
  }
}

void Svg::style(const Style& s) {
  out_ += fmt::format(" fill=\"{}\"", s.fill);
  if (s.stroke != "none")
    out_ += fmt::format(" stroke=\"{}\" stroke-width=\"{}\"", s.stroke, coordinate(s.stroke_width));
  if (s.opacity != 1) out_ += fmt::format(" opacity=\"{}\"", coordinate(s.opacity));
  if (!s.dash.empty()) out_ += fmt::format(" stroke-dasharray=\"{}\"", s.dash);
}

void Svg::close_shape(std::string_view element, std::string_view tooltip) {
  if (tooltip.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += "><title>";
  append_escaped(out_, tooltip);
  out_ += fmt::format("</title></{}>\n", element);
}

void Svg::open_group(std::string_view cls, std::string_view clip) {
  open("g", cls);
  if (!clip.empty()) {
    out_ += " clip-path=\"url(#";
    append_escaped(out_, clip);
    out_ += ")\"";
  }
  out_ += ">\n";
  ++depth_;
}

void Svg::close_group() {
  --depth_;
  out_ += std::string(static_cast<std::size_t>(depth_ + 1) * 2, ' ') + "</g>\n";
}

void Svg::clip_rect(std::string_view id, double x, double y, double w, double h) {
  open("defs", "");
  out_ += "><clipPath id=\"";
  append_escaped(out_, id);
  out_ += fmt::format("\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>\n",
                      coordinate(x), coordinate(y), coordinate(w), coordinate(h));
}

void Svg::rect(double x, double y, double w, double h, const Style& s, std::string_view cls,
               std::string_view tooltip) {
  if (w < 0) {
    x += w;
    w = -w;
  }
  if (h < 0) {
    y += h;
    h = -h;
  }
  open("rect", cls);
  out_ += fmt::format(" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", coordinate(x), coordinate(y),
                      coordinate(w), coordinate(h));
  style(s);
  close_shape("rect", tooltip);
}

void Svg::line(double x1, double y1, double x2, double y2, const Style& s, std::string_view cls) {
  open("line", cls);
  out_ += fmt::format(" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"", coordinate(x1), coordinate(y1),
                      coordinate(x2), coordinate(y2));
  style(s);
  out_ += "/>\n";
}

void Svg::points(std::string_view element, const std::vector<std::pair<double, double>>& points,
                 const Style& s, std::string_view cls) {
  open(element, cls);
  out_ += " points=\"";
  for (std::size_t i = 0; i < points.size(); ++i)
    out_ += fmt::format("{}{},{}", i ? " " : "", coordinate(points[i].first),
                        coordinate(points[i].second));
  out_ += '"';
  style(s);
  out_ += "/>\n";
}

void Svg::polyline(const std::vector<std::pair<double, double>>& p, const Style& s,
                   std::string_view cls) {
  points("polyline", p, s, cls);
}

void Svg::polygon(const std::vector<std::pair<double, double>>& p, const Style& s,
                  std::string_view cls) {
  points("polygon", p, s, cls);
}

void Svg::circle(double cx, double cy, double r, const Style& s, std::string_view cls,
                 std::string_view tooltip) {
  open("circle", cls);
  out_ +=
      fmt::format(" cx=\"{}\" cy=\"{}\" r=\"{}\"", coordinate(cx), coordinate(cy), coordinate(r));
  style(s);
  close_shape("circle", tooltip);
}

void Svg::text(double x, double y, std::string_view content, const TextStyle& t,
               std::string_view cls) {
  open("text", cls);
  out_ += fmt::format(" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"", coordinate(x),
                      coordinate(y), coordinate(t.size), t.colour);
  if (t.anchor != "start") out_ += fmt::format(" text-anchor=\"{}\"", t.anchor);
  if (t.bold) out_ += " font-weight=\"bold\"";
  if (t.rotate != 0)
    out_ += fmt::format(" transform=\"rotate({} {} {})\"", coordinate(t.rotate), coordinate(x),
                        coordinate(y));
  out_ += '>';
  append_escaped(out_, content);
  out_ += "</text>\n";
}

std::string Svg::finish() {
  while (depth_ > 0) close_group();
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace heq::plot
