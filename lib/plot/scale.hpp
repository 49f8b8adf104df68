#pragma once
// Axis arithmetic for charts: readable ("nice") tick steps, the mapping from data to
// page, and number labels as a reader expects them (thousands separated, a true minus).
#include <string>
#include <vector>

namespace heq::plot {

struct Ticks {
  double lo, hi, step;         // the axis runs from lo to hi, ticks every step
  std::vector<double> values;  // lo, lo + step, ..., hi
  int decimals;                // what the labels need to show the step exactly
};

// Ticks covering [lo, hi] with a step of 1, 2, 2.5 or 5 x 10^k, about `target` of them.
// An empty range is widened around its value. `whole`: steps of whole numbers only
// (years).
Ticks nice_ticks(double lo, double hi, int target = 6, bool whole = false);

// Data to page: value v in [d0, d1] maps to [r0, r1] (r1 < r0 for a vertical axis).
struct Scale {
  double d0, d1, r0, r1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

// A number with `decimals` places, thousands separated from 10,000, minus as U+2212.
std::string format_label(double x, int decimals);

// A figure for prose (captions, subtitles): `significant` figures, at most 6 decimals.
int decimals_for(double x, int significant = 3);

// Words joined into lines no wider than `width` at font `size` (an estimate).
std::vector<std::string> wrap(const std::string& text, double width, double size,
                              bool bold = false);

}  // namespace heq::plot
