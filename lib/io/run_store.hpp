#pragma once
// The rows of unsorted --by input, held until the input ends, in little room. Rows of one
// group mostly come together (a table's age bands, an area's deciles), so consecutive
// rows of a group are kept as one run, and each 8-byte word of the row as a column of
// the run in the narrowest form that gives back its exact bits: nothing when it is the
// word of the store's first row (a column not read, a missing --a0), one value for the
// run, a start and a step (line numbers), 1- or 2-byte integers (ages, small-area
// counts), 4-byte floats (what a float holds exactly), 32-bit integers over one power of
// ten (a value written with a few decimals, 1.42857), else the 8 bytes: a life table of
// 20 bands, 160 words as rows, takes 14. A column that repeats the one of the first run of
// its length (every area's table has the same ages) takes nothing either. Rows come back bit for
// bit as they went in, in input order, so every result is the same as holding the rows whole.
#include "io/blocks.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace heq::io {

// Whether RunStore can hold a Row: plain bytes, whole words, up to 10 of them (a run's
// codes, 4 bits a word, share one word with its row count).
template <class Row>
inline constexpr bool run_storable = std::is_trivially_copyable_v<Row> && sizeof(Row) % 8 == 0 &&
                                     sizeof(Row) / 8 <= 10;

template <class Row>
class RunStore {
  static_assert(run_storable<Row>);
  static constexpr std::size_t kWords = sizeof(Row) / 8;
  static constexpr std::size_t kLongestRun = 1024;                  // rows buffered before encoding
  static constexpr std::size_t kChunkWords = std::size_t{1} << 17;  // 1 MiB
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

 public:
  // `group` is a group already added to, or the next one.
  void add(std::size_t group, const Row& row) {
    if (open_group_ == kNoGroup)
      for (std::size_t c = 0; c < kWords; ++c) usual_[c] = word(row, c);
    if (group != open_group_ || open_.size() == kLongestRun) close_run();
    open_group_ = group;
    open_.push_back(row);
  }
  // Ends the last run; call once the input is read, before rows().
  void finish() { close_run(); }
  std::size_t groups() const { return last_.size(); }
  // Replaces `rows` with the group's rows in input order.
  void rows(std::size_t group, std::vector<Row>& rows) {
    rows.clear();
    chain_.clear();
    for (std::uint32_t r = last_[group]; r != kNone; r = previous_[r]) chain_.push_back(r);
    for (auto r = chain_.rbegin(); r != chain_.rend(); ++r) decode(at_[*r], rows);
  }
  // Whether another row might not fit (runs are numbered in 32 bits, words in 31: 16 GiB).
  bool full() const { return at_.size() >= kNone - 1 || words() >= kMulti - kChunkWords; }
  // The 8-byte words the rows take (their runs' headers aside).
  std::size_t words() const {
    return chunks_.empty() ? 0 : (chunks_.size() - 1) * kChunkWords + used_;
  }

 private:
  // How a column of a run is kept: nothing, when every row has the word the store's first
  // row had (a column not read, a missing value, the --frequency 1); one word; a start and
  // a step (wrapping); whole numbers from 0 to 255 in a byte, from -32,768 to 32,767 in 2
  // bytes; floats in 4; or the 8 bytes as they are.
  enum Code : std::uint32_t {
    usual = 0,
    constant = 1,
    step = 2,
    tiny = 3,
    small = 4,
    narrow = 5,
    wide = 6,
    as_reference = 7,  // the column of the first run of this length, word for word
    decimal = 8        // whole numbers over one power of ten (values read with 6 digits)
  };
  static constexpr unsigned kCodeBits = 4;
  static constexpr unsigned kCountBits = 16;  // a run's row count, below the codes
  // A run is two numbers: where its words start (over all chunks, with kMulti if it has
  // several rows), and its group's run before it (so adding one touches only the group's
  // entry in last_; the links kept apart, as walking a group's runs reads only them).
  // A run of several rows starts with a word of its row count and its columns' codes.
  static constexpr std::uint32_t kMulti = std::uint32_t{1} << 31;

  static Code code_of(std::uint64_t codes, std::size_t c) {
    return static_cast<Code>((codes >> (kCodeBits * c)) & ((1u << kCodeBits) - 1));
  }
  static std::size_t words_for(Code code, std::size_t n) {
    switch (code) {
      case usual:
      case as_reference:
        return 0;
      case constant:
        return 1;
      case step:
        return 2;
      case tiny:
        return (n + 7) / 8;
      case small:
        return (n + 3) / 4;
      case narrow:
        return (n + 1) / 2;
      case decimal:
        return 1 + (n + 1) / 2;
      case wide:
        break;
    }
    return n;
  }
  static std::uint64_t word(const Row& row, std::size_t c) {
    std::uint64_t w;
    std::memcpy(&w, reinterpret_cast<const unsigned char*>(&row) + 8 * c, 8);
    return w;
  }
  // Whether the word, read as a double, comes back bit for bit through a float (a finite
  // double beyond a float's range is not converted: that conversion is undefined).
  static bool fits_float(std::uint64_t w) {
    const double d = std::bit_cast<double>(w);
    if (d == d && std::abs(d) > std::numeric_limits<float>::max() && !std::isinf(d)) return false;
    return std::bit_cast<std::uint64_t>(static_cast<double>(static_cast<float>(d))) == w;
  }
  // Whether it is a whole number from 0 to 255 (not -0).
  static bool fits_byte(std::uint64_t w) {
    const double d = std::bit_cast<double>(w);
    if (!(d >= 0 && d <= 255)) return false;
    return std::bit_cast<std::uint64_t>(static_cast<double>(static_cast<std::uint8_t>(d))) == w;
  }
  // Whether it is a whole number a 16-bit integer holds (not -0, which would come back 0).
  static bool fits_short(std::uint64_t w) {
    const double d = std::bit_cast<double>(w);
    if (!(d >= -32768 && d <= 32767)) return false;
    const auto i = static_cast<std::int16_t>(d);
    return std::bit_cast<std::uint64_t>(static_cast<double>(i)) == w;
  }
  // A value m / 10^k with m a 32-bit integer and k at most 9, given back bit for bit by
  // the division (correctly rounded, as reading the decimal text was): the fewest such k
  // for the word, or -1.
  static constexpr double kTens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  static bool fits_places(std::uint64_t w, int k) {
    const double scaled = std::nearbyint(std::bit_cast<double>(w) * kTens[k]);
    if (!(std::abs(scaled) <= 2147483647.0)) return false;  // NaN too
    const auto m = static_cast<std::int32_t>(scaled);
    return std::bit_cast<std::uint64_t>(static_cast<double>(m) / kTens[k]) == w;  // not -0
  }
  static int places_of(std::uint64_t w) {
    if (!(std::abs(std::bit_cast<double>(w)) <= 2147483647.0)) return -1;
    for (int k = 0; k < 10; ++k)
      if (fits_places(w, k)) return k;
    return -1;
  }
  // The places one k gives every word of column c of the open run, or -1.
  int run_places(std::size_t c) const {
    int k = 0;
    for (const Row& r : open_) {
      const int places = places_of(word(r, c));
      if (places < 0) return -1;
      k = std::max(k, places);
    }
    for (const Row& r : open_)
      if (!fits_places(word(r, c), k)) return -1;
    return k;
  }

  // Lanes of `bits` bits packed into words, lowest first.
  template <unsigned bits>
  static void pack(std::uint64_t*& out, std::size_t n, auto lane) {
    constexpr std::size_t per = 64 / bits;
    for (std::size_t i = 0; i < n; i += per) {
      std::uint64_t w = 0;
      for (std::size_t j = 0; j < per && i + j < n; ++j)
        w |= std::uint64_t{lane(i + j)} << (bits * j);
      *out++ = w;
    }
  }
  template <unsigned bits>
  static std::uint64_t lane(const std::uint64_t* in, std::size_t i) {
    constexpr std::size_t per = 64 / bits;
    return (in[i / per] >> (bits * (i % per))) & ((std::uint64_t{1} << bits) - 1);
  }

  std::uint64_t* room(std::size_t words) {
    if (chunks_.empty() || used_ + words > kChunkWords) {
      chunks_.push_back(std::make_unique_for_overwrite<std::uint64_t[]>(kChunkWords));
      used_ = 0;
    }
    std::uint64_t* at = chunks_.back().get() + used_;
    used_ += words;
    return at;
  }

  const std::vector<Row>* reference_for(std::size_t n) const {
    for (const std::vector<Row>& r : references_)
      if (r.size() == n) return &r;
    return nullptr;
  }

  void close_run() {
    const std::size_t n = open_.size();
    if (n == 0) return;
    std::uint32_t at;
    if (n == 1) {  // a row alone (input in no order): the row as it is
      std::memcpy(room(kWords), &open_[0], sizeof(Row));
      at = static_cast<std::uint32_t>(words() - kWords);
    } else {
      at = encode() | kMulti;
    }
    const auto id = static_cast<std::uint32_t>(at_.size());
    at_.push_back(at);
    if (open_group_ == last_.size()) {
      previous_.push_back(kNone);
      last_.push_back(id);
    } else {
      previous_.push_back(std::exchange(last_[open_group_], id));
    }
    open_.clear();
  }

  // Writes the open run's words; returns where they start.
  std::uint32_t encode() {
    const std::size_t n = open_.size();
    std::uint64_t codes = 0;
    std::array<int, kWords> places{};  // for decimal columns
    std::size_t size = 1;              // the count and codes
    const std::vector<Row>* reference = reference_for(n);
    for (std::size_t c = 0; c < kWords; ++c) {
      const std::uint64_t first = word(open_[0], c);
      bool repeats = reference != nullptr;
      const std::uint64_t delta = n > 1 ? word(open_[1], c) - first : 0;
      bool same = true, stepped = true, bytes = true, shorts = true, floats = true;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t w = word(open_[i], c);
        same = same && w == first;
        stepped = stepped && w == first + delta * i;
        bytes = bytes && fits_byte(w);
        shorts = shorts && (bytes || fits_short(w));
        floats = floats && (shorts || fits_float(w));
        repeats = repeats && w == word((*reference)[i], c);
      }
      places[c] = same || stepped || floats || repeats ? -1 : run_places(c);
      const Code code = same && first == usual_[c] ? usual
                        : repeats                  ? as_reference
                        : same                     ? constant
                        : stepped                  ? step
                        : bytes                    ? tiny
                        : shorts                   ? small
                        : floats                   ? narrow
                        : places[c] >= 0           ? decimal
                                                   : wide;
      codes |= std::uint64_t{code} << (kCodeBits * c);
      size += words_for(code, n);
    }
    if (!reference && references_.size() < kReferences) references_.push_back(open_);
    std::uint64_t* out = room(size);
    const auto start = static_cast<std::uint32_t>(words() - size);
    *out++ = n | codes << kCountBits;
    for (std::size_t c = 0; c < kWords; ++c) {
      const auto at = [&](std::size_t i) { return word(open_[i], c); };
      const auto as_double = [&](std::size_t i) { return std::bit_cast<double>(at(i)); };
      switch (code_of(codes, c)) {
        case usual:
        case as_reference:
          break;
        case constant:
          *out++ = at(0);
          break;
        case step:
          *out++ = at(0);
          *out++ = at(1) - at(0);
          break;
        case tiny:
          pack<8>(out, n, [&](std::size_t i) { return static_cast<std::uint8_t>(as_double(i)); });
          break;
        case small:
          pack<16>(out, n, [&](std::size_t i) {
            return std::bit_cast<std::uint16_t>(static_cast<std::int16_t>(as_double(i)));
          });
          break;
        case narrow:
          pack<32>(out, n, [&](std::size_t i) {
            return std::bit_cast<std::uint32_t>(static_cast<float>(as_double(i)));
          });
          break;
        case decimal: {
          const int k = places[c];
          *out++ = static_cast<std::uint64_t>(k);
          pack<32>(out, n, [&](std::size_t i) {
            return std::bit_cast<std::uint32_t>(
                static_cast<std::int32_t>(std::nearbyint(as_double(i) * kTens[k])));
          });
          break;
        }
        case wide:
          for (std::size_t i = 0; i < n; ++i) *out++ = at(i);
          break;
      }
    }
    return start;
  }

  void decode(std::uint32_t where, std::vector<Row>& rows) const {
    const std::size_t at = where & ~kMulti;
    const std::uint64_t* in = chunks_[at / kChunkWords].get() + at % kChunkWords;
    const std::size_t start = rows.size();
    if (!(where & kMulti)) {
      rows.resize(start + 1);
      std::memcpy(static_cast<void*>(&rows[start]), in, sizeof(Row));
      return;
    }
    const std::size_t n = *in & ((std::uint64_t{1} << kCountBits) - 1);
    const std::uint64_t codes = *in++ >> kCountBits;
    rows.resize(start + n);
    auto* base = reinterpret_cast<unsigned char*>(rows.data() + start);
    for (std::size_t c = 0; c < kWords; ++c) {
      const auto put = [&](std::size_t i, std::uint64_t w) {
        std::memcpy(base + i * sizeof(Row) + 8 * c, &w, 8);
      };
      const auto put_double = [&](std::size_t i, double d) {
        put(i, std::bit_cast<std::uint64_t>(d));
      };
      const Code code = code_of(codes, c);
      switch (code) {
        case usual:
          for (std::size_t i = 0; i < n; ++i) put(i, usual_[c]);
          break;
        case as_reference: {
          const std::vector<Row>& reference = *reference_for(n);
          for (std::size_t i = 0; i < n; ++i) put(i, word(reference[i], c));
          break;
        }
        case constant:
          for (std::size_t i = 0; i < n; ++i) put(i, in[0]);
          break;
        case step:
          for (std::size_t i = 0; i < n; ++i) put(i, in[0] + in[1] * i);
          break;
        case tiny:
          for (std::size_t i = 0; i < n; ++i) put_double(i, static_cast<double>(lane<8>(in, i)));
          break;
        case small:
          for (std::size_t i = 0; i < n; ++i)
            put_double(i, std::bit_cast<std::int16_t>(static_cast<std::uint16_t>(lane<16>(in, i))));
          break;
        case narrow:
          for (std::size_t i = 0; i < n; ++i)
            put_double(i, std::bit_cast<float>(static_cast<std::uint32_t>(lane<32>(in, i))));
          break;
        case decimal: {
          const double ten = kTens[in[0]];
          for (std::size_t i = 0; i < n; ++i)
            put_double(i, static_cast<double>(std::bit_cast<std::int32_t>(
                              static_cast<std::uint32_t>(lane<32>(in + 1, i)))) /
                              ten);
          break;
        }
        case wide:
          for (std::size_t i = 0; i < n; ++i) put(i, in[i]);
          break;
      }
      in += words_for(code, n);
    }
  }

  std::vector<Row> open_;  // the run being read
  static constexpr std::size_t kNoGroup = static_cast<std::size_t>(-1);
  std::size_t open_group_ = kNoGroup;
  std::array<std::uint64_t, kWords> usual_{};  // the first row's words
  // The first run of each of the first few lengths: a later run of that length may
  // repeat its columns (kept whole: at most 8 runs of 1,024 rows).
  static constexpr std::size_t kReferences = 8;
  std::vector<std::vector<Row>> references_;
  Blocks<std::uint32_t> at_, previous_;  // each run's
  Blocks<std::uint32_t> last_;           // each group's last run
  std::vector<std::uint32_t> chain_;     // rows(): a group's runs, last first
  std::vector<std::unique_ptr<std::uint64_t[]>> chunks_;
  std::size_t used_ = 0;  // words used in the last chunk
};

}  // namespace heq::io
