#include "io/reader.hpp"

#include "io/bytes.hpp"
#include "io/csv_split.hpp"
#include "io/fccp.hpp"
#include "io/number.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace heq::io {

namespace {

// Feeds fast-cpp-csv-parser's LineReader. Each request is filled completely (LineReader
// takes a short read for the end of input, and pipes deliver short reads), and NUL bytes
// are refused: LineReader hands out C strings, which would silently cut the line there.
class CheckedSource : public ::io::ByteSourceBase {
 public:
  explicit CheckedSource(std::string name) : name_(std::move(name)) {}

  int read(char* buffer, int size) override {
    int filled = 0;
    while (filled < size && !eof_) {
      const std::size_t got = fetch(buffer + filled, static_cast<std::size_t>(size - filled));
      if (got == 0) eof_ = true;
      filled += static_cast<int>(got);
    }
    check_for_nul(buffer, filled);
    return filled;
  }

 protected:
  virtual std::size_t fetch(char* buffer, std::size_t size) = 0;
  const std::string& name() const { return name_; }

 private:
  void check_for_nul(const char* data, int size) {
    const void* nul = std::memchr(data, '\0', static_cast<std::size_t>(size));
    const char* stop = nul ? static_cast<const char*>(nul) : data + size;
    newlines_ += bytes::count(data, static_cast<std::size_t>(stop - data), '\n');
    if (nul)
      throw DataError(Location{name_, newlines_ + 1, 0},
                      "the input holds a NUL byte; is it a text (CSV or TSV) file?");
  }

  std::string name_;
  bool eof_ = false;
  std::size_t newlines_ = 0;
};

class FdSource : public CheckedSource {
 public:
  FdSource(int fd, bool owned, std::string name) : CheckedSource(std::move(name)), fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }

 private:
  std::size_t fetch(char* buffer, std::size_t size) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buffer, size);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR)
        throw IoError(fmt::format("{}: read error: {}", name(), std::strerror(errno)));
    }
  }

  int fd_;
  bool owned_;
};

constexpr std::size_t kLongestLine = std::size_t{1} << 24;  // LineReader's block

[[noreturn]] void too_long(const std::string& name, std::size_t line) {
  throw DataError(Location{name, line, 0}, "line is longer than 16 MiB, the longest heq reads");
}

class FccpLines : public LineSource {
 public:
  FccpLines(const std::string& name, std::unique_ptr<::io::ByteSourceBase> source)
      : name_(name), reader_(name, std::move(source)) {}
  char* next_line() override {
    try {
      return reader_.next_line();
    } catch (const ::io::error::base&) {
      too_long(name_, reader_.get_file_line());
    }
  }
  std::size_t line() const override { return static_cast<std::size_t>(reader_.get_file_line()); }

 private:
  std::string name_;
  ::io::LineReader reader_;
};

// The same lines from memory, without LineReader's 48 MiB of buffers per reader.
class TextLines : public LineSource {
 public:
  TextLines(const std::string& text, const std::string& name) : text_(text), name_(name) {
    const std::size_t nul = text_.find('\0');
    if (nul != std::string::npos)
      throw DataError(Location{name_, static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(nul), '\n')) + 1, 0},
                      "the input holds a NUL byte; is it a text (CSV or TSV) file?");
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // a UTF-8 byte-order mark, as LineReader drops it
  }
  char* next_line() override {
    if (pos_ >= text_.size()) return nullptr;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string::npos) end = text_.size();
    ++line_;
    if (end - pos_ > kLongestLine) too_long(name_, line_);
    char* begin = text_.data() + pos_;
    std::size_t stop = end;
    if (stop > pos_ && text_[stop - 1] == '\r') --stop;
    pos_ = end + 1;
    if (stop < text_.size()) text_[stop] = '\0';
    return begin;
  }
  std::size_t line() const override { return line_; }

 private:
  std::string text_;  // a copy: lines are cut in place
  std::string name_;
  std::size_t pos_ = 0, line_ = 0;
};

// Splits "a=1,b=2" into conditions, keeping "d=x,y" whole (a part without '=' continues
// the value before it).
std::vector<std::string> split_conditions(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!parts.empty() && part.find('=') == std::string::npos)
      parts.back() += "," + part;
    else
      parts.push_back(std::move(part));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

char delimiter_for(const std::string& path, char requested) noexcept {
  if (requested) return requested;
  return ends_with(path, ".tsv") || ends_with(path, ".tab") || ends_with(path, ".TSV") ? '\t' : ',';
}

Reader::Reader(const ReaderOptions& options)
    : name_(options.path == "-" ? "<stdin>" : options.path),
      delimiter_(delimiter_for(options.path, options.delimiter)),
      na_tokens_(options.na_tokens) {
  for (const std::string& token : na_tokens_) {
    double ignored;
    if (parse_number(token, ignored) == NumberStatus::ok) numeric_na_ = true;
  }
  if (options.text) {
    lines_ = std::make_unique<TextLines>(*options.text, name_);
  } else {
    std::unique_ptr<::io::ByteSourceBase> source;
    if (options.path == "-") {
      source = std::make_unique<FdSource>(0, false, name_);
    } else {
      const int fd = ::open(options.path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", name_, std::strerror(errno)));
      source = std::make_unique<FdSource>(fd, true, name_);
    }
    lines_ = std::make_unique<FccpLines>(name_, std::move(source));
  }
  read_header();
  compile_filter(options.where);
}

Reader::~Reader() = default;

void Reader::read_header() {
  if (!read_record())
    throw DataError(Location{name_, 0, 0}, "the input is empty; a header line is needed");
  header_.assign(fields_.begin(), fields_.end());
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i].empty()) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (header_[j] == header_[i])
        throw DataError(Location{name_, line_, i + 1},
                        fmt::format("column '{}' appears twice in the header (columns {} and {})",
                                    header_[i], j + 1, i + 1));
    }
  }
}

void Reader::compile_filter(const std::vector<std::string>& where) {
  std::vector<std::string> conditions;
  for (const std::string& entry : where)
    for (std::string& c : split_conditions(entry)) conditions.push_back(std::move(c));
  for (const std::string& condition : conditions) {
    const std::size_t eq = condition.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError(fmt::format("--where '{}': expected COL=VALUE or COL!=VALUE", condition));
    const bool negated = condition[eq - 1] == '!';
    const std::string col = condition.substr(0, negated ? eq - 1 : eq);
    if (col.empty())
      throw UsageError(fmt::format("--where '{}': expected COL=VALUE or COL!=VALUE", condition));
    filter_.push_back({column(col), condition.substr(eq + 1), !negated});
  }
}

std::optional<std::size_t> Reader::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return std::nullopt;
}

std::size_t Reader::column(std::string_view name) const {
  if (auto i = find_column(name)) return *i;
  std::string have;
  for (std::size_t i = 0; i < header_.size() && i < 12; ++i) {
    if (i) have += ", ";
    have += header_[i].empty() ? "(unnamed)" : header_[i];
  }
  if (header_.size() > 12) have += ", ...";
  throw DataError(Location{name_, 0, 0},
                  fmt::format("column '{}' not found; the header has: {}", name, have));
}

bool Reader::read_record() {
  for (;;) {
    char* raw = lines_->next_line();
    if (!raw) return false;
    line_ = lines_->line();
    std::string_view record(raw, std::strlen(raw));
    if (record.empty()) continue;  // blank lines carry no row

    if (!split_plain(record, delimiter_, fields_)) {
      // Quotes: the field may run on over the next lines.
      QuoteState state = scan_quotes(record, delimiter_, QuoteState::field_start);
      if (state == QuoteState::quoted) {
        joined_.assign(record);
        while (state == QuoteState::quoted) {
          char* more = lines_->next_line();
          if (!more)
            throw DataError(Location{name_, line_, 0},
                            "a quoted field opened on this line is never closed");
          std::string_view next(more, std::strlen(more));
          if (joined_.size() + next.size() > 4 * kLongestLine)
            throw DataError(Location{name_, line_, 0},
                            "a quoted field opened on this line runs past 64 MiB; is a closing quote missing?");
          joined_ += '\n';
          joined_ += next;
          state = scan_quotes(next, delimiter_, state);
        }
        record = joined_;
      }
      SplitProblem problem;
      if (!split_record(record, delimiter_, fields_, scratch_, problem))
        throw DataError(Location{name_, line_, problem.column}, problem.message);
    }
    if (!header_.empty() && fields_.size() != header_.size())
      throw DataError(Location{name_, line_, 0},
                      fmt::format("expected {} fields as in the header, found {}", header_.size(),
                                  fields_.size()));
    return true;
  }
}

bool Reader::passes_filter() const {
  for (const Condition& c : filter_)
    if ((fields_[c.column] == c.value) != c.equal) return false;
  return true;
}

bool Reader::next() {
  while (read_record()) {
    ++rows_read_;
    if (passes_filter()) return true;
    ++rows_filtered_;
  }
  return false;
}

bool Reader::is_missing_field(std::size_t column) const {
  std::string_view f = fields_[column];
  while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
  while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
  if (f.empty()) return true;
  for (const std::string& token : na_tokens_)
    if (f == token) return true;
  return false;
}

double Reader::number(std::size_t column) const {
  double value = 0;
  // Parse first: most fields are numbers. Missing-value tokens that look like numbers
  // (--na -999) must win over the number, so they are checked first instead.
  if (numeric_na_ && is_missing_field(column)) return kMissing;
  const NumberStatus status = parse_number(fields_[column], value);
  if (status == NumberStatus::ok) return value;
  if (is_missing_field(column)) return kMissing;
  fail(column, fmt::format("column '{}': {}", header_[column],
                           describe_number_problem(status, fields_[column])));
}

void Reader::fail(std::size_t column, const std::string& message) const {
  throw DataError(at(column), message);
}

}  // namespace heq::io
