// heq-aggregate: sums of small-area rows within groups, with a lookup joined first.
#include "cli/tool.hpp"
#include "tables/aggregate.hpp"

namespace {

constexpr const char* kSummary =
    "heq-aggregate: sums count columns within groups, joining a lookup first (LSOA rows\n"
    "to deprivation deciles, local authorities, or England).";

constexpr const char* kExamples =
    R"(  # LSOA deaths and populations to deciles within each area, then LE and its SII
  heq-aggregate lsoa_deaths.csv --lookup lsoa_imd.csv --on lsoa \
      --by area,sex,decile,startage --sum deaths,population --sort \
    | heq-life --by area,sex,decile --le-age 0 | heq-sii --by area,sex --quantile decile
  # England's table: every area summed
  heq-aggregate lsoa_deaths.csv --by sex,startage --sum deaths,population --sort
  # Keep going past LSOAs the lookup lacks (they are counted in a warning)
  heq-aggregate lsoa_deaths.csv --lookup lsoa_la.csv --on lsoa --by la --sum deaths --unmatched drop)";

constexpr const char* kDetails =
    R"(Sums: each --sum column is added up within each --by group (without --by: one row of
  totals). Zero populations are fine. A missing value in a summed column makes that
  group's sum empty, with a note naming the column and how many rows lacked it (never
  a silent 0). Whole-number sums are written as whole numbers.

Lookup: --lookup FILE --on COL joins every row to the lookup row with the same COL
  value; any lookup column may then be a --by column (an input column of the same name
  wins). A key missing from the lookup is an error naming it and its line (--unmatched
  drop leaves such rows out and says how many); a key twice in the lookup is an error.

Order: groups in input order (after a lookup that is the LSOAs' order, not the
  deciles'); --sort orders them by key, numbers as numbers (1, 2, ..., 10; ages 0, 1,
  5, ...) and before text. --sorted streams input whose groups are contiguous.

Output: the --by columns, the --sum columns under their own names, rows (input rows in
  the group), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-aggregate", kSummary, kExamples, kDetails);
  tool.add_by();
  heq::tables::AggregateOptions o;
  std::string lookup;
  tool.add_list("--sum", o.sum, "COLS", "Columns to add up within each group")->required();
  tool.add_named("--lookup", lookup, "FILE",
                 "Lookup file joined on --on (e.g. LSOA -> decile, LA)");
  tool.add_column("--on", o.on, "The key column in the input and the lookup");
  tool.add_choice("--unmatched", o.drop_unmatched, {{"error", false}, {"drop", true}},
                  "A key the lookup lacks: error, or drop the row", "error|drop");
  tool.add_flag("--sort", o.sort, "Order groups by key (numbers as numbers)");
  return tool.run_tool(argc, argv, o, heq::tables::run_aggregate, [&] {
    o.lookup.path.clear();
    if (!lookup.empty()) o.lookup = tool.side_input(lookup);
  });
}
