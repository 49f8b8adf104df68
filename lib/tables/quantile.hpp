#pragma once
// heq-quantile's table layer: ranks the values within each --by group and writes every
// input row, in input order, with its quantile (and a note where it has none).
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace heq::rates {

struct QuantileOptions {
  std::string value = "value";
  int quantiles = 10;
  bool invert = true;         // quantile 1 holds the highest values
  std::string invert_column;  // per-row TRUE/FALSE, constant within a group
  Grouping grouping;
  bool imd = false;               // the IoD's national rule instead of phe_quantile's
  std::string name = "quantile";  // the output column
};

void run_quantile(const QuantileOptions& options, io::Reader& reader, io::Writer& writer,
                  Diagnostics& diagnostics);

// TRUE/FALSE, true/false, T/F, 1/0, yes/no; anything else is not a logical.
bool parse_logical(std::string_view text, bool& out);

}  // namespace heq::rates
