#include "core/number.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <system_error>

namespace heq {

NumberStatus parse_number_otherwise(std::string_view text, double& out) noexcept {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return NumberStatus::empty;
  // from_chars rejects a leading '+'; accept one, but not "+-1" or "++1".
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') return NumberStatus::invalid;
  }
  double value = 0;
  const char* first = text.data();
  const char* last = first + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) return NumberStatus::out_of_range;
  if (ec != std::errc() || ptr != last) return NumberStatus::invalid;
  if (!std::isfinite(value)) return NumberStatus::not_finite;
  out = value;
  return NumberStatus::ok;
}

std::string describe_number_problem(NumberStatus status, std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string shown(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  switch (status) {
    case NumberStatus::ok:
      return "ok";
    case NumberStatus::empty:
      return "empty value where a number is needed";
    case NumberStatus::invalid:
      return fmt::format("\"{}\" is not a number", shown);
    case NumberStatus::not_finite:
      return fmt::format("\"{}\" is not a finite number", shown);
    case NumberStatus::out_of_range:
      return fmt::format("\"{}\" is out of range for a double", shown);
  }
  return "unknown number problem";
}

namespace {

// x rounded to `digits` decimal places exactly as std::to_chars rounds (the nearest
// decimal to the double's exact binary value, ties to even), by integer arithmetic: with
// |x| = m 2^-s, the places are m 10^digits / 2^s rounded, all in 128 bits. False where
// that does not fit (huge or tiny magnitudes, more than 17 places): the caller falls
// back to to_chars. Writes no trailing zeros and no "-0".
bool append_fixed(std::string& out, double x, int digits) {
  static constexpr std::uint64_t kPow10[] = {1,
                                             10,
                                             100,
                                             1000,
                                             10000,
                                             100000,
                                             1000000,
                                             10000000,
                                             100000000,
                                             1000000000,
                                             10000000000,
                                             100000000000,
                                             1000000000000,
                                             10000000000000,
                                             100000000000000,
                                             1000000000000000,
                                             10000000000000000,
                                             100000000000000000};
  if (digits < 0 || digits > 17 || !std::isfinite(x) || x == 0) return false;
  int exponent = 0;
  const double fraction = std::frexp(std::abs(x), &exponent);  // [0.5, 1) x 2^exponent
  const auto m = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  const int shift = 53 - exponent;  // |x| = m / 2^shift exactly
  if (shift <= 0 || shift > 120) return false;
  using u128 = unsigned __int128;
  const u128 scaled = static_cast<u128>(m) * kPow10[digits];  // below 2^110
  u128 q = scaled >> shift;
  const u128 rest = scaled - (q << shift), half = static_cast<u128>(1) << (shift - 1);
  if (rest > half || (rest == half && (q & 1))) ++q;
  if (q >> 64) return false;
  if (q == 0) {
    out.push_back('0');
    return true;
  }
  char text[24];
  const char* end = std::to_chars(text, text + sizeof text, static_cast<std::uint64_t>(q)).ptr;
  std::string_view places(text, static_cast<std::size_t>(end - text));
  if (x < 0) out.push_back('-');
  const std::size_t n = places.size(), d = static_cast<std::size_t>(digits);
  if (n > d) {
    out.append(places.substr(0, n - d));
    places.remove_prefix(n - d);
  } else {
    out.push_back('0');
  }
  while (!places.empty() && places.back() == '0') places.remove_suffix(1);
  if (places.empty()) return true;
  out.push_back('.');
  out.append(d - std::min(n, d), '0');
  out.append(places);
  return true;
}

constexpr char kPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// x / 100 for x < 10^4 and x / 10^4 for x < 10^8, by a multiply and a shift (exact in
// these ranges), not a division.
std::uint32_t over_100(std::uint32_t x) { return (x * 5243) >> 19; }
std::uint32_t over_10000(std::uint32_t x) {
  return static_cast<std::uint32_t>((std::uint64_t{x} * 3518437209) >> 45);
}

// Exactly four digits of x < 10^4, as two pairs.
void write4(char* to, std::uint32_t x) {
  const std::uint32_t high = over_100(x);
  std::memcpy(to, kPairs + 2 * high, 2);
  std::memcpy(to + 2, kPairs + 2 * (x - 100 * high), 2);
}

// The `size` (1 to 8) decimal digits of n.
void write_small(char* to, std::uint32_t n, int size) {
  if (size > 4) {
    const std::uint32_t high = over_10000(n);
    size -= 4;
    write4(to + size, n - 10000 * high);
    n = high;
  }
  switch (size) {
    case 4:
      write4(to, n);
      break;
    case 3: {
      const std::uint32_t high = over_100(n);
      to[0] = static_cast<char>('0' + high);
      std::memcpy(to + 1, kPairs + 2 * (n - 100 * high), 2);
      break;
    }
    case 2:
      std::memcpy(to, kPairs + 2 * n, 2);
      break;
    default:
      to[0] = static_cast<char>('0' + n);
  }
}

// A shortest significand's `size` digits (below 10^17; size from fmt's count): eight at
// a time from the end, then the leading one to eight.
char* write_digits(char* to, std::uint64_t n, int size) {
  char* const end = to + size;
  char* p = end;
  for (; size > 8; size -= 8) {
    const std::uint64_t q = n / 100000000;
    p -= 8;
    write_small(p, static_cast<std::uint32_t>(n - q * 100000000), 8);
    n = q;
  }
  write_small(to, static_cast<std::uint32_t>(n), size);
  return end;
}

// fmt's "{}" of a finite, nonzero double where fmt writes it without an exponent (the
// first digit at 10^-4 to 10^15): the same shortest digits, from the function fmt calls
// for them (dragonbox, in libfmt), laid out here rather than by fmt's general float
// writer, which costs twice the digits' search. nullptr: an exponent form, left to fmt.
// The digits go straight to `to` (kNumberRoom bytes), with fixed-size copies and fills
// that may touch bytes past the text but never past the room: a variable-length copy
// is a library call, and a first copy of the digits elsewhere cost as much again.
static_assert(FMT_VERSION >= 90000, "fmt::detail::dragonbox::to_decimal as in fmt 9");
char* shortest_fixed(char* to, double x) {
  if (!std::isfinite(x) || x == 0) return nullptr;
  const auto decimal = fmt::detail::dragonbox::to_decimal(std::abs(x));
  const int size = fmt::detail::count_digits(decimal.significand);  // at most 17
  const int point = decimal.exponent + size;  // digits before the decimal point
  if (point - 1 < -4 || point - 1 >= 16) return nullptr;
  char* p = to;
  if (x < 0) *p++ = '-';
  if (decimal.exponent >= 0) {  // 1234e5 -> 123400000: at most 16 digits, zeros included
    char* const end = write_digits(p, decimal.significand, size);
    std::memset(end, '0', 16);
    return end + decimal.exponent;
  }
  if (point > 0) {  // 1234e-2 -> 12.34: the fraction (at most 16 digits) moved a place on
    char* const end = write_digits(p, decimal.significand, size);
    char fraction[16];
    std::memcpy(fraction, p + point, sizeof fraction);
    std::memcpy(p + point + 1, fraction, sizeof fraction);
    p[point] = '.';
    return end + 1;
  }
  std::memcpy(p, "0.0000", 6);  // 1234e-6 -> 0.001234: at most three zeros after the point
  return write_digits(p + 2 - point, decimal.significand, size);
}

}  // namespace

char* write_number(char* to, double x, int digits) noexcept {
  if (x == 0) x = 0;  // turns -0 into 0: the same value, and kinder to spreadsheets
  // Whole numbers (counts, populations, years) the quick way: the same text as fmt's
  // shortest form below 1e16 (where it starts writing exponents), and as the fixed form
  // with its trailing zeros dropped.
  if (std::abs(x) < 1e15 && x == std::trunc(x))
    return std::to_chars(to, to + kNumberRoom, static_cast<long long>(x)).ptr;
  return digits < 0 ? shortest_fixed(to, x) : nullptr;
}

void append_number(std::string& out, double x, int digits) {
  char text[kNumberRoom];
  if (const char* end = write_number(text, x, digits)) {
    out.append(text, static_cast<std::size_t>(end - text));
    return;
  }
  if (digits < 0) {
    char* end = fmt::format_to(text, FMT_COMPILE("{}"), x);
    out.append(text, static_cast<std::size_t>(end - text));
    return;
  }
  if (append_fixed(out, x, digits)) return;
  const std::size_t start = out.size();
  // std::to_chars rounds correctly, as fmt does, without parsing a format at run time.
  char fixed_text[512];
  const auto fixed = std::to_chars(fixed_text, fixed_text + sizeof fixed_text, x,
                                   std::chars_format::fixed, digits);
  if (fixed.ec == std::errc())
    out.append(fixed_text, fixed.ptr);
  else
    fmt::format_to(std::back_inserter(out), "{:.{}f}", x, digits);
  if (digits > 0) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  // Rounding a small negative number can leave "-0".
  if (out.size() == start + 2 && out[start] == '-' && out[start + 1] == '0') {
    out.resize(start);
    out.push_back('0');
  }
}

std::string format_number(double x, int digits) {
  std::string s;
  append_number(s, x, digits);
  return s;
}

}  // namespace heq
