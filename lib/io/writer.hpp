#pragma once
// The one writer every tool goes through: CSV (RFC 4180, quoted only when needed), TSV
// (IANA: no quoting, \t \n \r \\ escaped), JSON (one array of objects) or NDJSON (one
// object per line). Numbers are the shortest text that reads back to the same double,
// or rounded with --digits; missing values are empty fields, or null in JSON.
#include "io/out_buffer.hpp"
#include "io/sink.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace heq::io {

enum class Format { csv, tsv, json, ndjson };
Format parse_format(std::string_view name);  // throws UsageError

struct WriterOptions {
  Format format = Format::csv;
  int digits = -1;          // decimal places for computed numbers; -1: exact
  bool excel_safe = false;  // prefix text that a spreadsheet would run as a formula
  bool bom = false;         // a UTF-8 byte-order mark first (CSV and TSV)
  bool no_header = false;   // rows only (CSV and TSV): for runs whose outputs are joined
};

class Writer {
 public:
  Writer(std::unique_ptr<Sink> sink, WriterOptions options);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  const WriterOptions& options() const noexcept { return options_; }

  // Names the columns; call once before the first row.
  void begin(std::vector<std::string> columns);
  const std::vector<std::string>& columns() const noexcept { return columns_; }

  Writer& text(std::string_view value);
  // A group key (the --by values), one cell each.
  Writer& texts(const std::vector<std::string>& values);
  Writer& number(double value);  // NaN is written as a missing value
  Writer& missing();
  void end_row();

  // Closes the JSON array, writes what is buffered and commits the sink.
  void finish();

  // A writer of later rows, in memory, for another thread (io/split_groups.hpp): the same
  // options and columns, no header. append() writes its rows here, as if written here.
  std::unique_ptr<Writer> part() const;
  std::size_t held() const noexcept;  // a part's bytes so far
  void append(Writer& part);

 private:
  Writer& text_otherwise(std::string_view value);  // quotes, escapes, guards, JSON
  Writer& number_otherwise(double value);          // exponents, --digits places, JSON
  void open_cell();
  void flush();
  void append_text_csv(std::string_view value);
  void append_text_tsv(std::string_view value);
  void append_text_json(std::string_view value);

  std::unique_ptr<Sink> sink_;
  WriterOptions options_;
  std::vector<std::string> columns_;
  std::vector<std::string> json_keys_;  // "name": already escaped
  OutBuffer buffer_;
  std::string scratch_;  // a JSON string or an unusual number, built before it is copied in
  std::size_t cell_ = 0;
  std::size_t rows_ = 0;
  bool begun_ = false;
  class PartSink;
  PartSink* part_ = nullptr;  // part(): where its rows are held, for another's append()
};

// JSON string escaping per RFC 8259; invalid UTF-8 becomes U+FFFD so output stays valid.
void append_json_string(std::string& out, std::string_view value);

}  // namespace heq::io
