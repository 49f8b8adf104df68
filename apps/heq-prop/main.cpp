// heq-prop: proportions with Wilson score limits, row by row or per --by group.
#include "cli/tool.hpp"
#include "tables/rates.hpp"

namespace {

constexpr const char* kSummary =
    "heq-prop: proportions (count / denominator x multiplier) with Wilson score limits, as\n"
    "PHEindicatormethods::phe_proportion computes them.";

constexpr const char* kExamples = R"(  # Obesity prevalence in percent for every row
  heq-prop ncmp.csv --count obese --population measured --multiplier 100
  # Per decile, then the SII of the proportion on the logit scale, high is bad
  heq-prop ncmp.csv --by decile --count obese --population measured \
    | heq-sii --quantile decile --type proportion --transform --multiplier -100)";

constexpr const char* kDetails = R"(Method: value = x / n x multiplier. Wilson score limits:
  (2x + z^2 -+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)), times the multiplier.

Rows: a missing count or denominator gives empty values and a note; a negative count, a
  denominator of 0 or less, or a count above its denominator stops the run (exit 1)
  naming the cell.

Output: without --by, every input column, then value, lowercl, uppercl (several levels:
  lower95_0cl, ...), note. With --by: the --by columns, the summed count and
  denominator, then the same result columns.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-prop", kSummary, kExamples, kDetails);
  tool.add_grouping();
  tool.add_split_threads();
  heq::rates::CountOptions o;
  o.statistic = heq::rates::CountStatistic::proportion;
  o.multiplier = 1;
  tool.add_columns({{"--count", o.count, "Successes (numerator) column"},
                    {"--population", o.population, "Denominator column"}});
  tool.add_value("--multiplier", o.multiplier, "M", "Scale (100 for percentages)");
  return tool.run_tool(argc, argv, o, heq::rates::run_counts);
}
