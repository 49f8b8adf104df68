#include "io/writer.hpp"

#include "core/error.hpp"
#include "io/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace heq::io {

namespace {

constexpr std::size_t kFlushAt = 1 << 16;

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  std::size_t n;
  unsigned min;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool needs_excel_guard(std::string_view value) {
  if (value.empty()) return false;
  const char c = value.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  double ignored;
  return parse_number(value, ignored) != NumberStatus::ok;  // "-3" is a number, not a formula
}

// Whether a CSV cell needs no quotes. One pass over the bytes: find_first_of would call
// memchr once per byte.
bool plain_csv(std::string_view value) {
  for (const char c : value)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return false;
  return true;
}

}  // namespace

Format parse_format(std::string_view name) {
  if (name == "csv") return Format::csv;
  if (name == "tsv") return Format::tsv;
  if (name == "json") return Format::json;
  if (name == "ndjson" || name == "jsonl") return Format::ndjson;
  throw UsageError(fmt::format("--format '{}': expected csv, tsv, json or ndjson", name));
}

void append_json_string(std::string& out, std::string_view value) {
  out += '"';
  for (std::size_t i = 0; i < value.size();) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(value, i);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(value.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

Writer::Writer(std::unique_ptr<Sink> sink, WriterOptions options)
    : sink_(std::move(sink)), options_(options) {}

void Writer::begin(std::vector<std::string> columns) {
  if (begun_) throw std::logic_error("Writer::begin called twice");
  begun_ = true;
  for (std::size_t i = 0; i < columns.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (columns[i] == columns[j])
        throw UsageError(
            fmt::format("the output would have column '{}' twice (columns {} and {}): "
                        "a --by column may not repeat, nor share a result's name",
                        columns[i], j + 1, i + 1));
  columns_ = std::move(columns);
  switch (options_.format) {
    case Format::csv:
    case Format::tsv:
      if (options_.no_header) break;
      if (options_.bom) buffer_ += "\xEF\xBB\xBF";
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i) buffer_ += options_.format == Format::csv ? ',' : '\t';
        if (options_.format == Format::csv)
          append_text_csv(columns_[i]);
        else
          append_text_tsv(columns_[i]);
      }
      buffer_ += '\n';
      break;
    case Format::json:
    case Format::ndjson:
      for (const std::string& c : columns_) {
        std::string key;
        append_json_string(key, c);
        key += ':';
        json_keys_.push_back(std::move(key));
      }
      break;
  }
}

void Writer::open_cell() {
  if (cell_ >= columns_.size())
    throw std::logic_error(fmt::format("row has more cells than the {} columns", columns_.size()));
  switch (options_.format) {
    case Format::csv:
      if (cell_) buffer_ += ',';
      break;
    case Format::tsv:
      if (cell_) buffer_ += '\t';
      break;
    case Format::json:
    case Format::ndjson:
      if (cell_ == 0) {
        if (options_.format == Format::json) buffer_ += rows_ ? ",\n" : "[\n";
        buffer_ += '{';
      } else {
        buffer_ += ',';
      }
      buffer_ += json_keys_[cell_];
      break;
  }
  ++cell_;
}

void Writer::append_text_csv(std::string_view value) {
  if (plain_csv(value)) {
    buffer_ += value;
    return;
  }
  buffer_ += '"';
  for (char c : value) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
}

void Writer::append_text_tsv(std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\t':
        buffer_ += "\\t";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      case '\\':
        buffer_ += "\\\\";
        break;
      default:
        buffer_ += c;
    }
  }
}

void Writer::append_text_json(std::string_view value) {
  scratch_.clear();
  append_json_string(scratch_, value);
  buffer_ += scratch_;
}

Writer& Writer::texts(const std::vector<std::string>& values) {
  for (const std::string& v : values) text(v);
  return *this;
}

Writer& Writer::text(std::string_view value) {
  // A CSV cell as it is (no quotes, no spreadsheet guard): the separator and the value
  // in place at once, as number() writes.
  if (options_.format == Format::csv && !options_.excel_safe && cell_ < columns_.size() &&
      plain_csv(value)) {
    char* to = buffer_.room(1 + value.size());
    if (cell_) *to++ = ',';
    if (!value.empty()) std::memcpy(to, value.data(), value.size());
    buffer_.commit(to + value.size());
    ++cell_;
    return *this;
  }
  return text_otherwise(value);
}

// Out of line: its string and calls made every text() save and restore six registers.
[[gnu::noinline]] Writer& Writer::text_otherwise(std::string_view value) {
  open_cell();
  std::string guarded;
  if (options_.excel_safe && needs_excel_guard(value)) {
    guarded.reserve(value.size() + 1);
    guarded.push_back('\'');
    guarded.append(value);
    value = guarded;
  }
  switch (options_.format) {
    case Format::csv:
      append_text_csv(value);
      break;
    case Format::tsv:
      append_text_tsv(value);
      break;
    case Format::json:
    case Format::ndjson:
      append_text_json(value);
      break;
  }
  return *this;
}

Writer& Writer::number(double value) {
  if (!std::isfinite(value)) return missing();
  // CSV and TSV: the separator and the number written in place at once (a number needs
  // no quoting or escapes), where most of a row's cells are numbers.
  if ((options_.format == Format::csv || options_.format == Format::tsv) &&
      cell_ < columns_.size()) {
    char* to = buffer_.room(1 + kNumberRoom);
    if (cell_) *to++ = options_.format == Format::csv ? ',' : '\t';
    if (const char* end = write_number(to, value, options_.digits)) {
      buffer_.commit(end);
      ++cell_;
      return *this;
    }
  }
  return number_otherwise(value);
}

[[gnu::noinline]] Writer& Writer::number_otherwise(double value) {
  open_cell();
  scratch_.clear();
  append_number(scratch_, value, options_.digits);
  buffer_ += scratch_;
  return *this;
}

Writer& Writer::missing() {
  open_cell();
  if (options_.format == Format::json || options_.format == Format::ndjson) buffer_ += "null";
  return *this;
}

void Writer::end_row() {
  if (cell_ != columns_.size())
    throw std::logic_error(fmt::format("row has {} cells for {} columns", cell_, columns_.size()));
  if (options_.format == Format::json)
    buffer_ += '}';
  else if (options_.format == Format::ndjson)
    buffer_ += "}\n";
  else
    buffer_ += '\n';
  cell_ = 0;
  ++rows_;
  if (buffer_.size() >= kFlushAt) flush();
}

// A part's rows, in blocks of 8 MiB: arrays that size are mapped for huge pages
// (io/large_arrays.cpp), touched only as far as written, and never copied as they grow.
class Writer::PartSink : public Sink {
 public:
  void write(std::string_view bytes) override {
    while (!bytes.empty()) {
      if (blocks_.empty() || used_ == kBlock) {
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlock));
        used_ = 0;
      }
      const std::size_t n = std::min(bytes.size(), kBlock - used_);
      std::memcpy(blocks_.back().get() + used_, bytes.data(), n);
      used_ += n;
      size_ += n;
      bytes.remove_prefix(n);
    }
  }
  void commit() override {}
  std::size_t size() const noexcept { return size_; }
  // Writes every byte held to `sink`, the first `skip` of them as `instead`.
  void write_to(Sink& sink, std::size_t skip, std::string_view instead) const {
    if (size_ == 0) return;
    if (!instead.empty()) sink.write(instead);
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      const std::size_t begin = i == 0 ? skip : 0, end = i + 1 == blocks_.size() ? used_ : kBlock;
      sink.write(std::string_view(blocks_[i].get() + begin, end - begin));
    }
  }

 private:
  static constexpr std::size_t kBlock = std::size_t{8} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, size_ = 0;
};

std::size_t Writer::held() const noexcept { return buffer_.size() + (part_ ? part_->size() : 0); }

std::unique_ptr<Writer> Writer::part() const {
  auto sink = std::make_unique<PartSink>();
  PartSink* held = sink.get();
  auto part = std::make_unique<Writer>(std::move(sink), options_);
  part->columns_ = columns_;
  part->json_keys_ = json_keys_;
  part->begun_ = true;
  part->part_ = held;
  part->rows_ = 1;  // every row after another: a JSON row opens with ",\n"
  return part;
}

void Writer::append(Writer& part) {
  const std::size_t rows = part.rows_ - 1;
  if (!part.part_ || part.cell_ != 0) throw std::logic_error("Writer::append: not a whole part");
  if (rows == 0) return;
  part.flush();
  flush();
  // A part's JSON rows open as rows after others (",\n"): mended if they come first.
  const bool first = options_.format == Format::json && rows_ == 0;
  part.part_->write_to(*sink_, first ? 2 : 0, first ? "[\n" : "");
  rows_ += rows;
}

void Writer::flush() {
  if (buffer_.empty()) return;
  sink_->write(buffer_.view());
  buffer_.clear();
}

void Writer::finish() {
  if (!begun_) throw std::logic_error("Writer::finish before begin");
  if (options_.format == Format::json) buffer_ += rows_ ? "\n]\n" : "[]\n";
  flush();
  sink_->commit();
}

}  // namespace heq::io
