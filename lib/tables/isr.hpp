#pragma once
// heq-isr's table layer: expected events from reference rates (columns beside the data,
// or a reference file joined on the age band), observed totals from the data or from a
// separate file joined on the --by columns, one row per group.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace heq::rates {

struct IsrOptions {
  std::string count = "count";
  std::string population = "population";
  std::string ref_count;       // required
  std::string ref_population;  // required
  std::string reference;       // reference file; empty: ref columns are in the data
  std::string age;             // age band column, to join the reference file
  std::string ref_age;         // the reference file's age column; empty: the same name
  std::string observed;        // observed totals file; empty: sum the counts
  std::string observed_count = "observed";
  std::string expected;  // expected events column: instead of reference rates
  Grouping grouping;
  bool rate = false;
  double multiplier = 0;  // 0: 1 for ratios, 100000 for rates
  char delimiter = 0;     // for the extra files; 0: from their names
  std::vector<std::string> na{"NA"};
};

void run_isr(const IsrOptions& options, io::Reader& reader, io::Writer& writer,
             Diagnostics& diagnostics);

}  // namespace heq::rates
