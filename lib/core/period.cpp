#include "core/period.hpp"

#include <cctype>

namespace heq {

namespace {

struct Cursor {
  std::string_view s;
  void spaces() {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  // A run of digits: its value and length (0 when there is none).
  std::size_t digits(int& value) {
    std::size_t n = 0;
    value = 0;
    while (n < s.size() && n < 5 && std::isdigit(static_cast<unsigned char>(s[n])))
      value = value * 10 + (s[n++] - '0');
    s.remove_prefix(n);
    return n;
  }
  bool take(std::string_view word) {
    if (s.substr(0, word.size()) != word) return false;
    s.remove_prefix(word.size());
    return true;
  }
};

// The second year of "2019-21" or "2019/2020": two digits take the first year's century.
std::optional<int> second_year(int first, int value, std::size_t length) {
  if (length == 4) return value > first ? std::optional<int>(value) : std::nullopt;
  if (length != 2) return std::nullopt;
  int year = first / 100 * 100 + value;
  if (year <= first) year += 100;
  return year - first <= 20 ? std::optional<int>(year) : std::nullopt;
}

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
  Cursor c{text};
  c.spaces();
  int first = 0;
  if (c.digits(first) != 4) return std::nullopt;
  Period p{static_cast<double>(first), static_cast<double>(first + 1)};
  c.spaces();
  if (c.take("/")) {
    c.spaces();
    int value = 0;
    const std::size_t n = c.digits(value);
    const std::optional<int> last = second_year(first, value, n);
    if (!last) return std::nullopt;
    p = {first + 0.25, *last + 0.25};  // April to March
  } else if (c.take("-") || c.take("to")) {
    c.spaces();
    int value = 0;
    const std::size_t n = c.digits(value);
    const std::optional<int> last = second_year(first, value, n);
    if (!last) return std::nullopt;
    p = {static_cast<double>(first), *last + 1.0};
  }
  c.spaces();
  if (c.take("Q") || c.take("q")) {
    int quarter = 0;
    if (c.digits(quarter) != 1 || quarter < 1 || quarter > 4 || p.end - p.start != 1)
      return std::nullopt;
    p.start += (quarter - 1) * 0.25;
    p.end = p.start + 0.25;
  }
  c.spaces();
  if (!c.s.empty()) return std::nullopt;
  return p;
}

}  // namespace heq
