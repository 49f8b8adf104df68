// heq-isr: indirectly standardised ratios (or rates), per --by group.
#include "cli/tool.hpp"
#include "tables/isr.hpp"

namespace {

constexpr const char* kSummary =
    "heq-isr: indirectly standardised ratios (SMRs) and rates, as PHEindicatormethods\n"
    "calculate_ISRatio and calculate_ISRate compute them.";

constexpr const char* kExamples =
    R"(  # Reference counts and populations as columns beside each area's age bands
  heq-isr deaths.csv --by area --ref-count refcount --ref-population refpop
  # An SMR x 100 against a separate reference file joined on the age band
  heq-isr deaths.csv --by area --age ageband --reference england.csv \
    --ref-count deaths --ref-population pop --multiplier 100
  # The indirectly standardised rate per 100,000
  heq-isr deaths.csv --by area --ref-count refcount --ref-population refpop --rate
  # Observed totals from their own file (no counts by age needed)
  heq-isr pops.csv --by area --ref-count refcount --ref-population refpop \
    --observed totals.csv --observed-count deaths
  # Observed and expected counts as Fingertips publishes them
  heq-isr smr.csv --by area --count observed --expected expected --multiplier 100)";

constexpr const char* kDetails =
    R"(Method: E = sum over bands of ref_count / ref_population x population; O = the
  group's count, or its total from --observed. Ratio = O / E x M (M = --multiplier,
  default 1); rate (--rate) = O / E x sum(ref_count) / sum(ref_population) x M (default
  100,000). Limits: exact Poisson below 10 events, Byars' from 10, over E, scaled alike.
  Missing counts are read as 0, as the UK method does, and counted in a warning.

The reference: --ref-count and --ref-population name columns of the data, or, with
  --reference FILE and --age COL (--ref-age if the file names it differently), columns
  of that file joined on the age band's start (labels such as 0-4 or 90+ work); a band
  missing from it is an error.
--expected COL: expected events per row (summed within a group), instead of the
  reference; the ratio only (--rate needs the reference rate).
--observed FILE joins totals on the --by columns (--observed-count names the column);
  a group without one keeps its row with a note.

Output: the --by columns, observed, expected, value, lowercl, uppercl (several levels:
  lower95_0cl, ...), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-isr", kSummary, kExamples, kDetails);
  tool.add_grouping();
  heq::rates::IsrOptions o;
  tool.add_columns(
      {{"--count", o.count, "Observed events column"},
       {"--population", o.population, "Population column"},
       {"--ref-count", o.ref_count, "Reference events column"},
       {"--ref-population", o.ref_population, "Reference population column"},
       {"--age", o.age, "Age band column (joins --reference)"},
       {"--ref-age", o.ref_age, "Age band column of --reference (default: as --age)"},
       {"--observed-count", o.observed_count, "Observed totals column of --observed"},
       {"--expected", o.expected,
        "Expected events column (as Fingertips publishes them), instead of reference rates"}});
  tool.add_named("--reference", o.reference, "FILE",
                 "Reference file with the age band and reference columns");
  tool.add_named("--observed", o.observed, "FILE",
                 "Observed totals file, joined on the --by columns");
  tool.add_flag("--rate", o.rate, "Give the indirectly standardised rate instead of the ratio");
  tool.add_named("--multiplier", o.multiplier, "M", "Scale (ratio default 1, rate default 100000)");
  return tool.run_tool(argc, argv, o, heq::rates::run_isr, [&] {
    const auto r = tool.reader_options();
    o.delimiter = r.delimiter;
    o.na = r.na_tokens;
  });
}
