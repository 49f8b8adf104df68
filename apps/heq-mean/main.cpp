// heq-mean: means with Student's t limits, per --by group (or the whole input).
#include "cli/tool.hpp"
#include "tables/rates.hpp"

namespace {

constexpr const char* kSummary =
    "heq-mean: means with Student's t confidence limits, as PHEindicatormethods::phe_mean\n"
    "computes them.";

constexpr const char* kExamples = R"(  # The mean of one value column over the whole input
  heq-mean scores.csv --value score
  # Per area, 95% and 99.8% limits
  heq-mean scores.csv --by area --value score --confidence 95,99.8)";

constexpr const char* kDetails =
    R"(Method: value = sum / k over the k values present; limits value +- |t((1-c)/2; k-1)|
  sd / sqrt(k), with sd using the k - 1 divisor. One value gives no limits (a note).
  Missing values are left out and counted in a warning.

Output: the --by columns, value_sum, value_count, stdev, value, lowercl, uppercl
  (several levels: lower95_0cl, ...), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-mean", kSummary, kExamples, kDetails);
  tool.add_grouping();
  heq::rates::MeanOptions o;
  tool.add_column("--value", o.value, "Values column");
  return tool.run_tool(argc, argv, o, heq::rates::run_mean);
}
