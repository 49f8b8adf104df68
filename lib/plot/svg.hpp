#pragma once
// A small SVG writer: well-formed XML, text escaped, coordinates printed to two decimals
// so that the same chart gives the same bytes. No scripts, no external fonts or links.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heq::plot {

struct Style {
  explicit Style(std::string fill_ = "none", std::string stroke_ = "none", double stroke_width_ = 1,
                 double opacity_ = 1, std::string dash_ = "")
      : fill(std::move(fill_)),
        stroke(std::move(stroke_)),
        stroke_width(stroke_width_),
        opacity(opacity_),
        dash(std::move(dash_)) {}
  std::string fill, stroke;
  double stroke_width, opacity;
  std::string dash;  // stroke-dasharray, e.g. "6 4"
};

struct TextStyle {
  explicit TextStyle(double size_ = 12, std::string anchor_ = "start",
                     std::string colour_ = "#222222", bool bold_ = false, double rotate_ = 0)
      : size(size_),
        anchor(std::move(anchor_)),
        colour(std::move(colour_)),
        bold(bold_),
        rotate(rotate_) {}
  double size;
  std::string anchor;  // start, middle, end
  std::string colour;
  bool bold;
  double rotate;  // degrees, about the text's anchor point
};

class Svg {
 public:
  Svg(double width, double height, std::string_view title);

  // A group; with `clip`, its marks are cut to the clip path of that id.
  void open_group(std::string_view cls, std::string_view clip = "");
  // A rectangular clip path for groups to refer to.
  void clip_rect(std::string_view id, double x, double y, double w, double h);
  void close_group();
  void rect(double x, double y, double w, double h, const Style& s, std::string_view cls = "",
            std::string_view tooltip = "");
  void line(double x1, double y1, double x2, double y2, const Style& s, std::string_view cls = "");
  void polyline(const std::vector<std::pair<double, double>>& points, const Style& s,
                std::string_view cls = "");
  void polygon(const std::vector<std::pair<double, double>>& points, const Style& s,
               std::string_view cls = "");
  void circle(double cx, double cy, double r, const Style& s, std::string_view cls = "",
              std::string_view tooltip = "");
  void text(double x, double y, std::string_view content, const TextStyle& t,
            std::string_view cls = "");

  std::string finish();

 private:
  void style(const Style& s);
  void open(std::string_view element, std::string_view cls);
  void close_shape(std::string_view element, std::string_view tooltip);
  void points(std::string_view element, const std::vector<std::pair<double, double>>& points,
              const Style& s, std::string_view cls);

  std::string out_;
  int depth_ = 0;
};

// XML text and attribute escaping (& < > " ').
void append_escaped(std::string& out, std::string_view text);

// A number for SVG: two decimals at most, no trailing zeros, no "-0".
std::string coordinate(double x);

// An estimate of a text's rendered width: fonts are the viewer's, so layout cannot
// measure them. About 0.6 em a character errs wide for the sans-serif fonts viewers
// pick (Helvetica, Arial, DejaVu Sans), so wrapped text fits; bold is a tenth wider.
double text_width(std::string_view text, double size, bool bold = false);

// Okabe and Ito's colour-blind-safe palette, black last.
const std::vector<std::string>& palette();

}  // namespace heq::plot
