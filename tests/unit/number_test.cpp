#include "catch.hpp"

#include "io/number.hpp"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using heq::io::format_number;
using heq::io::NumberStatus;
using heq::io::parse_number;

namespace {
NumberStatus status_of(const char* text) {
  double v = 0;
  return parse_number(text, v);
}
double value_of(const char* text) {
  double v = std::nan("");
  REQUIRE(parse_number(text, v) == NumberStatus::ok);
  return v;
}
}  // namespace

TEST_CASE("numbers: accepted forms") {
  CHECK(value_of("1") == 1);
  CHECK(value_of(" 2.5 ") == 2.5);
  CHECK(value_of("+3") == 3);
  CHECK(value_of("-4e2") == -400);
  CHECK(value_of(".5") == 0.5);
  CHECK(value_of("1.") == 1);
  CHECK(value_of("4.9e-324") == std::ldexp(1.0, -1074));  // smallest subnormal
  // Correctly rounded: the nearest double, not an accumulation of digits.
  CHECK(value_of("0.1") == 0.1);
  CHECK(value_of("75.933459010308098") == 75.933459010308098);
}

TEST_CASE("numbers: rejected forms") {
  CHECK(status_of("") == NumberStatus::empty);
  CHECK(status_of("   ") == NumberStatus::empty);
  for (const char* bad : {"abc", "1,5", "12kg", "+-1", "++1", "+", "0x10", "1 2", "--1", "1e"})
    CHECK(status_of(bad) == NumberStatus::invalid);
  for (const char* bad : {"nan", "inf", "-inf", "infinity", "NaN"})
    CHECK(status_of(bad) == NumberStatus::not_finite);
  CHECK(status_of("1e999") == NumberStatus::out_of_range);
  CHECK(status_of("-1e999") == NumberStatus::out_of_range);
  CHECK(status_of("1e-400") == NumberStatus::out_of_range);
}

TEST_CASE("numbers: problems are described for messages") {
  CHECK(heq::io::describe_number_problem(NumberStatus::invalid, "abc") ==
        "\"abc\" is not a number");
  CHECK(heq::io::describe_number_problem(NumberStatus::not_finite, "inf") ==
        "\"inf\" is not a finite number");
  const std::string long_text(100, 'x');
  CHECK(heq::io::describe_number_problem(NumberStatus::invalid, long_text).size() < 70);
}

TEST_CASE("numbers: shortest form reads back to the same double") {
  std::mt19937_64 bits(12345);
  for (int i = 0; i < 200000; ++i) {
    double x = std::bit_cast<double>(bits());
    if (!std::isfinite(x)) continue;
    if (i % 4 == 0) x = std::ldexp(static_cast<double>(bits() % 1000000), -1074);  // subnormals
    const std::string text = format_number(x);
    double back = std::nan("");
    REQUIRE(parse_number(text, back) == NumberStatus::ok);
    REQUIRE(back == x);
  }
}

TEST_CASE("numbers: written forms") {
  CHECK(format_number(1.0) == "1");
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(1e16) == "1e+16");
  CHECK(format_number(1e15) == "1000000000000000");
  CHECK(format_number(0.0001) == "0.0001");
  CHECK(format_number(1e-5) == "1e-05");
}

TEST_CASE("numbers: --digits rounds to decimal places and drops trailing zeros") {
  CHECK(format_number(80.16960813, 2) == "80.17");
  CHECK(format_number(0.1, 3) == "0.1");
  CHECK(format_number(2.0, 3) == "2");
  CHECK(format_number(-0.0001, 2) == "0");
  CHECK(format_number(-1.25, 1) == "-1.2");  // exact binary 1.25: ties to even
  CHECK(format_number(1234.5678, 0) == "1235");
  CHECK(format_number(10.0, 0) == "10");
}

TEST_CASE("number: whole numbers take a quick path that writes what fmt writes") {
  std::mt19937_64 rng(7);
  std::vector<double> xs{0,
                         -0.0,
                         1,
                         -1,
                         9,
                         10,
                         99999,
                         100000,
                         123456789,
                         999999999999999,
                         -999999999999999,
                         1e14,
                         1e15,
                         1e16,
                         4503599627370496,
                         9007199254740992};
  for (int i = 0; i < 200000; ++i) {
    const int digits = static_cast<int>(rng() % 16);
    double x = static_cast<double>(rng() % 10000000000000000ULL) / std::pow(10.0, 16 - digits);
    xs.push_back(std::trunc(x) * (rng() % 2 ? 1 : -1));
  }
  for (double x : xs) {
    CAPTURE(x);
    const double shown = x == 0 ? 0 : x;  // -0 is written as 0 on purpose
    CHECK(heq::io::format_number(x) == fmt::format("{}", shown));
  }
}

TEST_CASE("number: the shortest form is fmt's, laid out without fmt's float writer") {
  std::mt19937_64 rng(11);
  std::vector<double> xs{1e-5,
                         1e-4,
                         0.0001,
                         0.00012345,
                         9.999999999999999e-5,
                         1e15 + 0.5,
                         1e16,
                         9999999999999998,
                         1e16 + 2,
                         0.1,
                         0.2,
                         0.3,
                         1.0 / 3,
                         2.0 / 3,
                         5e-324,
                         2.2250738585072014e-308,
                         1.7976931348623157e308};
  for (double p = 1e-6; p < 1e18; p *= 10)  // either side of each power of ten
    for (double x : {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300)}) xs.push_back(x);
  std::uniform_real_distribution<double> exponent(-7, 18);
  for (int i = 0; i < 300000; ++i) {
    xs.push_back(std::pow(10.0, exponent(rng)));  // every magnitude the fixed form covers
    xs.push_back(std::bit_cast<double>(rng()));   // any bits (NaN and infinity skipped)
    xs.push_back(static_cast<double>(rng() % 100000) / 1000);  // few digits: 12.345
  }
  for (double x : xs) {
    if (!std::isfinite(x)) continue;
    for (double y : {x, -x}) {
      CAPTURE(y);
      CHECK(heq::io::format_number(y) == fmt::format("{}", y == 0 ? 0 : y));
    }
  }
}

TEST_CASE("number: --digits text equals fmt's fixed form, trailing zeros dropped") {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> mantissa(-10, 10);
  std::uniform_int_distribution<int> exponent(-12, 20);
  for (int i = 0; i < 200000; ++i) {
    const double x = mantissa(rng) * std::pow(10.0, exponent(rng));
    const int digits = i % 13;
    std::string want = fmt::format("{:.{}f}", x == 0 ? 0.0 : x, digits);
    if (digits > 0) {
      while (want.back() == '0') want.pop_back();
      if (want.back() == '.') want.pop_back();
    }
    if (want == "-0") want = "0";
    CHECK(heq::format_number(x, digits) == want);
  }
  CHECK(heq::format_number(1e300, 2).size() == 301);
}

TEST_CASE("number: --digits on exact ties rounds to even, as the fixed form does") {
  // i / 2^j has j decimal places ending in 5: rounding it to j - 1 places is an exact
  // tie, the case where rounding a scaled double (or the shortest digits) goes wrong.
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const int j = 1 + static_cast<int>(rng() % 17);
    const double x = std::ldexp(static_cast<double>(rng() % 2000001) - 1000000, -j);
    for (int digits : {j - 1, j, j + 1}) {
      if (digits > 17) continue;
      std::string want = fmt::format("{:.{}f}", x == 0 ? 0.0 : x, digits);
      if (digits > 0) {
        while (want.back() == '0') want.pop_back();
        if (want.back() == '.') want.pop_back();
      }
      if (want == "-0") want = "0";
      CAPTURE(x, digits);
      CHECK(heq::format_number(x, digits) == want);
    }
  }
  CHECK(heq::format_number(0.125, 2) == "0.12");
  CHECK(heq::format_number(0.375, 2) == "0.38");
  CHECK(heq::format_number(2.675, 2) == "2.67");  // 2.67499999... in binary
  CHECK(heq::format_number(-0.004, 2) == "0");
  CHECK(heq::format_number(1e-30, 17) == "0");
}

TEST_CASE("number: write_number writes append_number's text, or leaves it to append_number") {
  // What the writer puts straight into its buffer must be the text append_number gives.
  std::mt19937_64 rng(17);
  std::vector<double> xs{
      0,     -0.0, 1,    -1,   42,     1e15 - 1,           1e15,   0.5,
      -0.25, 1e-5, 1e-4, 1e16, 1.5e17, 1770.0380315118243, 5e-324, 1.7976931348623157e308};
  for (int i = 0; i < 100000; ++i) {
    xs.push_back(std::bit_cast<double>(rng()));
    xs.push_back(static_cast<double>(rng() % 100000) / 1000);
  }
  int written = 0, left = 0;
  for (double x : xs) {
    if (!std::isfinite(x)) continue;
    for (int digits : {-1, 0, 2}) {
      CAPTURE(x, digits);
      char text[heq::kNumberRoom];
      const char* end = heq::write_number(text, x, digits);
      const std::string expected = heq::format_number(x, digits);
      if (end) {
        ++written;
        CHECK(std::string(text, static_cast<std::size_t>(end - text)) == expected);
        // and, independently of append_number, fmt's shortest form or its fixed form.
        const double shown = x == 0 ? 0.0 : x;
        if (digits < 0)
          CHECK(expected == fmt::format("{}", shown));
        else if (x != std::trunc(x))
          FAIL("write_number wrote a fraction under --digits");
      } else {
        ++left;
        // Left over: an exponent form (shortest), or rounding to places (--digits).
        CHECK((digits >= 0 || expected.find('e') != std::string::npos));
      }
    }
  }
  CHECK(written > 100000);
  CHECK(left > 100000);
}
