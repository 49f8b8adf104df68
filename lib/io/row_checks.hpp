#pragma once
// The checks every table layer makes of a row's cells, each with one wording:
// "column 'NAME': what is wrong" at the cell's file, line and column. Missing values pass
// as NaN unless said otherwise (each method has its own rule for them).
#include "core/age_label.hpp"
#include "core/missing.hpp"
#include "core/number.hpp"
#include "io/reader.hpp"

#include <cmath>
#include <string_view>

namespace heq::io {

// Stops the run at the cell: "column 'NAME': what".
[[noreturn]] void fail_column(const Reader& r, std::size_t column, std::string_view what);

// An age band label with a start age ("0", "<1", "5-9", "85+"); else an error.
// (Inline, with a bare whole age read on the spot: every row of the life tools reads one.)
AgeLabel read_age_band_otherwise(const Reader& r, std::size_t column);
inline AgeLabel read_age_band(const Reader& r, std::size_t column) {
  double age;  // a bare whole age, read as parse_age_label reads it
  if (parse_whole_number(r.field(column), age)) return {age, kMissing};
  return read_age_band_otherwise(r, column);
}

// Events or persons: 0 or more. (Inline: every row of the counting tools reads one.)
[[noreturn]] void fail_count(const Reader& r, std::size_t column);
inline double read_count(const Reader& r, std::size_t column) {
  const double v = r.number(column);
  if (v < 0) fail_count(r, column);
  return v;
}

// A denominator: above zero. `plural` names what it is ("denominators", "populations");
// with `required`, a missing value is an error too.
[[noreturn]] void fail_denominator(const Reader& r, std::size_t column, std::string_view plural);
inline double read_denominator(const Reader& r, std::size_t column, std::string_view plural,
                               bool required = false) {
  const double v = r.number(column);
  if (v <= 0 || (required && std::isnan(v))) fail_denominator(r, column, plural);
  return v;
}

// A population that may be 0 (a quantile with nobody in it): 0 or more.
double read_population(const Reader& r, std::size_t column);

// A value that must be present and 0 or more: "WHAT V must be 0 or more" otherwise
// ("standard population", "event frequency").
double read_non_negative(const Reader& r, std::size_t column, std::string_view what);

// A standard error: 0 or more.
double read_standard_error(const Reader& r, std::size_t column);

// A count no larger than its denominator (proportions).
void check_count_within(const Reader& r, std::size_t count_column, std::size_t denominator_column,
                        double count, double denominator, std::string_view noun = "denominator");

// A prevalence as a fraction: the cell over 100 with `percent`; between 0 and 1 (the
// message suggests --percent when a percentage was read as a fraction). Missing passes.
double read_prevalence(const Reader& r, std::size_t column, bool percent);

// A pair of limits in order.
void check_limit_order(const Reader& r, std::size_t lower_column, std::size_t upper_column,
                       double lower, double upper);

}  // namespace heq::io
