// heq-dsr: directly standardised rates with Dobson limits, per --by group.
#include "cli/standard_options.hpp"
#include "cli/tool.hpp"
#include "tables/dsr.hpp"

namespace {

constexpr const char* kSummary =
    "heq-dsr: directly standardised rates with Dobson limits, as\n"
    "PHEindicatormethods::calculate_dsr computes them.";

constexpr const char* kExamples =
    R"(  # Deaths and populations by age band, standardised to ESP2013 joined on the band
  heq-dsr deaths.csv --by area,sex --age ageband --count deaths --population pop
  # The 1976 European Standard Population, 95% and 99.8% limits
  heq-dsr deaths.csv --by area --age ageband --standard esp1976 --confidence 95,99.8
  # Your own standard population in a column
  heq-dsr deaths.csv --by area --stdpop stdpop
  # Non-independent events: rows count persons who had `freq` events each
  heq-dsr admissions.csv --by area --age ageband --frequency freq --count persons)";

constexpr const char* kDetails = R"(Method: DSR = M sum(x w / n) / sum(w) over age bands; variance
  V = sum(x (w / n)^2) / sum(w)^2; Dobson's limits DSR + sqrt(V / O) (Byars(O) - O) M,
  O = sum(x). Fewer than 10 events in total: no values, a note (the UK rule). Missing
  counts are read as 0, as the UK method does, and counted in a warning.

Standard populations: --stdpop COL, or --age COL with --standard esp2013 (default) or
  esp1976, joined on each band's start age, never by position. Labels such as 0-4,
  85-89, 90+ or plain start ages work; each band runs to the next band's start, and the
  last is open unless its label ends (70-74 makes "under 75" work). ESP2013 is held as
  Eurostat's 21 bands, so 0 and 1-4 apart or together, 90-94 and 95+, or an 85+ layout
  all get their weights; a band that does not start and end on the standard's edges
  is an error naming it.

Non-independent events (--frequency COL): each row holds the persons (--count) who had
  that many events, with the band's population repeated; events = sum f x, and the
  variance uses sum f^2 x. A band whose rows disagree on population is an error.

Errors (exit 1): a negative count, a population of 0 or less, a negative standard
  population, an age band twice in a group (without --frequency).

Output: the --by columns, total_count, total_pop, value, lowercl, uppercl (several
  levels: lower95_0cl, ...), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-dsr", kSummary, kExamples, kDetails);
  tool.add_grouping();
  heq::rates::DsrOptions o;
  tool.add_columns(
      {{"--count", o.count, "Events (or persons, with --frequency) column"},
       {"--population", o.population, "Population column"},
       {"--age", o.age, "Age band column, to join a built-in standard"},
       {"--frequency", o.frequency, "Events per person column (non-independent events)"}});
  heq::cli::add_standard_options(tool, o.stdpop, o.standard, o.multiplier);
  return tool.run_tool(argc, argv, o, heq::rates::run_dsr);
}
