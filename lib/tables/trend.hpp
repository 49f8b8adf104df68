#pragma once
// heq-trend's table layer: one row per --by group with the weighted linear trend over
// its points and the Fingertips recent-trend marker on its five most recent.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <optional>
#include <string>
#include <vector>

namespace heq::tables {

struct TrendOptions {
  std::string time = "year";
  Grouping grouping;
  bool proportion = false;  // --type proportion: counts of denominators
  std::string count = "count", denominator = "denominator";
  std::string value = "value", lower, upper, se;  // lower/upper empty: found by name
  std::optional<double> input_level;
  bool log = false;         // the linear trend on the log scale: annual percent change
  std::size_t points = 0;   // the linear trend over the last N points; 0: all
  double multiplier = 1;    // values per unit (the branch divides values by it)
  bool compat_phe = false;  // ... and not the limits, and the marker's times are the
                            // points' positions 1..5, as the branch has them
};

void run_trend(const TrendOptions& options, io::Reader& reader, io::Writer& writer,
               Diagnostics& diagnostics);

}  // namespace heq::tables
