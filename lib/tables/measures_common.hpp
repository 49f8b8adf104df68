#pragma once
// What heq-measures' two input layouts (subgroup rows, respondent rows) share.
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/number.hpp"
#include "tables/measures.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace heq::measures::detail {

// The one value a setting-level column (scale, polarity) takes in a group, or NaN when
// it is always empty; two different values is an error naming both lines.
template <class Row>
double constant(const std::vector<Row>& rows, double Row::*field, const char* what,
                const io::Reader& in) {
  double v = kMissing;
  std::size_t line = 0;
  for (const Row& r : rows) {
    const double x = r.*field;
    if (std::isnan(x)) continue;
    if (std::isnan(v)) {
      v = x;
      line = r.line;
    } else if (x != v) {
      throw DataError(Location{in.name(), r.line, 0},
                      fmt::format("{} differs within a group ({} here, {} on line {})", what,
                                  io::format_number(x), io::format_number(v), line));
    }
  }
  return v;
}

std::vector<std::string> output_columns(const TableOptions& options);

// Writes one group's results, computed once per confidence level by `at_level` (the
// estimates from the first; each level's limits); returns how many carry a note.
std::size_t write_results(io::Writer& out, const std::vector<std::string>& key,
                          const std::vector<double>& levels,
                          const std::function<std::vector<Result>(double)>& at_level);

void warn_notes(Diagnostics& diagnostics, std::size_t noted);

void run_survey(const TableOptions& options, io::Reader& reader, io::Writer& writer,
                Diagnostics& diagnostics);

}  // namespace heq::measures::detail
