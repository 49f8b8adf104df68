#pragma once
// heq-compare's table layer: every row against its benchmark (England, the region, or an
// area's own overall row), as Fingertips compares them.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace heq::tables {

enum class CompareMethod { ci95, ci998, quintiles };
enum class Polarity { high_good, low_good, none };

struct CompareOptions {
  std::string area = "area";
  std::string benchmark;             // the benchmark's value of --area
  std::vector<std::string> match;    // columns a row and its benchmark share (sex, age, period)
  io::ReaderOptions benchmark_file;  // path empty: the benchmark rows are in the input
  std::string value = "value", lower, upper;  // lower/upper empty: found by name
  CompareMethod method = CompareMethod::ci95;
  Polarity polarity = Polarity::none;
  std::string polarity_column;  // per-row high-good / low-good / none, instead of `polarity`
};

// "high-good", "low-good", "none" (also Fingertips' "High is good", "Low is good", "No
// judgement"); false for anything else.
bool parse_polarity(std::string_view text, Polarity& out);

void run_compare(const CompareOptions& options, io::Reader& reader, io::Writer& writer,
                 Diagnostics& diagnostics);

}  // namespace heq::tables
