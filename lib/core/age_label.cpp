#include "core/age_label.hpp"
#include "core/missing.hpp"

#include "core/number.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <limits>

namespace heq {

namespace {

bool starts_with_word(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
  return true;
}

void skip_spaces(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
}

// "years", "yrs", "y" after an age: "85 years and over", "5y to 9y".
void skip_unit(std::string_view& s) {
  skip_spaces(s);
  for (std::string_view unit : {"years", "year", "yrs", "yr", "y"})
    if (starts_with_word(s, unit)) {
      s.remove_prefix(unit.size());
      break;
    }
  skip_spaces(s);
}

}  // namespace

AgeLabel parse_age_label(std::string_view label) {
  double v = 0;
  if (heq::parse_number(label, v) == heq::NumberStatus::ok) return {v, kMissing};
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  // ONS's first band: "<1", "Under 1", "under 1 year", "less than 1": ages 0 to N.
  std::string_view head = label;
  skip_spaces(head);
  for (std::string_view below : {"<", "under", "less than", "below"}) {
    if (!starts_with_word(head, below)) continue;
    std::string_view rest = head.substr(below.size());
    skip_spaces(rest);
    std::size_t k = 0;
    while (k < rest.size() && digit(rest[k])) ++k;
    double n = 0;
    if (k > 0 && heq::parse_number(rest.substr(0, k), n) == heq::NumberStatus::ok && n > 0)
      return {0, n};
  }
  std::size_t i = 0;
  while (i < label.size() && !digit(label[i])) ++i;
  if (i == label.size()) return {kMissing, kMissing};
  std::size_t j = i;
  while (j < label.size() && digit(label[j])) ++j;
  heq::parse_number(label.substr(i, j - i), v);
  AgeLabel a{v, kMissing};
  std::string_view rest = label.substr(j);
  skip_unit(rest);
  if ((!rest.empty() && rest.front() == '+') || starts_with_word(rest, "and over") ||
      starts_with_word(rest, "& over") || starts_with_word(rest, "or over") ||
      starts_with_word(rest, "and above") || starts_with_word(rest, "plus") ||
      starts_with_word(rest, "or older") || starts_with_word(rest, "and older")) {
    a.end = std::numeric_limits<double>::infinity();
  } else if (!rest.empty() && (rest.front() == '-' || rest.substr(0, 2) == "to")) {
    rest.remove_prefix(rest.front() == '-' ? 1 : 2);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    std::size_t k = 0;
    while (k < rest.size() && digit(rest[k])) ++k;
    double last = 0;
    if (k > 0 && heq::parse_number(rest.substr(0, k), last) == heq::NumberStatus::ok)
      a.end = last + 1;
  }
  return a;
}

}  // namespace heq

namespace heq {

namespace {

std::string age(double a) { return heq::format_number(a); }

}  // namespace

std::string missing_band(std::span<const double> starts, std::span<const double> ends,
                         bool last_open) {
  const std::size_t k = starts.size();
  for (std::size_t i = 0; i + 1 < k; ++i) {
    const double end = ends[i], next = starts[i + 1];
    if (std::isnan(end) || end >= next) continue;  // overlaps: see overlapping_band
    return fmt::format(
        "no band covers ages {} to {}: the band from {} ends at {} and the next starts at {}",
        age(end), age(next - 1), age(starts[i]), age(end - 1), age(next));
  }
  if (last_open && k > 0 && std::isfinite(ends[k - 1]))
    return fmt::format(
        "the last band ({} to {}) is closed: a life table ends in an open band such as "
        "{}+; is that band missing?",
        age(starts[k - 1]), age(ends[k - 1] - 1), age(ends[k - 1]));
  // Bare start ages: a band as wide as two or more of its neighbours hides a missing one.
  const std::size_t closed = last_open ? (k > 0 ? k - 1 : 0) : k;  // bands with a known width
  const auto width = [&](std::size_t i) { return starts[i + 1] - starts[i]; };
  for (std::size_t i = 1; i + 1 < k && i < closed; ++i) {
    if (!std::isnan(ends[i])) continue;
    const double w = width(i), left = width(i - 1);
    double other;
    if (i + 1 < closed && i + 1 < k - 1) {
      other = width(i + 1);
    } else if (i >= 2) {
      other = width(i - 2);  // the last closed band: compare with the two before it
    } else {
      continue;
    }
    if (!(left > 0) || left != other) continue;
    const double times = w / left;
    if (times >= 2 && times == std::floor(times))
      return fmt::format(
          "the band from {} to {} is {} times as wide as the bands beside it: is the "
          "band from {} missing? (write the label as \"{}-{}\" if it is one wide band)",
          age(starts[i]), age(starts[i + 1]), age(times), age(starts[i] + left), age(starts[i]),
          age(starts[i + 1] - 1));
  }
  return "";
}

std::string overlapping_band(std::span<const double> starts, std::span<const double> ends) {
  for (std::size_t i = 0; i + 1 < starts.size(); ++i)
    if (ends[i] > starts[i + 1])
      return std::isinf(ends[i])
                 ? fmt::format("the open band {}+ is followed by a band from {}", age(starts[i]),
                               age(starts[i + 1]))
                 : fmt::format(
                       "the band from {} says it runs to {}, past the next band's start ({})",
                       age(starts[i]), age(ends[i] - 1), age(starts[i + 1]));
  return "";
}

}  // namespace heq
