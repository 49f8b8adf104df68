#pragma once
// Reading and writing numbers: the one place heq turns text into doubles and back.
// In core/ so that methods use it without depending on the I/O layer.
// Parsing is correctly rounded (std::from_chars over the whole field); writing gives
// the shortest text that reads back to the same double, or a rounded form for humans.
#include <string>
#include <string_view>

namespace heq {

enum class NumberStatus {
  ok,
  empty,         // nothing but spaces
  invalid,       // not a number at all ("abc", "1,5", "12kg")
  not_finite,    // nan, inf
  out_of_range,  // too large or too small for a double (1e999, 1e-400)
};

// Parses the whole of `text` (spaces around it allowed, a leading '+' allowed).
NumberStatus parse_number(std::string_view text, double& out) noexcept;

// A short phrase for an error message, e.g. `"abc" is not a number`.
std::string describe_number_problem(NumberStatus status, std::string_view text);

// Appends `x` to `out`. digits < 0: shortest round-trip form. digits >= 0: rounded to
// that many decimal places with trailing zeros dropped. Negative zero is written as 0.
// Non-finite values are the caller's business (they are missing values in heq output).
void append_number(std::string& out, double x, int digits = -1);
std::string format_number(double x, int digits = -1);

}  // namespace heq
