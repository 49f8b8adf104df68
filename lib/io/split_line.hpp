#pragma once
// Splitting a NUL-terminated line (as LineReader hands them out) and finding its end in
// the same pass. When it returns true the fields are the first `count` of `fields`,
// which it leaves longer (room for the next line's), and `length` is the line's.
// Inline, in the reader's row step: as a call a row, with six registers saved and
// restored, it took some 25 more instructions a line (of about 180 for a 26-byte line).
#include "io/csv_split.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Under AddressSanitizer it stays a call: inlined, its reads past the line would be
// checked as its caller's.
#if defined(__SANITIZE_ADDRESS__)
#define HEQ_SPLIT_INLINE inline
#else
#define HEQ_SPLIT_INLINE __attribute__((always_inline)) inline
#endif

namespace heq::io {

// One pass for the line's end and its fields: 16-byte loads on 16-byte boundaries, which
// never cross a page, so the bytes read before the line and past its NUL (masked off)
// cannot fault, as in glibc's strlen; the sanitizer would call them reads out of bounds.
// Two masks a block, the delimiters and the stops (a quote or the NUL), so a field costs
// no test of what ended it; and the room for a block's 16 fields is checked once a block,
// which is why `fields` may be longer than `count`. What the delimiter needs (its 16
// copies, whether the 16-byte way applies) is made once, by the constructor, not a line.
class LineSplitter {
 public:
  explicit LineSplitter(char delimiter) noexcept : delimiter_(delimiter) {
#if defined(__SSE2__)
    simd_ = std::endian::native == std::endian::little && delimiter != '\0' && delimiter != '"';
    delimiter16_ = _mm_set1_epi8(delimiter);
#endif
  }

#if defined(__SSE2__)
  __attribute__((no_sanitize("address")))
#endif
  HEQ_SPLIT_INLINE bool
  split(const char* line, std::vector<std::string_view>& fields, std::size_t& count,
        std::size_t& length) const {
#if defined(__SSE2__)
    if (simd_) {
      const __m128i quote16 = _mm_set1_epi8('"'), zero16 = _mm_setzero_si128();
      std::string_view* out = fields.data();
      std::string_view* room_end = out + fields.size();
      const auto address = reinterpret_cast<std::uintptr_t>(line);
      std::uintptr_t block = address & ~std::uintptr_t{15};
      unsigned keep = ~0u << (address - block);  // the line's bytes in the first block
      const char* start = line;
      for (;; block += 16, keep = ~0u) {
        if (room_end - out <= 16) [[unlikely]] {
          const std::size_t n = static_cast<std::size_t>(out - fields.data());
          fields.resize(std::max<std::size_t>(2 * fields.size(), n + 32));
          out = fields.data() + n;
          room_end = fields.data() + fields.size();
        }
        const __m128i bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
        unsigned hits =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, delimiter16_)));
        const unsigned stops =
            static_cast<unsigned>(_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(bytes, quote16), _mm_cmpeq_epi8(bytes, zero16)))) &
            keep;
        hits &= keep;
        const char* const at = reinterpret_cast<const char*>(block);
        const unsigned stop = stops ? static_cast<unsigned>(std::countr_zero(stops)) : 16;
        if (stops) hits &= (1u << stop) - 1;  // delimiters past the stop are not the line's
        for (; hits; hits &= hits - 1) {
          const char* const cut = at + std::countr_zero(hits);
          *out++ = std::string_view(start, static_cast<std::size_t>(cut - start));
          start = cut + 1;
        }
        if (stops) {
          const char* const cut = at + stop;
          if (*cut != '\0') return false;  // a quote: the general splitter's business
          *out++ = std::string_view(start, static_cast<std::size_t>(cut - start));
          count = static_cast<std::size_t>(out - fields.data());
          length = static_cast<std::size_t>(cut - line);
          return true;
        }
      }
    }
#endif
    length = std::strlen(line);
    const bool plain = split_plain(std::string_view(line, length), delimiter_, fields);
    count = fields.size();
    return plain;
  }

 private:
#if defined(__SSE2__)
  __m128i delimiter16_;
  bool simd_ = false;
#endif
  char delimiter_;
};

// LineSplitter(delimiter).split(...), for a line now and then (the tests).
inline bool split_terminated(const char* line, char delimiter,
                             std::vector<std::string_view>& fields, std::size_t& count,
                             std::size_t& length) {
  return LineSplitter(delimiter).split(line, fields, count, length);
}

}  // namespace heq::io

#undef HEQ_SPLIT_INLINE
