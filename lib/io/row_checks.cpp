#include "io/row_checks.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::io {

void fail_column(const Reader& r, std::size_t column, std::string_view what) {
  r.fail(column, fmt::format("column '{}': {}", r.header()[column], what));
}

AgeLabel read_age_band_otherwise(const Reader& r, std::size_t column) {
  const AgeLabel age = parse_age_label(r.field(column));
  if (std::isnan(age.start))
    fail_column(r, column, fmt::format("age band \"{}\" holds no start age", r.field(column)));
  return age;
}

void fail_count(const Reader& r, std::size_t column) {
  fail_column(r, column,
              fmt::format("negative count {}; counts must be 0 or more", r.field(column)));
}

void fail_denominator(const Reader& r, std::size_t column, std::string_view plural) {
  fail_column(r, column, fmt::format("{} is not above zero; {} must be", r.field(column), plural));
}

double read_population(const Reader& r, std::size_t column) {
  const double v = r.number(column);
  if (v < 0) fail_column(r, column, fmt::format("negative population {}", r.field(column)));
  return v;
}

double read_non_negative(const Reader& r, std::size_t column, std::string_view what) {
  const double v = r.number(column);
  if (!(v >= 0))
    fail_column(r, column, fmt::format("{} {} must be 0 or more", what, r.field(column)));
  return v;
}

double read_standard_error(const Reader& r, std::size_t column) {
  const double v = r.number(column);
  if (v < 0) fail_column(r, column, fmt::format("negative standard error {}", r.field(column)));
  return v;
}

void check_count_within(const Reader& r, std::size_t count_column, std::size_t denominator_column,
                        double count, double denominator, std::string_view noun) {
  if (count > denominator)
    fail_column(r, count_column,
                fmt::format("count {} is above the {} {}", r.field(count_column), noun,
                            r.field(denominator_column)));
}

double read_prevalence(const Reader& r, std::size_t column, bool percent) {
  const double scale = percent ? 100 : 1;
  const double v = r.number(column) / scale;
  if (v < 0 || v > 1)
    fail_column(r, column,
                fmt::format("prevalence {} is not between 0 and {}{}", r.field(column), scale,
                            percent ? "" : " (give --percent for percentages)"));
  return v;
}

void check_limit_order(const Reader& r, std::size_t lower_column, std::size_t upper_column,
                       double lower, double upper) {
  if (lower > upper)
    fail_column(r, lower_column,
                fmt::format("lower limit {} is above the upper limit {}", r.field(lower_column),
                            r.field(upper_column)));
}

}  // namespace heq::io
