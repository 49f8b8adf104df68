#include "stats/confidence.hpp"

#include "core/error.hpp"
#include "core/number.hpp"

#include <fmt/format.h>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

namespace heq::stats {

std::vector<double> parse_levels(std::string_view text, std::string_view option) {
  std::vector<double> levels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string_view part = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    double v = 0;
    if (heq::parse_number(part, v) != heq::NumberStatus::ok)
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

double t_for_level(double level, double df) {
  const boost::math::students_t_distribution<double> t(df);
  return boost::math::quantile(t, level + (1 - level) / 2);
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
  heq::parse_number(text, back);
  if (std::abs(back - percent) > 1e-9) {
    // Shortest decimal of the percentage, after rounding away binary noise (99.95).
    text = heq::format_number(std::round(percent * 1e9) / 1e9);
    if (text.find('.') == std::string::npos) text += ".0";
  }
  std::replace(text.begin(), text.end(), '.', '_');
  return text;
}

namespace {
// Only 95% may go unnamed: every other level is written into the column name.
bool suffixed(double level, bool several) { return several || std::abs(level - 0.95) > 1e-12; }
}  // namespace

std::string lower_name(std::string_view prefix, double level, bool several) {
  return suffixed(level, several) ? fmt::format("{}lower{}cl", prefix, level_suffix(level))
                                  : fmt::format("{}lowercl", prefix);
}

std::string upper_name(std::string_view prefix, double level, bool several) {
  return suffixed(level, several) ? fmt::format("{}upper{}cl", prefix, level_suffix(level))
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

std::string level_text(double level) {
  return heq::format_number(std::round(level * 100 * 1e9) / 1e9) + "%";
}

std::optional<double> level_in_name(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
  name.remove_prefix(prefix.size());
  if (name.substr(0, 5) != "lower" && name.substr(0, 5) != "upper") return std::nullopt;
  name.remove_prefix(5);
  if (name.size() < 3 || name.substr(name.size() - 2) != "cl") return std::nullopt;
  std::string digits(name.substr(0, name.size() - 2));
  const std::size_t underscore = digits.find('_');
  if (underscore == std::string::npos || underscore == 0 || underscore + 1 == digits.size())
    return std::nullopt;
  digits[underscore] = '.';
  if (digits.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  double percent = 0;
  if (heq::parse_number(digits, percent) != heq::NumberStatus::ok) return std::nullopt;
  if (!(percent > 0 && percent < 100)) return std::nullopt;
  return percent / 100;
}

namespace {

bool has(const std::vector<std::string>& header, std::string_view name) {
  return std::find(header.begin(), header.end(), name) != header.end();
}

bool same_level(double a, double b) { return std::abs(a - b) < 1e-9; }

std::string list_levels(const std::vector<double>& levels) {
  std::string s;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (i) s += i + 1 == levels.size() ? " and " : ", ";
    s += level_text(levels[i]);
  }
  return s;
}

}  // namespace

std::optional<LimitColumns> find_limit_columns(const std::vector<std::string>& header,
                                               const LimitRequest& rq) {
  const std::string plain_lower = std::string(rq.prefix) + "lowercl";
  const std::string plain_upper = std::string(rq.prefix) + "uppercl";

  if (!rq.lower.empty() || !rq.upper.empty()) {
    LimitColumns c{rq.lower.empty() ? plain_lower : rq.lower,
                   rq.upper.empty() ? plain_upper : rq.upper, 0.95};
    const std::optional<double> lo = level_in_name(c.lower, ""), hi = level_in_name(c.upper, "");
    if (lo && hi && !same_level(*lo, *hi))
      throw UsageError(fmt::format("--lcl '{}' is a {} limit but --ucl '{}' is a {} one", c.lower,
                                   level_text(*lo), c.upper, level_text(*hi)));
    const std::optional<double> named = lo ? lo : hi;
    if (named && rq.input_level && !same_level(*named, *rq.input_level))
      throw UsageError(
          fmt::format("--input-confidence {} contradicts the level in the column name '{}' ({})",
                      level_text(*rq.input_level), lo ? c.lower : c.upper, level_text(*named)));
    c.level = named ? *named : rq.input_level.value_or(0.95);
    c.level_said = named || rq.input_level || (c.lower == plain_lower && c.upper == plain_upper);
    return c;
  }

  const bool pl = has(header, plain_lower);
  const bool pu = has(header, plain_upper);
  // A lone plain column is returned too: the caller's lookup then names the missing one.
  if (pl || pu) return LimitColumns{plain_lower, plain_upper, rq.input_level.value_or(0.95)};

  // Level-named pairs, in header order; a lone one is returned for the same reason.
  std::vector<double> levels;
  std::vector<LimitColumns> pairs;
  for (const std::string& name : header) {
    const std::optional<double> level = level_in_name(name, rq.prefix);
    if (!level) continue;
    const std::string lower = lower_name(rq.prefix, *level, true);
    const std::string upper = upper_name(rq.prefix, *level, true);
    if (!has(header, lower) || !has(header, upper)) return LimitColumns{lower, upper, *level};
    bool seen = false;
    for (double l : levels) seen = seen || same_level(l, *level);
    if (seen) continue;
    pairs.push_back({lower, upper, *level});
    levels.push_back(*level);
  }
  if (pairs.empty()) {
    if (rq.input_level)
      throw UsageError(fmt::format(
          "--input-confidence {}: the input has no '{}'/'{}' columns nor level-named ones such "
          "as '{}'",
          level_text(*rq.input_level), plain_lower, plain_upper,
          lower_name(rq.prefix, *rq.input_level, true)));
    return std::nullopt;
  }
  if (rq.input_level) {
    for (const LimitColumns& p : pairs)
      if (same_level(p.level, *rq.input_level)) return p;
    throw UsageError(fmt::format("--input-confidence {}: the input has limits at {} only",
                                 level_text(*rq.input_level), list_levels(levels)));
  }
  if (pairs.size() == 1) return pairs[0];
  for (const LimitColumns& p : pairs)
    if (same_level(p.level, 0.95)) return p;
  throw UsageError(
      fmt::format("the input has limits at {}; say which to read with --input-confidence",
                  list_levels(levels)));
}

std::optional<LimitColumns> find_value_limits(const std::vector<std::string>& header,
                                              const std::string& value, LimitRequest request) {
  if (request.lower.empty() && request.upper.empty() && !value.empty() && value != "value") {
    const std::string prefix = value + "_";
    request.prefix = prefix;
    // Only level-free lookups are tried here: an --input-confidence with no such columns
    // falls through to the plain names.
    const bool any = std::any_of(header.begin(), header.end(), [&](const std::string& h) {
      return h.compare(0, prefix.size(), prefix) == 0 && level_in_name(h, prefix).has_value();
    });
    if (any || has(header, prefix + "lowercl") || has(header, prefix + "uppercl"))
      return find_limit_columns(header, request);
  }
  request.prefix = "";
  return find_limit_columns(header, request);
}

}  // namespace heq::stats
