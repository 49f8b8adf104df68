#include "plot/scale.hpp"

#include "plot/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heq::plot {

Ticks nice_ticks(double lo, double hi, int target, bool whole) {
  if (lo > hi) std::swap(lo, hi);
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, target - 1);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double best_step = power, best_score = 1e300;
  std::vector<double> steps;
  for (double mantissa : {1.0, 2.0, 2.5, 5.0, 10.0}) steps.push_back(mantissa * power);
  if (whole) {
    steps.erase(std::remove_if(steps.begin(), steps.end(),
                               [](double s) { return s < 1 || s != std::floor(s); }),
                steps.end());
    for (double s : {1.0, 2.0, 5.0}) steps.push_back(s);
  }
  for (double step : steps) {
    const double mantissa = step / power;
    const double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
    const double count = last - first + 1;
    // Prefer a tick count near the target, then less padding beyond the data.
    const double score =
        std::abs(count - target) +
        ((first * step < lo - 1e-9 * step) + (last * step > hi + 1e-9 * step)) * 0.1 +
        (std::abs(mantissa - 2.5) < 1e-9 ? 0.3 : 0);
    if (score < best_score) {
      best_score = score;
      best_step = step;
    }
  }
  Ticks t;
  t.step = best_step;
  const double first = std::floor(lo / best_step + 1e-9), last = std::ceil(hi / best_step - 1e-9);
  t.lo = first * best_step;
  t.hi = last * best_step;
  for (double k = first; k <= last + 0.5; ++k) {
    double v = k * best_step;
    if (std::abs(v) < best_step * 1e-9) v = 0;
    t.values.push_back(v);
  }
  t.decimals = 0;
  while (t.decimals < 10) {
    const double scaled = best_step * std::pow(10.0, t.decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled) break;
    ++t.decimals;
  }
  return t;
}

std::string format_label(double x, int decimals) {
  if (std::isnan(x)) return "";
  std::string digits = fmt::format("{:.{}f}", std::abs(x), std::max(0, decimals));
  const bool negative = x < 0 && digits.find_first_not_of("0.") != std::string::npos;
  const std::size_t point = std::min(digits.find('.'), digits.size());
  if (point > 4) {  // 10,000 and above: separate thousands
    std::string grouped;
    for (std::size_t i = 0; i < point; ++i) {
      if (i && (point - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    digits = grouped + digits.substr(point);
  }
  return negative ? "\u2212" + digits : digits;
}

int decimals_for(double x, int significant) {
  if (!std::isfinite(x) || x == 0) return std::max(0, significant - 1);
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(x))));
  return std::clamp(significant - 1 - magnitude, 0, 6);
}

std::vector<std::string> wrap(const std::string& text, double width, double size, bool bold) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? word : line + ' ' + word;
    if (!line.empty() && text_width(candidate, size, bold) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace heq::plot
