#pragma once
// Byte matching eight bytes at a time (SWAR), for the reader's hot loops: fields and
// lines are too short for a memchr call each to pay off. Byte positions within a word
// assume a little-endian machine (callers check std::endian).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace heq::io::bytes {

constexpr std::uint64_t repeated(char c) {
  return 0x0101010101010101ULL * static_cast<unsigned char>(c);
}

// The top bit of each byte of `word` that equals the byte repeated in `pattern`; exact
// (no false positives from borrows, unlike the shorter "has zero byte" trick).
constexpr std::uint64_t matching(std::uint64_t word, std::uint64_t pattern) {
  constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
  const std::uint64_t x = word ^ pattern;  // zero bytes where equal
  return ~(((x & low7) + low7) | x | low7);
}

// The eight bytes of data[0, size) from `at` as a little-endian word, zero past the end,
// reading nothing outside the range: fixed 8-byte copies only (a variable-length memcpy
// is a library call); a short tail is the range's last 8 bytes shifted down.
inline std::uint64_t load(const char* data, std::size_t size, std::size_t at) {
  std::uint64_t word = 0;
  if (size - at >= 8) {
    std::memcpy(&word, data + at, 8);
  } else if (size >= 8) {
    std::memcpy(&word, data + size - 8, 8);
    word >>= 8 * (8 - (size - at));
  } else {
    for (std::size_t i = at; i < size; ++i)
      word |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[i])) << (8 * (i - at));
  }
  return word;
}

// Whether two byte ranges are equal; those of 4 to 16 bytes (a group key: an area code,
// a sex, a decile) by two overlapping fixed loads each, without a memcmp call.
inline bool same(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto pair = [&](auto word) {
    decltype(word) a0, a1, b0, b1;
    constexpr std::size_t w = sizeof word;
    std::memcpy(&a0, a.data(), w);
    std::memcpy(&a1, a.data() + n - w, w);
    std::memcpy(&b0, b.data(), w);
    std::memcpy(&b1, b.data() + n - w, w);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  };
  if (n >= 8 && n <= 16) return pair(std::uint64_t{});
  if (n >= 4 && n < 8) return pair(std::uint32_t{});
  return a == b;
}

// How many bytes of data[0, size) equal c. Matches are summed per byte lane (no popcount
// instruction on the baseline x86-64 target) and folded every 255 words; with SSE2 (every
// x86-64) sixteen bytes a step: a compare gives -1 per match, subtracted into byte lanes,
// which psadbw folds before they can overflow.
inline std::size_t count(const char* data, std::size_t size, char c) {
  std::size_t n = 0;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c), zero = _mm_setzero_si128();
  std::size_t step = 0;
  while (size - step >= 16) {
    __m128i lanes = zero;
    for (int steps = 0; steps < 255 && size - step >= 16; ++steps, step += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + step));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, needle));
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    n += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
  data += step;
  size -= step;
#endif
  const std::uint64_t pattern = repeated(c);
  const auto fold = [](std::uint64_t lanes) {
    const std::uint64_t pairs =
        (lanes & 0x00ff00ff00ff00ffULL) + ((lanes >> 8) & 0x00ff00ff00ff00ffULL);
    return static_cast<std::size_t>((pairs * 0x0001000100010001ULL) >> 48);
  };
  std::size_t at = 0;
  while (at < size) {
    std::uint64_t lanes = 0;
    for (int words = 0; words < 255 && at < size; ++words, at += 8)
      lanes += matching(load(data, size, at), pattern) >> 7;
    n += fold(lanes);
  }
  return n;
}

}  // namespace heq::io::bytes
