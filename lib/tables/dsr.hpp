#pragma once
// heq-dsr's table layer: age bands per --by group, standard weights from a column or
// from a built-in standard joined on each band's start age, optional event frequencies
// for non-independent events, one DSR row per group.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace heq::rates {

struct DsrOptions {
  std::string count = "count";
  std::string population = "population";
  std::string stdpop;  // weights column; empty: the built-in --standard
  std::string age;     // age band column (needed for --standard and --frequency)
  std::string standard = "esp2013";
  std::string frequency;  // events per person column: rows count persons
  Grouping grouping;
  double multiplier = 100000;
};

void run_dsr(const DsrOptions& options, io::Reader& reader, io::Writer& writer,
             Diagnostics& diagnostics);

}  // namespace heq::rates
