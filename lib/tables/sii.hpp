#pragma once
// heq-sii's table layer: finds the columns, checks each row, groups rows with --by,
// runs the method on every group (on several threads) and writes one row per group.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "sii/sii.hpp"
#include "tables/grouping.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace heq::sii {

struct Columns {
  std::string quantile = "quantile";
  std::string population = "population";
  std::string value = "value";
  std::string lower = "lowercl";
  std::string upper = "uppercl";
  std::string se;     // empty: not used
  std::string count;  // empty: not used; else value = count / population (proportions)
  // Named on the command line (then a missing column is an error, not a fallback).
  bool value_given = false;
  bool lower_given = false;
  bool upper_given = false;
  std::optional<double> input_level;  // --input-confidence: the level of the limits read
};

struct TableOptions {
  Columns columns;
  Grouping grouping;
  Options method;
  std::size_t expected_quantiles = 0;  // 0: each group's own labels decide
};

// One group's quantiles as heq-sii reads and checks them, most deprived first.
struct Group {
  std::vector<std::string> key;
  std::vector<Quantile> quantiles;
  std::string note;  // why the group cannot be computed as it stands (empty: it can)
};

// Finds the columns and checks the options (then calls `on_ready` with where the
// quantiles' uncertainty comes from and the level of the limits read), reads and checks every row,
// and hands each --by group to `on_group` in input order. `on_group` may take the group's vectors.
ErrorSource read_groups(const TableOptions& options, io::Reader& reader,
                        const std::function<void(ErrorSource, double)>& on_ready,
                        const std::function<void(Group&)>& on_group);

// Output column names, in order.
std::vector<std::string> output_columns(const TableOptions& options);

void run_sii(const TableOptions& options, io::Reader& reader, io::Writer& writer,
             Diagnostics& diagnostics);

}  // namespace heq::sii
