#pragma once
// RFC 4180 record splitting, kept apart from file handling so it can be unit-tested
// and fuzzed on its own. Quoted fields may hold delimiters, doubled quotes and line
// breaks; a quote inside an unquoted field is taken literally.
#include <string>
#include <string_view>
#include <vector>

namespace heq::io {

// Where a quote scan stands at the end of some text; carried from one physical line
// to the next while a quoted field is still open.
enum class QuoteState : unsigned char { field_start, unquoted, quoted, quote_in_quoted };

QuoteState scan_quotes(std::string_view text, char delimiter, QuoteState state) noexcept;

struct SplitProblem {
  std::size_t column = 0;  // 1-based field number
  std::string message;
};

// The common case in one pass: a record without quotes, split at each delimiter.
// Returns false, with `fields` unspecified, as soon as it meets a quote.
bool split_plain(std::string_view record, char delimiter, std::vector<std::string_view>& fields);

// The same for a NUL-terminated line, finding its end in the same pass: io/split_line.hpp.

// Whitespace-aligned text (the Human Mortality Database's .txt): fields are the runs of
// characters between runs of spaces and tabs; leading and trailing blanks are ignored.
void split_whitespace(std::string_view record, std::vector<std::string_view>& fields);

// Splits one complete record into fields. Views point into `record`, or into `scratch`
// for quoted fields (reserved here so the views stay valid until the next call).
// Returns false, with `problem` filled, when the quoting is malformed.
bool split_record(std::string_view record, char delimiter, std::vector<std::string_view>& fields,
                  std::string& scratch, SplitProblem& problem);

}  // namespace heq::io
