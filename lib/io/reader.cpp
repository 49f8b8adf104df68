#include "io/reader.hpp"

#include "io/bytes.hpp"
#include "io/fccp.hpp"
#include "io/number.hpp"
#include "io/split_line.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace heq::io {

// Feeds fast-cpp-csv-parser's LineReader. Each request is filled completely (LineReader
// takes a short read for the end of input, and pipes deliver short reads), and NUL bytes
// are refused: LineReader hands out C strings, which would silently cut the line there.
// The NUL's line is found by counting newlines: as the bytes pass for a pipe, and only
// once one turns up, by reading the file again, for a file (no second scan of every
// block for input that holds none).
class CheckedSource : public ::io::ByteSourceBase {
 public:
  // `offset`: the bytes of the input before this source's first (a file read on from
  // there), which are neither checked again nor a byte-order mark.
  explicit CheckedSource(std::string name, std::size_t offset = 0)
      : name_(std::move(name)), first_(offset == 0), offset_(offset) {}

  int read(char* buffer, int size) override {
    int filled = 0;
    while (filled < size && !eof_) {
      const std::size_t got = fetch(buffer + filled, static_cast<std::size_t>(size - filled));
      if (got == 0) eof_ = true;
      filled += static_cast<int>(got);
    }
    check_for_nul(buffer, filled);
    offset_ += static_cast<std::size_t>(filled);
    return filled;
  }

 protected:
  virtual std::size_t fetch(char* buffer, std::size_t size) = 0;
  // The newlines in the first `bytes` bytes of the input, read again; false where the
  // input cannot be read again (then they are counted as they pass).
  virtual bool newlines_in_first(std::size_t bytes, std::size_t& newlines) = 0;
  void count_as_read(bool yes) { counting_ = yes; }
  const std::string& name() const { return name_; }

 private:
  void check_for_nul(const char* data, int size) {
    if (first_ && size >= 2) {
      const unsigned char a = static_cast<unsigned char>(data[0]),
                          b = static_cast<unsigned char>(data[1]);
      // A byte-order mark, or ASCII text with every other byte zero.
      const bool zeros = size >= 4 && ((a != 0 && b == 0 && data[2] != 0 && data[3] == 0) ||
                                       (a == 0 && b != 0 && data[2] == 0 && data[3] != 0));
      if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF) || zeros)
        throw DataError(
            Location{name_, 1, 0},
            "the input is UTF-16 text; heq reads UTF-8: convert it first, e.g. iconv -f "
            "UTF-16 -t UTF-8 FILE > FILE.csv (spreadsheets call it \"CSV UTF-8\")");
    }
    first_ = false;
    const void* nul = std::memchr(data, '\0', static_cast<std::size_t>(size));
    const char* stop = nul ? static_cast<const char*>(nul) : data + size;
    if (counting_) newlines_ += bytes::count(data, static_cast<std::size_t>(stop - data), '\n');
    if (!nul) return;
    std::size_t before = newlines_;
    // A file that cannot be read again (an error now) is named without a line.
    const bool placed =
        counting_ || newlines_in_first(offset_ + static_cast<std::size_t>(stop - data), before);
    throw DataError(Location{name_, placed ? before + 1 : 0, 0},
                    "the input holds a NUL byte; is it a text (CSV or TSV) file?");
  }

  std::string name_;
  bool eof_ = false;
  bool first_ = true;
  bool counting_ = true;
  std::size_t newlines_ = 0;  // when counting_
  std::size_t offset_ = 0;    // bytes handed on before this read
};

// A descriptor the sources reading one file share (a fenced reader's next LineReader, a
// split reader's); closed with the last of them.
struct OpenFd {
  int fd;
  bool owned;
  ~OpenFd() {
    if (owned) ::close(fd);
  }
};

class FdSource : public CheckedSource {
 public:
  FdSource(std::shared_ptr<const OpenFd> file, std::string name)
      : CheckedSource(std::move(name)), file_(std::move(file)) {
    struct stat st {};
    const off_t at =
        ::lseek(file_->fd, 0, SEEK_CUR);  // where reading starts: stdin may be part read
    if (::fstat(file_->fd, &st) == 0 && S_ISREG(st.st_mode) && at >= 0) {
      start_ = pos_ = static_cast<std::size_t>(at);
      size_ = static_cast<std::size_t>(st.st_size);
      regular_ = true;
      count_as_read(false);
    }
  }
  // The same regular file from offset `from` on: read in turn (the descriptor's offset is
  // there) or, `positional`, by pread (for a second thread).
  FdSource(const FdSource& like, std::size_t from, bool positional)
      : CheckedSource(like.name(), from - like.start_),
        file_(like.file_),
        start_(like.start_),
        pos_(from),
        size_(like.size_),
        regular_(true),
        positional_(positional) {
    count_as_read(false);
  }

  bool regular() const noexcept { return regular_; }
  bool positional() const noexcept { return positional_; }
  std::size_t size() const noexcept { return size_; }     // the file's, when regular
  std::size_t position() const noexcept { return pos_; }  // the next byte's file offset
  std::size_t start() const noexcept { return start_; }   // the first byte's
  int fd() const noexcept { return file_->fd; }
  // No byte at or past file offset `at` is read: LineReader sees the input end there.
  void fence(std::size_t at) noexcept { end_ = at; }

 private:
  std::size_t fetch(char* buffer, std::size_t size) override {
    if (end_ != kNoEnd) size = std::min(size, end_ > pos_ ? end_ - pos_ : 0);
    if (size == 0) return 0;
    for (;;) {
      const ssize_t got = positional_ ? ::pread(file_->fd, buffer, size, static_cast<off_t>(pos_))
                                      : ::read(file_->fd, buffer, size);
      if (got >= 0) {
        pos_ += static_cast<std::size_t>(got);
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR)
        throw IoError(fmt::format("{}: read error: {}", name(), std::strerror(errno)));
    }
  }
  bool newlines_in_first(std::size_t bytes, std::size_t& newlines) override {
    std::vector<char> block(std::size_t{1} << 20);
    newlines = 0;
    for (std::size_t done = 0; done < bytes;) {
      const ssize_t got = ::pread(file_->fd, block.data(), std::min(block.size(), bytes - done),
                                  static_cast<off_t>(start_ + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      newlines += bytes::count(block.data(), static_cast<std::size_t>(got), '\n');
      done += static_cast<std::size_t>(got);
    }
    return true;
  }

  static constexpr std::size_t kNoEnd = static_cast<std::size_t>(-1);
  std::shared_ptr<const OpenFd> file_;
  std::size_t start_ = 0;  // where the input began (the file's offset when opened)
  std::size_t pos_ = 0;
  std::size_t size_ = 0;
  bool regular_ = false;
  bool positional_ = false;
  std::size_t end_ = kNoEnd;
};

namespace {

constexpr std::size_t kLongestLine = std::size_t{1} << 24;  // LineReader's block
// Read by one LineReader. 8 MiB cost up to 4 ms a thread of page clearing on a VM
// (fresh memory is backed by the host as it is first touched); 1 MiB, one huge page.
constexpr std::size_t kPiece = std::size_t{1} << 20;

[[noreturn]] void too_long(const std::string& name, std::size_t line) {
  throw DataError(Location{name, line, 0}, "line is longer than 16 MiB, the longest heq reads");
}

class FccpLines : public LineSource {
 public:
  // `lines_before`: the lines of the input before this source's first.
  FccpLines(const std::string& name, std::unique_ptr<::io::ByteSourceBase> source,
            std::size_t lines_before = 0)
      : name_(name), source_(std::move(source)), reader_(name, std::make_unique<Lent>(*source_)) {
    reader_.set_file_line(static_cast<unsigned>(lines_before));
    line_ = lines_before;
  }
  char* next_line() override {
    try {
      char* const line = reader_.next_line();
      line_ = static_cast<std::size_t>(reader_.get_file_line());
      return line;
    } catch (const ::io::error::base&) {
      too_long(name_, reader_.get_file_line());
    }
  }

 private:
  // LineReader frees its byte source once it has read the input's end (at once, for a
  // file under 2 MiB), while the Reader still asks that source where it stands: so the
  // source stays here and LineReader is lent it.
  class Lent : public ::io::ByteSourceBase {
   public:
    explicit Lent(::io::ByteSourceBase& source) : source_(source) {}
    int read(char* buffer, int size) override { return source_.read(buffer, size); }

   private:
    ::io::ByteSourceBase& source_;
  };
  std::string name_;
  std::unique_ptr<::io::ByteSourceBase> source_;  // before reader_, which reads it
  ::io::LineReader reader_;
};

// The first line start at or after file offset `from` (and before `size`), if one is
// found within 1 MiB and is not a byte-order mark (which LineReader, starting there,
// would drop); `size` when none is.
std::size_t line_start_from(int fd, std::size_t from, std::size_t size) {
  std::vector<char> block(std::size_t{1} << 16);
  for (std::size_t at = from; at < size && at < from + (std::size_t{1} << 20);) {
    const ssize_t got = ::pread(fd, block.data(), block.size(), static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return size;
    const void* nl = std::memchr(block.data(), '\n', static_cast<std::size_t>(got));
    if (!nl) {
      at += static_cast<std::size_t>(got);
      continue;
    }
    const std::size_t start =
        at + static_cast<std::size_t>(static_cast<const char*>(nl) - block.data()) + 1;
    char mark[3] = {};
    if (start < size && ::pread(fd, mark, 3, static_cast<off_t>(start)) == 3 &&
        std::memcmp(mark, "\xEF\xBB\xBF", 3) == 0)
      return size;
    return start;
  }
  return size;
}

// The same lines from memory, without LineReader's 48 MiB of buffers per reader.
class TextLines : public LineSource {
 public:
  TextLines(const std::string& text, const std::string& name) : text_(text), name_(name) {
    const std::size_t nul = text_.find('\0');
    if (nul != std::string::npos)
      throw DataError(
          Location{name_,
                   static_cast<std::size_t>(std::count(
                       text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(nul), '\n')) +
                       1,
                   0},
          "the input holds a NUL byte; is it a text (CSV or TSV) file?");
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0)
      pos_ = 3;  // a UTF-8 byte-order mark, as LineReader drops it
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

 private:
  std::string text_;  // a copy: lines are cut in place
  std::string name_;
  std::size_t pos_ = 0;
};

// Splits "a=1,b=2" into conditions, keeping "d=x,y" whole (a part without '=' continues
// the value before it).
std::vector<std::string> split_conditions(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!parts.empty() && part.find('=') == std::string::npos)
      parts.back() += "," + part;
    else
      parts.push_back(std::move(part));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

char delimiter_for(const std::string& path, char requested) noexcept {
  if (requested) return requested;
  return ends_with(path, ".tsv") || ends_with(path, ".tab") || ends_with(path, ".TSV") ? '\t' : ',';
}

Reader::Reader(const ReaderOptions& options)
    : name_(options.path == "-" ? "<stdin>" : options.path),
      delimiter_(delimiter_for(options.path, options.delimiter)),
      splitter_(delimiter_),
      na_tokens_(options.na_tokens),
      thousands_(options.thousands) {
  whitespace_ = options.whitespace;
  skip_ = options.skip;
  progress_ = options.progress;
  for (const std::string& token : na_tokens_) {
    double ignored;
    if (parse_number(token, ignored) == NumberStatus::ok) numeric_na_ = true;
  }
  more_paths_ = options.more_paths;
  open(options.path, options.text);
  first_name_ = name_;
  skip_preamble();
  read_header();
  compile_filter(options.where);
  settle_row_width();
}

// next()'s inline step takes a line only at this width; anything that asks more of a row
// (a filter, a progress line) or a header not yet read leaves it at kNoWidth, which no
// line has, and every line goes the way that checks it all.
void Reader::settle_row_width() {
  row_width_ = !header_.empty() && filter_.empty() && !progress_ ? header_.size() : kNoWidth;
}

void Reader::open(const std::string& path, const std::string* text) {
  name_ = path == "-" ? "<stdin>" : path;
  if (text) {
    source_ = nullptr;
    lines_ = std::make_unique<TextLines>(*text, name_);
    return;
  }
  std::shared_ptr<OpenFd> file;
  if (path == "-") {
    file.reset(new OpenFd{0, false});
  } else {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", name_, std::strerror(errno)));
    file.reset(new OpenFd{fd, true});  // not make_shared of a temporary, which would close it
  }
  auto source = std::make_unique<FdSource>(std::move(file), name_);
  source_ = source.get();
  stop_at_ = kNoStop;
  place_fence(*source, source->start());
  lines_ = std::make_unique<FccpLines>(name_, std::move(source));
}

void Reader::place_fence(FdSource& source, std::size_t from) {
  // A file is read in pieces of 1 MiB (kPiece) that end at line starts, a LineReader for
  // each (on the last one's buffer: io/large_arrays.cpp): each then touches the same MiB
  // of memory, not its 48 (fresh memory is slow to touch), and never moves its blocks. It also lets
  // a split (split_off) fall at the middle of a file LineReader would take in whole.
  fence_ = Fence::none;
  if (!source.regular()) return;
  const std::size_t at =
      std::min(line_start_from(source.fd(), from + kPiece, source.size()), stop_at_);
  if (at >= source.size()) return;
  source.fence(at);
  fence_at_ = at;
  fence_ = at == stop_at_ ? Fence::set : Fence::soft;
}

std::unique_ptr<Reader> Reader::split_off(std::size_t min_bytes) {
  if (!source_ || !source_->regular() || !filter_.empty() || !more_paths_.empty() ||
      stop_at_ != kNoStop || (fence_ != Fence::none && fence_ != Fence::soft))
    return nullptr;
  const std::size_t size = source_->size(), taken = source_->position(), begin = source_->start();
  if (taken >= size || begin >= size) return nullptr;
  // The middle of the input (this reader has parsed only the header), unless LineReader
  // has taken in more than that already.
  const std::size_t at =
      line_start_from(source_->fd(), std::max(taken, begin + (size - begin) / 2), size);
  if (at >= size || size - at < min_bytes) return nullptr;
  split_progress_ = progress_ ? std::make_shared<SplitProgress>() : nullptr;
  auto rest = std::unique_ptr<Reader>(new Reader(SplitTag{}, *this, at));
  rest->part_bytes_ = size - at;
  stop_at_ = at;  // where the pieces read here end
  split_ = Split::made;
  split_at_ = Clock::now();
  if (fence_ == Fence::none) {
    source_->fence(at);
    fence_at_ = at;
    fence_ = Fence::set;
  }
  if (split_progress_) {
    rest->progress_ = [shared = split_progress_](std::size_t rows, std::size_t bytes, bool) {
      shared->rows.store(rows, std::memory_order_relaxed);
      shared->bytes.store(bytes, std::memory_order_relaxed);
    };
    progress_ = [report = std::move(progress_), shared = split_progress_](
                    std::size_t rows, std::size_t bytes, bool done) {
      if (shared->dropped.load(std::memory_order_relaxed))
        report(rows, bytes, done);
      else
        report(rows + shared->rows.load(std::memory_order_relaxed),
               bytes + shared->bytes.load(std::memory_order_relaxed), done);
    };
  }
  settle_row_width();
  rest->settle_row_width();
  return rest;
}

Reader::Reader(SplitTag, const Reader& first, std::size_t from)
    : name_(first.name_),
      whitespace_(first.whitespace_),
      delimiter_(first.delimiter_),
      splitter_(delimiter_),
      na_tokens_(first.na_tokens_),
      numeric_na_(first.numeric_na_),
      thousands_(first.thousands_),
      header_(first.header_),
      first_name_(first.first_name_) {
  // The file from `from` (a line start) to its end, by pread: the descriptor's offset is
  // the first reader's. In pieces of 1 MiB behind soft fences, as the first reader reads,
  // so its lines come from LineReader through no more calls than the first reader's.
  auto source = std::make_unique<FdSource>(*first.source_, from, true);
  source_ = source.get();
  stop_at_ = kNoStop;
  place_fence(*source, from);
  lines_ = std::make_unique<FccpLines>(name_, std::move(source));
  settle_row_width();
}

void Reader::continue_past_fence() {
  // LineReader has seen its input end at the fence and reads no more: a new one reads on
  // from there (the descriptor's offset is at the fence; a split's rest reads by pread),
  // its lines numbered on.
  auto source = std::make_unique<FdSource>(*source_, fence_at_, source_->positional());
  const std::size_t lines_before = lines_->line();
  source_ = source.get();
  lines_.reset();
  place_fence(*source, fence_at_);
  lines_ = std::make_unique<FccpLines>(name_, std::move(source), lines_before);
}

void Reader::drop_split() {
  stop_at_ = kNoStop;
  if (split_ == Split::made) split_ = Split::dropped;
  if (split_progress_) split_progress_->dropped = true;  // its rows will be read here
}

void Reader::lift_fence() {
  const Fence was = fence_;
  drop_split();
  if (was == Fence::reached) continue_past_fence();
  if (was == Fence::set) fence_ = Fence::soft;  // the end of a piece like any other now
}

void Reader::take_over(const Reader& rest) {
  split_ = Split::merged;
  rest_ended_at_ = rest.ended_at_;
  rows_read_ += rest.rows_read_;
  bytes_read_ += rest.bytes_read_;
  fence_ = Fence::ended;
  if (progress_) {
    const auto report = std::move(progress_);
    progress_ = nullptr;
    // The split reader's rows are in rows_read_ now, not to be added again.
    if (split_progress_) split_progress_->dropped = true;
    report(rows_read_, bytes_read_, true);
  }
}

std::optional<Reader::PartTimes> Reader::part_times() const {
  if (split_ != Split::merged || rest_ended_at_ == Clock::time_point{}) return std::nullopt;
  const auto ms = [&](Clock::time_point end) {
    return std::chrono::duration<double, std::milli>(end - split_at_).count();
  };
  return PartTimes{ms(ended_at_), ms(rest_ended_at_)};
}

// The next file of several: its header must be the first file's, and is not a row.
bool Reader::open_next() {
  if (next_path_ >= more_paths_.size()) return false;
  open(more_paths_[next_path_++], nullptr);
  line_ = 0;
  skip_preamble();
  const std::vector<std::string> header = std::move(header_);
  header_.clear();  // read the header line as a record of any width
  const bool any = read_record();
  header_ = header;
  if (!any) throw DataError(Location{name_, 0, 0}, "the input is empty; a header line is needed");
  if (field_count_ != header_.size() ||
      !std::equal(fields_.begin(), fields_.begin() + field_count_, header_.begin())) {
    std::size_t i = 0;
    while (i < field_count_ && i < header_.size() && fields_[i] == header_[i]) ++i;
    throw DataError(
        Location{name_, line_, i + 1},
        fmt::format("the header differs from {}'s (column {}: '{}' here, '{}' there); files read "
                    "as one input need the same columns in the same order",
                    first_name_, i + 1, i < field_count_ ? std::string(fields_[i]) : "",
                    i < header_.size() ? header_[i] : ""));
  }
  return true;
}

Reader::~Reader() = default;

void Reader::skip_preamble() {
  for (std::size_t i = 0; i < skip_; ++i)
    if (!lines_->next_line()) return;
}

void Reader::read_header() {
  if (!read_record())
    throw DataError(Location{name_, 0, 0}, "the input is empty; a header line is needed");
  header_.assign(fields_.begin(), fields_.begin() + field_count_);
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
    filter_.push_back({column(col), condition.substr(eq + 1), !negated, condition, {}});
  }
}

std::optional<std::size_t> Reader::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return std::nullopt;
}

namespace {

// A header name as a person can read it: invisible characters spelled out.
std::string visible(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const std::string_view rest = name.substr(i);
    if (rest.substr(0, 2) == "\xC2\xA0") {
      out += "<NBSP>";
      ++i;
    } else if (rest.substr(0, 3) == "\xE2\x80\x8B") {
      out += "<ZWSP>";
      i += 2;
    } else if (rest.substr(0, 3) == "\xEF\xBB\xBF") {
      out += "<BOM>";
      i += 2;
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (!name.empty() && (name.front() == ' ' || name.back() == ' ')) out = "\"" + out + "\"";
  return out;
}

// The name without what a person cannot see, in lower case: "Area\xC2\xA0" -> "area".
std::string folded(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const std::string_view rest = name.substr(i);
    if (rest.substr(0, 2) == "\xC2\xA0") {
      ++i;
    } else if (rest.substr(0, 3) == "\xE2\x80\x8B" || rest.substr(0, 3) == "\xEF\xBB\xBF") {
      i += 2;
    } else if (static_cast<unsigned char>(name[i]) > ' ') {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    }
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::size_t Reader::column(std::string_view name) const {
  if (auto i = find_column(name)) return *i;
  std::string have;
  for (std::size_t i = 0; i < header_.size() && i < 12; ++i) {
    if (i) have += ", ";
    have += header_[i].empty() ? "(unnamed)" : visible(header_[i]);
  }
  if (header_.size() > 12) have += ", ...";
  // The nearest name: the same but for invisible characters or case, else a typo away.
  std::string hint;
  const std::string want = folded(name);
  std::size_t best = 3;
  for (std::size_t i = 0; i < header_.size(); ++i) {
    const std::string got = folded(header_[i]);
    const std::size_t d = got == want ? 0 : edit_distance(got, want);
    if (d < best && !(d > 0 && want.size() < 4)) {
      best = d;
      hint = fmt::format("; did you mean {} (column {})?",
                         visible(header_[i]).front() == '"' ? visible(header_[i])
                                                            : "'" + visible(header_[i]) + "'",
                         i + 1);
    }
  }
  if (hint.empty() && header_.size() == 1 && header_[0].find_first_of(";|\t") != std::string::npos)
    hint = fmt::format("; the header was read as one column: try --delimiter '{}'",
                       header_[0].find(';') != std::string::npos   ? ";"
                       : header_[0].find('|') != std::string::npos ? "|"
                                                                   : "tab");
  throw DataError(Location{name_, 0, 0},
                  fmt::format("column '{}' not found; the header has: {}{}", name, have, hint));
}

// Each line is split once, as its end is found (no strlen first). The common line
// (plain, not blank, as many fields as the header) is a row at once, on a short path;
// every other line goes to take_line, out of line, with what the split found. Inlined
// into next(): a call a row for what is a few tests.
__attribute__((always_inline)) inline bool Reader::read_record() {
  for (;;) {
    bool plain;
    std::size_t size;
    char* const raw = read_split(plain, size);
    if (!raw) [[unlikely]] {
      if (reads_on_past_piece()) continue;
      return false;
    }
    if (line_is_row(raw, plain, size)) return true;
  }
}

// A line read and split (`plain`, `size` as read_split left them): true for a row.
__attribute__((always_inline)) inline bool Reader::line_is_row(char* raw, bool plain,
                                                               std::size_t size) {
  if (plain && size != 0 && (header_.empty() || field_count_ == header_.size())) [[likely]] {
    bytes_read_ += size + 1;
    fields_in_line_ = true;
    return true;
  }
  return take_line(raw, plain, size);
}

// The end of the lines: a piece's (read on past it: true) or the input's or the split's.
bool Reader::reads_on_past_piece() {
  if (fence_ == Fence::soft) {
    continue_past_fence();
    return true;
  }
  if (fence_ == Fence::set) {
    fence_ = Fence::reached;
    ended_at_ = Clock::now();
  }
  return false;
}

// A line read_record's short path did not take (`plain`: the splitter split it, its
// `size` found): true for a row, false for a blank line, which carries none. Not inlined:
// its frame would be read_record's, paid on every line.
[[gnu::noinline]] bool Reader::take_line(char* raw, bool plain, std::size_t size) {
  if (!plain) size = std::strlen(raw);
  std::string_view record(raw, size);
  bytes_read_ += record.size() + 1;
  if (record.empty()) return false;
  fields_in_line_ = true;
  if (whitespace_) {
    split_whitespace(record, fields_);
    field_count_ = fields_.size();
    if (fields_.empty()) return false;
  } else if (!plain) {
    fields_in_line_ = false;
    // Quotes: the field may run on over the next lines.
    QuoteState state = scan_quotes(record, delimiter_, QuoteState::field_start);
    if (state == QuoteState::quoted) {
      joined_.assign(record);
      while (state == QuoteState::quoted) {
        char* more = lines_->next_line();
        if (!more && (fence_ == Fence::set || fence_ == Fence::soft)) {  // runs on past it
          if (fence_ == Fence::set) drop_split();
          continue_past_fence();
          more = lines_->next_line();
        }
        if (!more)
          throw DataError(Location{name_, line_, 0},
                          "a quoted field opened on this line is never closed");
        std::string_view next(more, std::strlen(more));
        if (joined_.size() + next.size() > 4 * kLongestLine)
          throw DataError(
              Location{name_, line_, 0},
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
    field_count_ = fields_.size();
  }
  if (!header_.empty() && field_count_ != header_.size())
    throw DataError(
        Location{name_, line_, 0},
        fmt::format("expected {} fields as in the header, found {}", header_.size(), field_count_));
  return true;
}

bool Reader::passes_conditions() {
  for (Condition& c : filter_)
    if ((fields_[c.column] == c.value) != c.equal) {
      // Only while nothing has passed: the report is for filters that keep nothing.
      if (rows_read_ == rows_filtered_ + 1 && c.seen.size() < 6 &&
          std::find(c.seen.begin(), c.seen.end(), fields_[c.column]) == c.seen.end())
        c.seen.emplace_back(fields_[c.column]);
      return false;
    }
  return true;
}

std::string Reader::filter_report() const {
  if (filter_.empty() || rows_read_ == 0 || rows_filtered_ < rows_read_) return "";
  std::string report =
      fmt::format("--where kept none of the {} row{}", rows_read_, rows_read_ == 1 ? "" : "s");
  for (const Condition& c : filter_) {
    if (c.seen.empty()) continue;
    std::string values;
    for (std::size_t i = 0; i < c.seen.size() && i < 5; ++i)
      values += fmt::format("{}\"{}\"", i ? ", " : "", c.seen[i]);
    if (c.seen.size() > 5) values += ", ...";
    report += fmt::format("; '{}' failed on {}: {}", c.text, header_[c.column], values);
  }
  return report + " (values match exactly, case and spaces included)";
}

// next() past its inline step: the line it read and split (`plain`, `size` as read_split
// left them), as read_record would have taken it, then on as ever.
bool Reader::next_from_line(char* raw, bool plain, std::size_t size) {
  if (line_is_row(raw, plain, size) && kept()) return true;
  return next_rest();
}

// next() when the line source has ended: as read_record and the loop below take it.
bool Reader::next_past_lines() {
  if (reads_on_past_piece()) return next_rest();
  if (fence_ == Fence::reached) return false;
  if (open_next()) return next_rest();
  return input_ended();
}

// A row read: counted (and the progress line told), and kept unless --where drops it.
bool Reader::kept() {
  ++rows_read_;
  if (progress_ && (rows_read_ & 0xFFFF) == 0) progress_(rows_read_, bytes_read_, false);
  if (passes_filter()) return true;
  ++rows_filtered_;
  return false;
}

bool Reader::next_rest() {
  if (fence_ == Fence::ended) return false;
  do {
    while (read_record())
      if (kept()) return true;
    if (fence_ == Fence::reached) return false;
  } while (open_next());
  return input_ended();
}

bool Reader::input_ended() {
  if (ended_at_ == Clock::time_point{}) ended_at_ = Clock::now();
  if (progress_) {
    const auto report = std::move(progress_);
    progress_ = nullptr;  // once, however often next() is asked again
    report(rows_read_, bytes_read_, true);
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

namespace {

// "1,234,567" -> "1234567" when every group after the first has three digits.
bool drop_thousands(std::string_view field, char sep, std::string& out) {
  while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
  while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
  const std::size_t point = field.find('.');
  const std::string_view whole = field.substr(0, point);
  std::size_t digits = 0;
  bool grouped = false;
  out.clear();
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c == sep) {
      if (digits == 0 || (grouped && digits != 3) || (!grouped && digits > 3)) return false;
      grouped = true;
      digits = 0;
      continue;
    }
    if (c >= '0' && c <= '9')
      ++digits;
    else if (!(i == 0 && (c == '-' || c == '+')))
      return false;
    out += c;
  }
  if (grouped && digits != 3) return false;
  if (point != std::string_view::npos) out += field.substr(point);
  return true;
}

// Markers official tables write for a suppressed or unavailable figure.
bool is_suppression_marker(std::string_view f) {
  while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
  while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
  for (std::string_view m : {"*", "**",  "..", ":", "c",   "[c]", "x",   "[x]",  "-",    "z", "[z]",
                             "u", "[u]", "~",  "#", "n/a", "N/A", "NaN", "null", "NULL", "."})
    if (f == m) return true;
  return false;
}

}  // namespace

double Reader::number_otherwise(std::size_t column) const {
  double value = 0;
  // Parse first: most fields are numbers. Missing-value tokens that look like numbers
  // (--na -999) must win over the number, so they are checked first instead.
  if (numeric_na_ && is_missing_field(column)) return kMissing;
  const NumberStatus status = parse_number(fields_[column], value);
  if (status == NumberStatus::ok) return value;
  if (is_missing_field(column)) return kMissing;
  if (thousands_) {
    thread_local std::string plain;
    if (drop_thousands(fields_[column], thousands_, plain) &&
        parse_number(plain, value) == NumberStatus::ok)
      return value;
  }
  not_a_number(column, status);
}

void Reader::not_a_number(std::size_t column, NumberStatus status) const {
  const std::string_view f = fields_[column];
  std::string hint;
  std::string plain;
  if (!thousands_ && f.find(',') != std::string_view::npos && drop_thousands(f, ',', plain))
    hint = "; it has thousands separators: give --thousands , to read them";
  else if (is_suppression_marker(f))
    hint = fmt::format(
        "; a suppression marker? give --na '{}' to read it as missing (--na takes "
        "a comma-separated list)",
        f);
  fail(column,
       fmt::format("column '{}': {}{}", header_[column], describe_number_problem(status, f), hint));
}

void Reader::fail(std::size_t column, const std::string& message) const {
  throw DataError(at(column), message);
}

}  // namespace heq::io
