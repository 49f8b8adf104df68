#pragma once
// The one CSV/TSV reader every tool goes through: header row, columns found by name,
// RFC 4180 quoting, CRLF, UTF-8 BOM, missing-value tokens, a row filter (--where), and
// numbers parsed exactly. Errors name the file, line and column. Line ends are
// normalised: a CRLF inside a quoted field reads as LF.
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/number.hpp"
#include "io/split_line.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heq::io {

// Where the reader's lines come from: fast-cpp-csv-parser's LineReader for files and
// pipes, or a text held in memory (tests, fuzzing), split the same way.
class LineSource {
 public:
  virtual ~LineSource() = default;
  // The next line without its line end (a trailing CR is dropped), NUL-terminated;
  // nullptr at the end. Throws DataError for a line longer than 16 MiB.
  virtual char* next_line() = 0;
  // 1-based number of the line last returned: kept by next_line, not asked for by a
  // second virtual call a row.
  std::size_t line() const noexcept { return line_; }

 protected:
  std::size_t line_ = 0;
};

struct ReaderOptions {
  std::string path = "-";  // "-" reads standard input
  // When set, read this text instead of a file (`path` is then only its name).
  const std::string* text = nullptr;
  char delimiter = 0;  // 0: tab for .tsv/.tab files, comma otherwise
  // Tokens read as missing besides an empty field. Empty is always missing.
  std::vector<std::string> na_tokens{"NA"};
  // Keep only rows matching every COL=VALUE (or COL!=VALUE) condition. An entry may hold
  // several, comma-separated; a comma not followed by COL= belongs to the value.
  std::vector<std::string> where;
  // A thousands separator to drop from numbers ("1,234" with ','); 0: none.
  char thousands = 0;
  // Files read after `path` as one input (yearly extracts): each must start with the
  // same header, which is not a row; errors name the file they are in.
  std::vector<std::string> more_paths;
  // Whitespace-aligned columns instead of a delimiter (HMD's .txt files).
  bool whitespace = false;
  // Lines before the header to pass over in each file (a title line).
  std::size_t skip = 0;
  // Called every 65,536 rows with the rows and bytes read so far (the CLI layer draws a
  // progress line from it); and once more, with `done`, when the input ends.
  std::function<void(std::size_t rows, std::size_t bytes, bool done)> progress;
};

inline bool is_missing(double x) noexcept { return std::isnan(x); }

class FdSource;  // a file or pipe feeding LineReader (reader.cpp)

char delimiter_for(const std::string& path, char requested) noexcept;

class Reader {
 public:
  explicit Reader(const ReaderOptions& options);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  const std::string& name() const noexcept { return name_; }
  char delimiter() const noexcept { return delimiter_; }
  const std::vector<std::string>& header() const noexcept { return header_; }

  // Column index by header name; a missing column is a DataError naming the file.
  std::size_t column(std::string_view name) const;
  std::optional<std::size_t> find_column(std::string_view name) const;

  // Moves to the next row that passes the filter; false at the end of the input.
  // Inline (below): the common line's step is in every tool's row loop.
  bool next();

  std::size_t line() const noexcept { return line_; }  // first line of the current row
  std::size_t rows_read() const noexcept { return rows_read_; }
  // Bytes of the lines read so far (line ends counted as one byte), and, for a reader
  // returned by split_off, the size of its part of the file (0 otherwise).
  std::size_t bytes_read() const noexcept { return bytes_read_; }
  std::size_t part_bytes() const noexcept { return part_bytes_; }
  std::size_t rows_filtered_out() const noexcept { return rows_filtered_; }
  // When --where kept no row of a non-empty input: a warning naming the filter and some
  // values its columns held (empty otherwise). Meaningful once the input is read.
  std::string filter_report() const;

  std::string_view field(std::size_t column) const { return fields_[column]; }
  // Whether the current row's fields are slices of its line as read (no quotes undone):
  // the bytes from one field to a later one are then those fields and the delimiters.
  bool fields_in_line() const noexcept { return fields_in_line_; }
  // Fields are cut at runs of blanks (--delimiter whitespace), not at single delimiters.
  bool splits_on_whitespace() const noexcept { return whitespace_; }
  bool is_missing_field(std::size_t column) const;
  // The field as a number, or kMissing when it is a missing-value token.
  double number(std::size_t column) const {
    // The common case inline (a plain number, no missing-value token that reads as one);
    // everything else, and the error, out of line.
    double value;
    if (!numeric_na_ && parse_number(fields_[column], value) == NumberStatus::ok) return value;
    return number_otherwise(column);
  }

  // Two threads on one large file (io/split_fold.hpp). If the input is one regular file
  // read without --where, and at least `min_bytes` lie past the middle of what is left,
  // this reader is fenced at the first line start past the middle (next() returns false
  // there, with at_fence()) and a reader of the lines from there on is returned: the
  // same columns and rules, its progress counted in this reader's; its errors and line
  // numbers are not for users. nullptr otherwise.
  std::unique_ptr<Reader> split_off(std::size_t min_bytes);
  // next() stopped at the fence: every line before it read, none after it.
  bool at_fence() const noexcept { return fence_ == Fence::reached; }
  // Reads on past the fence, as if there had been none (the split reader's rows are then
  // not to be used). A record that runs across the fence (a quoted line end) lifts it too.
  void lift_fence();
  // The split reader has read every line past the fence: its rows count as read here,
  // and the input has ended.
  void take_over(const Reader& rest);
  // What became of a split: none made, made (its end not reached), its rows merged here
  // (take_over), or dropped and read here (lift_fence). Its work being dropped gives the
  // same bytes, only slower, so the tests ask this to know that a merge happened.
  enum class Split { none, made, merged, dropped };
  Split split() const noexcept { return split_; }
  // For HEQ_SPLIT_TRACE, once merged: how long after the split each thread read its
  // part's last line, in ms (the first part's end at its fence, the rest's at its input's
  // end). Which thread finishes first tells whether a split at the middle waited.
  struct PartTimes {
    double first_ms, second_ms;
  };
  std::optional<PartTimes> part_times() const;

  Location at(std::size_t column) const { return {name_, line_, column + 1}; }
  Location here() const { return {name_, line_, 0}; }
  [[noreturn]] void fail(std::size_t column, const std::string& message) const;

 private:
  bool read_record();
  char* read_split(bool& plain, std::size_t& size);
  bool line_is_row(char* raw, bool plain, std::size_t size);
  bool next_from_line(char* raw, bool plain, std::size_t size);
  bool next_past_lines();
  bool next_rest();
  bool kept();
  void settle_row_width();
  bool input_ended();
  bool reads_on_past_piece();
  bool take_line(char* raw, bool plain, std::size_t size);
  void read_header();
  void open(const std::string& path, const std::string* text);
  bool open_next();
  void skip_preamble();
  void compile_filter(const std::vector<std::string>& where);
  bool passes_filter() { return filter_.empty() || passes_conditions(); }
  bool passes_conditions();
  double number_otherwise(std::size_t column) const;
  [[noreturn]] void not_a_number(std::size_t column, NumberStatus status) const;

  struct SplitTag {};
  Reader(SplitTag, const Reader& first, std::size_t from);  // the rest of the file from `from`
  void place_fence(FdSource& source, std::size_t from);
  void continue_past_fence();
  void drop_split();
  struct SplitProgress {  // the split reader's counts, for this reader's progress line
    std::atomic<std::size_t> rows{0}, bytes{0};
    std::atomic<bool> dropped{false};  // its rows are not (or no longer) to be added
  };

  struct Condition {
    std::size_t column;
    std::string value;
    bool equal;
    std::string text;               // as given, for the report
    std::vector<std::string> seen;  // a few values that failed it, for the report
  };

  std::string name_;
  bool whitespace_ = false;
  std::size_t skip_ = 0;
  char delimiter_;
  LineSplitter splitter_;  // of delimiter_
  std::vector<std::string> na_tokens_;
  bool numeric_na_ = false;  // some missing-value token reads as a number
  char thousands_ = 0;
  std::unique_ptr<LineSource> lines_;
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;  // the row's fields are its first field_count_
  std::size_t field_count_ = 0;
  static constexpr std::size_t kNoWidth = static_cast<std::size_t>(-1);
  std::size_t row_width_ = kNoWidth;  // see settle_row_width
  bool fields_in_line_ = false;
  std::string scratch_;
  std::string joined_;  // a record spread over several physical lines
  std::vector<Condition> filter_;
  std::size_t line_ = 0;
  std::size_t rows_read_ = 0;
  std::function<void(std::size_t, std::size_t, bool)> progress_;
  std::size_t bytes_read_ = 0;
  std::size_t part_bytes_ = 0;
  std::size_t rows_filtered_ = 0;
  std::vector<std::string> more_paths_;
  std::size_t next_path_ = 0;
  std::string first_name_;      // the file whose header the others must repeat
  FdSource* source_ = nullptr;  // the file LineReader reads, when it is one (lines_ owns it)
  // soft: a piece's end, read past; set: the split's (split_off), where next() stops
  // (reached); ended: the split reader's lines taken over.
  enum class Fence { none, soft, set, reached, ended } fence_ = Fence::none;
  std::size_t fence_at_ = 0;  // the file offset of the fence
  static constexpr std::size_t kNoStop = static_cast<std::size_t>(-1);
  std::size_t stop_at_ = kNoStop;  // the split's file offset
  Split split_ = Split::none;
  std::shared_ptr<SplitProgress> split_progress_;
  // Stamped once each, never in the per-row path: the split, this reader's fence or
  // input end, and (take_over) the split reader's input end.
  using Clock = std::chrono::steady_clock;
  Clock::time_point split_at_{}, ended_at_{}, rest_ended_at_{};
};

// The next line from the source, split: `plain` and `size` as LineSplitter::split leaves
// them (plain: split here, no quotes; size: the line's length). nullptr at the source's end.
__attribute__((always_inline)) inline char* Reader::read_split(bool& plain, std::size_t& size) {
  char* const raw = lines_->next_line();
  if (raw) [[likely]] {
    line_ = lines_->line();
    size = 0;
    plain = !whitespace_ && splitter_.split(raw, fields_, field_count_, size);
  }
  return raw;
}

// The common line: split at once (LineSplitter), the header's width, no --where,
// no progress line. As a call a row, it cost some 20 instructions of frame and call
// (about 2% of heq-life's). Anything else goes on out of line, as next() ever did.
__attribute__((always_inline)) inline bool Reader::next() {
  if (fence_ == Fence::ended) [[unlikely]]
    return false;
  bool plain;
  std::size_t size;
  char* const raw = read_split(plain, size);
  if (!raw) [[unlikely]]
    return next_past_lines();
  if (plain && size != 0 && field_count_ == row_width_) [[likely]] {
    bytes_read_ += size + 1;
    fields_in_line_ = true;
    ++rows_read_;
    return true;
  }
  return next_from_line(raw, plain, size);
}

}  // namespace heq::io
