#pragma once
// heq-measures' table layer: one setting per --by group, its subgroups' rows in, one row
// per measure out (long format).
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "measures/measures.hpp"
#include "tables/grouping.hpp"

#include <optional>
#include <string>
#include <vector>

namespace heq::measures {

struct TableOptions {
  // Column names; defaults follow WHO's HEAT Plus upload template.
  std::string estimate = "estimate";
  std::string se = "se";
  std::string population = "population";
  std::string subgroup = "subgroup";
  std::string order = "subgroup_order";
  std::string reference = "reference_subgroup";
  std::string favourable = "favourable_indicator";
  std::string scale = "indicator_scale";
  std::string ordered = "ordered_dimension";
  std::string setting_average = "setting_average";
  // Values for the whole input instead of columns.
  std::optional<bool> favourable_value, ordered_value;
  std::optional<double> scale_value;
  // Individual-level survey data, when `outcome` is set: one row per respondent. The
  // design columns are required when named, else used when a column of the default name
  // ("weight", "psu", "strata") exists (without: weight 1, each respondent its own PSU,
  // one stratum).
  std::optional<std::string> outcome, weight, psu, strata, fpc;
  std::vector<std::string> measures;  // empty: all that apply
  Grouping grouping;
  Options method;
  std::uint64_t seed = 20240101;
};

void run_measures(const TableOptions& options, io::Reader& reader, io::Writer& writer,
                  Diagnostics& diagnostics);

}  // namespace heq::measures
