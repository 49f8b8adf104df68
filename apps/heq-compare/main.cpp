// heq-compare: every area against a benchmark, as Fingertips compares them.
#include "cli/tool.hpp"
#include "tables/compare.hpp"

namespace {

constexpr const char* kSummary =
    "heq-compare: compares every row with its benchmark (England, a region, an area's own\n"
    "overall value) as OHID Fingertips does: Better, Similar, Worse, or quintiles.";

constexpr const char* kExamples =
    R"(  # Every local authority's LE against England's, by sex (95% intervals)
  heq-compare le_by_area.csv --area area --benchmark England --match sex --polarity high-good
  # At 99.8%, against a benchmark kept in its own file
  heq-compare rates.csv --match sex,year --benchmark-file england.csv --method ci998 --polarity low-good
  # The inequality breakdown: each decile against its area's overall row
  heq-compare by_decile.csv --area decile --benchmark All --match area,sex
  # Quintiles of the areas (no limits needed)
  heq-compare le_by_area.csv --benchmark England --match sex --method quintiles --polarity high-good)";

constexpr const char* kDetails =
    R"(Benchmark: the rows whose --area is --benchmark VALUE, in the same input, or the rows of
  --benchmark-file (those whose --area is VALUE, when given); each row is matched to the
  benchmark row with the same --match values. Two benchmark rows for one match are an
  error. The benchmark's own rows are not compared with themselves (compared is empty).

Methods (Fingertips' "CI overlapping reference value"): --method ci95 or ci998 compares
  the row's 95% or 99.8% interval with the benchmark's value (not its interval): upper
  limit below it, lower; lower limit above it, higher; else Similar. The limits must be
  the method's level (lowercl is 95%; lower99_8cl is 99.8%): another level is an error.
  --polarity high-good or low-good turns higher/lower into Better/Worse; none (default)
  gives Higher/Lower; --polarity-column reads it per row (many indicators in one file;
  "High is good", "Low is good", "No judgement" are read too). A row without limits or benchmark is "Not compared".
  --method quintiles: the rows of each match group (the benchmark aside, missing values
  aside) ranked by value into five groups as SQL NTILE(5) (ties in row order; the first
  n mod 5 groups one larger): Lowest, Lower, Similar, Higher, Highest, or with polarity
  Worst, Worse, Middle, Better, Best (FingertipsNext's words).

Output: every input column, then benchmark_value and compared.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-compare", kSummary, kExamples, kDetails);
  heq::tables::CompareOptions o;
  std::string benchmark_file;
  tool.add_column("--area", o.area, "The column naming each row's area (or decile, or subgroup)");
  tool.add_named("--benchmark", o.benchmark, "VALUE",
                 "The benchmark's value of --area (e.g. England)");
  tool.add_list("--match", o.match, "COLS",
                "Columns a row and its benchmark share (e.g. sex,year)");
  tool.add_named("--benchmark-file", benchmark_file, "FILE",
                 "The benchmark rows in their own file");
  tool.add_columns(
      {{"--value", o.value, "Value column"},
       {"--lcl", o.lower, "Lower limit column (default: found by name at the method's level)"},
       {"--ucl", o.upper, "Upper limit column"}});
  using heq::tables::CompareMethod;
  using heq::tables::Polarity;
  tool.add_choice("--method", o.method,
                  {{"ci95", CompareMethod::ci95},
                   {"ci998", CompareMethod::ci998},
                   {"quintiles", CompareMethod::quintiles}},
                  "ci95, ci998 or quintiles", "METHOD");
  tool.add_choice("--polarity", o.polarity,
                  {{"high-good", Polarity::high_good},
                   {"low-good", Polarity::low_good},
                   {"none", Polarity::none}},
                  "high-good, low-good or none", "POLARITY");
  tool.add_column(
      "--polarity-column", o.polarity_column,
      "Per-row polarity (high-good, low-good, none; or Fingertips' words), for many indicators");
  return tool.run_tool(argc, argv, o, heq::tables::run_compare, [&] {
    o.benchmark_file.path.clear();
    if (!benchmark_file.empty()) o.benchmark_file = tool.side_input(benchmark_file);
  });
}
