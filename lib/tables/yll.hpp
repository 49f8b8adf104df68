#pragma once
// heq-yll's table layer: deaths by age band (or one row per death) per --by group, the
// years each death loses, and YLL totals, crude and directly standardised rates.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "rates/yll.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace heq::rates {

struct YllOptions {
  std::string age = "startage";  // age band (or single age) column
  std::string deaths = "deaths";
  std::string population = "population";
  std::string death_age;    // one row per death: the age at death column (instead of bands)
  bool exact_ages = false;  // death ages are exact; else completed years (+ 0.5)
  YllWindow window;
  // Expected YLL: remaining life expectancy at the age of death from this table.
  io::ReaderOptions life_table;  // path empty: potential years to window.limit
  std::string table_age = "startage", table_e = "ex";
  std::vector<std::string> match;  // columns the table shares with the input (sex)
  std::string stdpop;              // weights column; empty: --standard
  std::string standard = "esp2013";
  double multiplier = 100000;
  Grouping grouping;
};

void run_yll(const YllOptions& options, io::Reader& reader, io::Writer& writer,
             Diagnostics& diagnostics);

}  // namespace heq::rates
