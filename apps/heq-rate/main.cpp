// heq-rate: crude rates with exact or Byars limits, row by row or per --by group.
#include "cli/tool.hpp"
#include "tables/rates.hpp"

namespace {

constexpr const char* kSummary =
    "heq-rate: crude rates (count / population x multiplier) with confidence limits, as\n"
    "PHEindicatormethods::phe_rate computes them.";

constexpr const char* kExamples =
    R"(  # A rate per 100,000 for every row; all input columns pass through
  heq-rate deaths.csv --count deaths --population population
  # Per decile (counts and populations summed), then the SII on the log scale
  heq-rate deaths.csv --by decile --count deaths \
    | heq-sii --quantile decile --type rate --transform
  # Per 1,000, 95% and 99.8% limits
  heq-rate births.csv --multiplier 1000 --confidence 95,99.8)";

constexpr const char* kDetails =
    R"(Method: value = count / population x multiplier. Limits: exact Poisson limits below 10
  events (chi-squared quantiles: chi2((1-c)/2; 2x)/2 and chi2((1+c)/2; 2x+2)/2), Byars'
  approximation from 10: x (1 - 1/(9x) - z/(3 sqrt x))^3 and (x+1)(1 - 1/(9(x+1)) +
  z/(3 sqrt(x+1)))^3; both divided by the population and multiplied.

Rows: a missing count or population gives empty values and a note; a negative count or
  a population of 0 or less stops the run (exit 1) naming the cell. With --by, a group's
  total is missing if any of its rows is.

Output: without --by, every input column, then value, lowercl, uppercl (several levels:
  lower95_0cl, upper95_0cl, ...), note. With --by: the --by columns, the summed count and
  population (under their input names), then the same result columns.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-rate", kSummary, kExamples, kDetails);
  tool.add_grouping();
  tool.add_split_threads();
  heq::rates::CountOptions o;
  o.statistic = heq::rates::CountStatistic::rate;
  tool.add_columns({{"--count", o.count, "Events (numerator) column"},
                    {"--population", o.population, "Population (denominator) column"}});
  tool.add_value("--multiplier", o.multiplier, "M", "Rate per this many people");
  return tool.run_tool(argc, argv, o, heq::rates::run_counts);
}
