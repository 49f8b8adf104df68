#pragma once
// Reading and writing numbers: the one place heq turns text into doubles and back.
// In core/ so that methods use it without depending on the I/O layer.
// Parsing is correctly rounded (std::from_chars over the whole field); writing gives
// the shortest text that reads back to the same double, or a rounded form for humans.
#include <cstdint>
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

// The general case of parse_number, out of line.
NumberStatus parse_number_otherwise(std::string_view text, double& out) noexcept;

// parse_number's quick case: `text` is 1 to 15 plain digits. Most fields are counts, and
// such an integer is below 2^53, which a double holds exactly, so summing digits gives
// the same double as from_chars. Inline: every row of every tool reads some.
inline bool parse_whole_number(std::string_view text, double& out) noexcept {
  if (text.empty() || text.size() > 15) return false;
  std::uint64_t n = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    // 64-bit, as n is: no widening of the digit before it is added.
    const std::uint64_t digit = static_cast<unsigned char>(text[i]) - std::uint64_t{'0'};
    if (digit > 9) break;
    n = n * 10 + digit;
  }
  if (i != text.size()) return false;
  out = static_cast<double>(n);
  return true;
}

// Parses the whole of `text` (spaces around it allowed, a leading '+' allowed).
inline NumberStatus parse_number(std::string_view text, double& out) noexcept {
  if (parse_whole_number(text, out)) return NumberStatus::ok;
  return parse_number_otherwise(text, out);
}

// A short phrase for an error message, e.g. `"abc" is not a number`.
std::string describe_number_problem(NumberStatus status, std::string_view text);

// Appends `x` to `out`. digits < 0: shortest round-trip form. digits >= 0: rounded to
// that many decimal places with trailing zeros dropped. Negative zero is written as 0.
// Non-finite values are the caller's business (they are missing values in heq output).
void append_number(std::string& out, double x, int digits = -1);
std::string format_number(double x, int digits = -1);

// append_number's common cases (whole numbers; the shortest form without an exponent)
// written at `to`, which has kNumberRoom bytes: the end of the text, or nullptr where
// only append_number writes it. Bytes of the room past the text's end may be written
// over too (fixed-size copies). For a writer that puts a separator and the number in
// its buffer at once.
inline constexpr std::size_t kNumberRoom = 64;
char* write_number(char* to, double x, int digits = -1) noexcept;

}  // namespace heq
