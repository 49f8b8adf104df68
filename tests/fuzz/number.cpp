// Fuzz target: number parsing and formatting. Whatever parses must format to text that
// parses back to the same double (shortest round trip), and never to "-0", "nan" or "inf".
#include "io/number.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  double x = 0;
  if (heq::io::parse_number(text, x) != heq::io::NumberStatus::ok) return 0;
  if (!std::isfinite(x)) std::abort();  // ok means finite
  const std::string shown = heq::io::format_number(x);
  double back = 0;
  if (heq::io::parse_number(shown, back) != heq::io::NumberStatus::ok) std::abort();
  if (back != x) std::abort();
  if (shown == "-0" || shown.find_first_of("ni") != std::string::npos) std::abort();
  for (int digits = 0; digits <= 17; digits += 4) {
    const std::string rounded = heq::io::format_number(x, digits);
    if (heq::io::parse_number(rounded, back) != heq::io::NumberStatus::ok) std::abort();
  }
  return 0;
}
