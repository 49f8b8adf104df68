#pragma once
// heq-aggregate's table layer: small-area rows (LSOA x sex x age band) summed into the
// groups an analysis needs (decile, local authority, England), with a lookup joined on
// a key column first. Additive: memory follows the number of groups, not of rows.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace heq::tables {

struct AggregateOptions {
  Grouping grouping;             // by: from the input, or from the lookup
  std::vector<std::string> sum;  // input columns summed within each group
  io::ReaderOptions lookup;      // the caller clears path when there is no lookup
  std::string on;                // the key column, in both the input and the lookup
  bool drop_unmatched = false;   // else a key missing from the lookup is an error
  bool sort = false;             // groups ordered by key (numbers as numbers)
};

void run_aggregate(const AggregateOptions& options, io::Reader& reader, io::Writer& writer,
                   Diagnostics& diagnostics);

}  // namespace heq::tables
