#include "stats/confidence.hpp"

#include "core/error.hpp"
#include "io/number.hpp"

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heq::stats {

std::vector<double> parse_levels(std::string_view text, std::string_view option) {
  std::vector<double> levels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string_view part =
        text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    double v = 0;
    if (io::parse_number(part, v) != io::NumberStatus::ok)
      throw UsageError(fmt::format("{} '{}': not a number", option, part));
    double level = v;
    if (v >= 50 && v < 100) level = v / 100;
    if (!(level > 0 && level < 1))
      throw UsageError(fmt::format(
          "{} '{}': give a fraction below 1 (0.95) or a percentage from 50 to below 100 (95)",
          option, part));
    for (double seen : levels)
      if (std::abs(seen - level) < 1e-12)
        throw UsageError(fmt::format("{}: level {} is given twice", option, part));
    levels.push_back(level);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return levels;
}

double z_for_level(double level) {
  // Asked for per group, often for the same level: remember the last answer per thread.
  thread_local double last_level = -1, last_z = 0;
  if (level == last_level) return last_z;
  const boost::math::normal_distribution<double> standard;
  last_z = boost::math::quantile(standard, level + (1 - level) / 2);
  last_level = level;
  return last_z;
}

std::string level_suffix(double level) {
  const double percent = level * 100;
  std::string text = fmt::format("{:.1f}", percent);
  double back = 0;
  io::parse_number(text, back);
  if (std::abs(back - percent) > 1e-9) {
    // Shortest decimal of the percentage, after rounding away binary noise (99.95).
    text = io::format_number(std::round(percent * 1e9) / 1e9);
    if (text.find('.') == std::string::npos) text += ".0";
  }
  std::replace(text.begin(), text.end(), '.', '_');
  return text;
}

std::string lower_name(std::string_view prefix, double level, bool several) {
  return several ? fmt::format("{}lower{}cl", prefix, level_suffix(level))
                 : fmt::format("{}lowercl", prefix);
}

std::string upper_name(std::string_view prefix, double level, bool several) {
  return several ? fmt::format("{}upper{}cl", prefix, level_suffix(level))
                 : fmt::format("{}uppercl", prefix);
}

std::vector<std::string> limit_columns(std::string_view prefix, const std::vector<double>& levels) {
  std::vector<std::string> names;
  for (double level : levels) {
    names.push_back(lower_name(prefix, level, levels.size() > 1));
    names.push_back(upper_name(prefix, level, levels.size() > 1));
  }
  return names;
}

}  // namespace heq::stats
