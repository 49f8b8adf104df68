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

// Fields are written over the vector's elements, which the previous record left (the
// same number, row after row), and the vector cut to the count at the end: a growth
// check and size update per field, as push_back makes, cost more than the rest.
class FieldsOut {
 public:
  explicit FieldsOut(std::vector<std::string_view>& fields)
      : fields_(fields), out_(fields.data()), end_(out_ + fields.size()) {}
  void put(const char* from, std::size_t length) {
    if (out_ == end_) [[unlikely]] {
      const std::size_t n = fields_.size();
      fields_.resize(std::max<std::size_t>(2 * n, 16));
      out_ = fields_.data() + n;
      end_ = fields_.data() + fields_.size();
    }
    *out_++ = std::string_view(from, length);
  }
  bool done() {
    fields_.resize(static_cast<std::size_t>(out_ - fields_.data()));
    return true;
  }

 private:
  std::vector<std::string_view>& fields_;
  std::string_view* out_;
  std::string_view* end_;
};

}  // namespace

bool split_plain(std::string_view record, char delimiter, std::vector<std::string_view>& fields) {
  FieldsOut sink(fields);
  const auto put = [&](const char* from, std::size_t length) { sink.put(from, length); };
  const auto done = [&] { return sink.done(); };
  if constexpr (std::endian::native != std::endian::little) {  // the byte positions below assume it
    const char* start = record.data();
    for (const char* c = start; c != record.data() + record.size(); ++c) {
      if (*c == '"') return false;
      if (*c == delimiter) {
        put(start, static_cast<std::size_t>(c - start));
        start = c + 1;
      }
    }
    put(start, static_cast<std::size_t>(record.data() + record.size() - start));
    return done();
  }
  const char* const begin = record.data();
  const std::size_t size = record.size();
  std::size_t start = 0;
  // With SSE2 (every x86-64), records of 16 bytes or more in windows of 64: the window's
  // delimiters and quotes as two 64-bit masks from four 16-byte compares (the block that
  // would run past the end is the record's last 16 bytes, shifted down), then a field a
  // set bit. Shorter records, or without SSE2, eight bytes at a time (fields are a few
  // bytes long: a memchr call per field costs more than it saves): whole words with one
  // fixed load each, then the zero-padded tail (a zero byte matches neither a delimiter
  // nor a quote).
#if defined(__SSE2__)
  if (size >= 16) {
    const __m128i delimiter16 = _mm_set1_epi8(delimiter), quote16 = _mm_set1_epi8('"');
    for (std::size_t window = 0; window < size; window += 64) {
      std::uint64_t hits = 0, quoted = 0;
      for (std::size_t block = window; block < window + 64 && block < size; block += 16) {
        const std::size_t from = block + 16 <= size ? block : size - 16;
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + from));
        const unsigned skip = static_cast<unsigned>(block - from);  // bytes read before
        const auto lane = [&](__m128i match) {
          return std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(match)) >> skip}
                 << (block - window);
        };
        hits |= lane(_mm_cmpeq_epi8(bytes, delimiter16));
        quoted |= lane(_mm_cmpeq_epi8(bytes, quote16));
      }
      if (quoted) return false;
      for (; hits; hits &= hits - 1) {
        const std::size_t position = window + static_cast<unsigned>(std::countr_zero(hits));
        put(begin + start, position - start);
        start = position + 1;
      }
    }
    put(begin + start, size - start);
    return done();
  }
#endif
  const std::uint64_t delimiters = bytes::repeated(delimiter), quotes = bytes::repeated('"');
  const auto word_at = [&](std::size_t at, std::uint64_t word) {
    if (bytes::matching(word, quotes)) return false;
    for (std::uint64_t hits = bytes::matching(word, delimiters); hits; hits &= hits - 1) {
      const std::size_t position = at + static_cast<std::size_t>(std::countr_zero(hits)) / 8;
      put(begin + start, position - start);
      start = position + 1;
    }
    return true;
  };
  std::size_t at = 0;
  for (; at + 8 <= size; at += 8) {
    std::uint64_t word;
    std::memcpy(&word, begin + at, 8);
    if (!word_at(at, word)) return false;
  }
  if (at < size && !word_at(at, bytes::load(begin, size, at))) return false;
  put(begin + start, size - start);
  return done();
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
