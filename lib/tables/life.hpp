#pragma once
// heq-life's table layer: finds the columns, reads age bands, groups them with --by,
// applies the suppression rules, builds each group's life table and writes one row per
// group and start age (or the whole table with --table).
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "life/chiang.hpp"
#include "tables/grouping.hpp"

#include <optional>
#include <string>
#include <vector>

namespace heq::life {

struct TableOptions {
  std::string age = "startage";
  std::string deaths = "deaths";
  std::string population = "population";
  Grouping grouping;
  std::vector<double> le_ages;  // empty: every start age
  Layout layout;
  double a0 = 0.1;
  // Death rates instead of deaths / population (populations then only give limits).
  std::string rate;  // empty: not used
  // a0 per group from a column (HMD's ax at age 0), or by a rule from m0 and --sex.
  std::string a0_column;
  std::optional<A0Rule> a0_rule;
  std::string sex = "sex";
  bool table = false;     // the full life table instead of LE with limits
  bool lifespan = false;  // e-dagger, Gini and Theil columns
};

std::vector<std::string> output_columns(const TableOptions& options);

void run_life(const TableOptions& options, io::Reader& reader, io::Writer& writer,
              Diagnostics& diagnostics);

// pops_used and dths_used: population and deaths from each band up.
void totals_from(const std::vector<Band>& bands, std::vector<double>& pops_used,
                 std::vector<double>& dths_used);

// Calls write(age, band, present) for every band, or, when `wanted` is not empty, for each
// wanted age in turn (present: some band starts there; band is then its index).
template <class Write>
void for_reported_ages(const std::vector<Band>& bands, const std::vector<double>& wanted,
                       Write&& write) {
  if (wanted.empty()) {
    for (std::size_t i = 0; i < bands.size(); ++i) write(bands[i].age, i, true);
    return;
  }
  for (double age : wanted) {
    std::size_t i = 0;
    while (i < bands.size() && bands[i].age != age) ++i;
    write(age, i, i < bands.size());
  }
}

// The start age in an age label: the label itself if it is a number, else its first
// whole number ("10-14" -> 10, "90+" -> 90), as PHEindicatormethods reads labels.
// Returns NaN when the label holds no digit.
double start_age(std::string_view label);

// --a0, the fraction of the first year lived by infants who die: a UsageError unless
// 0 < a0 < 1 (heq-life, heq-hle and heq-decompose share it).
void check_a0(double a0);

}  // namespace heq::life
