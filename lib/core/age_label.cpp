#include "core/age_label.hpp"

#include "io/number.hpp"

#include <cctype>
#include <cmath>
#include <limits>

namespace heq {

AgeLabel parse_age_label(std::string_view label) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double v = 0;
  if (io::parse_number(label, v) == io::NumberStatus::ok) return {v, nan};
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  while (i < label.size() && !digit(label[i])) ++i;
  if (i == label.size()) return {nan, nan};
  std::size_t j = i;
  while (j < label.size() && digit(label[j])) ++j;
  io::parse_number(label.substr(i, j - i), v);
  AgeLabel a{v, nan};
  std::string_view rest = label.substr(j);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == '+') {
    a.end = std::numeric_limits<double>::infinity();
  } else if (!rest.empty() && (rest.front() == '-' || rest.substr(0, 2) == "to")) {
    rest.remove_prefix(rest.front() == '-' ? 1 : 2);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    std::size_t k = 0;
    while (k < rest.size() && digit(rest[k])) ++k;
    double last = 0;
    if (k > 0 && io::parse_number(rest.substr(0, k), last) == io::NumberStatus::ok) a.end = last + 1;
  }
  return a;
}

}  // namespace heq
