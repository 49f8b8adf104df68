#include "io/csv_split.hpp"

#include "io/bytes.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace heq::io {

QuoteState scan_quotes(std::string_view text, char delimiter, QuoteState state) noexcept {
  for (char c : text) {
    switch (state) {
      case QuoteState::field_start:
        state = c == '"' ? QuoteState::quoted
                         : (c == delimiter ? QuoteState::field_start : QuoteState::unquoted);
        break;
      case QuoteState::unquoted:
        if (c == delimiter) state = QuoteState::field_start;
        break;
      case QuoteState::quoted:
        if (c == '"') state = QuoteState::quote_in_quoted;
        break;
      case QuoteState::quote_in_quoted:
        state = c == '"' ? QuoteState::quoted
                         : (c == delimiter ? QuoteState::field_start : QuoteState::unquoted);
        break;
    }
  }
  return state;
}

namespace {

const char* find_char(const char* from, const char* end, char c) {
  return static_cast<const char*>(std::memchr(from, c, static_cast<std::size_t>(end - from)));
}

}  // namespace

bool split_plain(std::string_view record, char delimiter, std::vector<std::string_view>& fields) {
  fields.clear();
  if constexpr (std::endian::native != std::endian::little) {  // the byte positions below assume it
    const char* start = record.data();
    for (const char* c = start; c != record.data() + record.size(); ++c) {
      if (*c == '"') return false;
      if (*c == delimiter) {
        fields.emplace_back(start, static_cast<std::size_t>(c - start));
        start = c + 1;
      }
    }
    fields.emplace_back(start, static_cast<std::size_t>(record.data() + record.size() - start));
    return true;
  }
  const char* const begin = record.data();
  const std::size_t size = record.size();
  const std::uint64_t delimiters = bytes::repeated(delimiter), quotes = bytes::repeated('"');
  std::size_t start = 0;
  const auto word_at = [&](std::size_t at, std::uint64_t word) {
    if (bytes::matching(word, quotes)) return false;
    for (std::uint64_t hits = bytes::matching(word, delimiters); hits; hits &= hits - 1) {
      const std::size_t position = at + static_cast<std::size_t>(std::countr_zero(hits)) / 8;
      fields.emplace_back(begin + start, position - start);
      start = position + 1;
    }
    return true;
  };
  // Sixteen bytes at a time with SSE2 (every x86-64), the last block overlapping the one
  // before it (only its new bytes count); records under 16 bytes, or without SSE2, eight
  // at a time (fields are a few bytes long: a memchr call per field costs more than it
  // saves): whole words with one fixed load each, then the zero-padded tail (a zero
  // byte matches neither a delimiter nor a quote).
  std::size_t at = 0;
#if defined(__SSE2__)
  if (size >= 16) {
    const __m128i delimiter16 = _mm_set1_epi8(delimiter), quote16 = _mm_set1_epi8('"');
    // The bytes of the 16-byte block at `from` that are at or after `at`, as bits from bit 0.
    const auto block_at = [&](std::size_t from) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + from));
      const unsigned skip = static_cast<unsigned>(at - from);
      if (static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, quote16))) >> skip)
        return false;
      for (unsigned hits =
               static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, delimiter16))) >> skip;
           hits; hits &= hits - 1) {
        const std::size_t position = at + static_cast<std::size_t>(std::countr_zero(hits));
        fields.emplace_back(begin + start, position - start);
        start = position + 1;
      }
      return true;
    };
    for (; at + 16 <= size; at += 16)
      if (!block_at(at)) return false;
    // The tail: the record's last 16 bytes, less those already read.
    if (at < size && !block_at(size - 16)) return false;
    at = size;
  }
#endif
  for (; at + 8 <= size; at += 8) {
    std::uint64_t word;
    std::memcpy(&word, begin + at, 8);
    if (!word_at(at, word)) return false;
  }
  if (at < size && !word_at(at, bytes::load(begin, size, at))) return false;
  fields.emplace_back(begin + start, size - start);
  return true;
}

bool split_record(std::string_view record, char delimiter, std::vector<std::string_view>& fields,
                  std::string& scratch, SplitProblem& problem) {
  fields.clear();
  const char* p = record.data();
  const char* const end = p + record.size();

  if (record.empty() || !find_char(p, end, '"')) {
    for (;;) {
      const char* d = record.empty() ? nullptr : find_char(p, end, delimiter);
      if (!d) {
        fields.emplace_back(p, static_cast<std::size_t>(end - p));
        return true;
      }
      fields.emplace_back(p, static_cast<std::size_t>(d - p));
      p = d + 1;
    }
  }

  // Unescaped text never outgrows the record, so reserving once keeps views valid.
  scratch.clear();
  scratch.reserve(record.size());
  for (;;) {
    if (p < end && *p == '"') {
      const std::size_t begin = scratch.size();
      const char* q = p + 1;
      for (;;) {
        const char* close = find_char(q, end, '"');
        if (!close) {
          problem = {fields.size() + 1, "quoted field is never closed"};
          return false;
        }
        scratch.append(q, static_cast<std::size_t>(close - q));
        if (close + 1 < end && close[1] == '"') {  // doubled quote stands for one quote
          scratch.push_back('"');
          q = close + 2;
          continue;
        }
        p = close + 1;
        break;
      }
      fields.emplace_back(scratch.data() + begin, scratch.size() - begin);
      if (p == end) return true;
      if (*p != delimiter) {
        problem = {fields.size(), "unexpected text after the closing quote of a field"};
        return false;
      }
      ++p;
      if (p == end) {  // a trailing delimiter starts one last, empty field
        fields.emplace_back(p, 0);
        return true;
      }
      continue;
    }
    const char* d = find_char(p, end, delimiter);
    if (!d) {
      fields.emplace_back(p, static_cast<std::size_t>(end - p));
      return true;
    }
    fields.emplace_back(p, static_cast<std::size_t>(d - p));
    p = d + 1;
    if (p == end) {
      fields.emplace_back(p, 0);
      return true;
    }
  }
}

void split_whitespace(std::string_view record, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  const std::size_t n = record.size();
  for (;;) {
    while (i < n && (record[i] == ' ' || record[i] == '\t')) ++i;
    if (i == n) return;
    const std::size_t start = i;
    while (i < n && record[i] != ' ' && record[i] != '\t') ++i;
    fields.push_back(record.substr(start, i - start));
  }
}

}  // namespace heq::io
