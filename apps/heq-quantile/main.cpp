// heq-quantile: assigns areas to quantiles within --by groups.
#include "cli/tool.hpp"
#include "tables/quantile.hpp"

namespace {

constexpr const char* kSummary =
    "heq-quantile: assigns areas to quantiles of a value within groups, as\n"
    "PHEindicatormethods::phe_quantile does (e.g. local deprivation deciles).";

constexpr const char* kExamples =
    R"(  # England's national IMD deciles, as the IoD publishes them (decile 1 = most deprived)
  heq-quantile lsoa_scores.csv --value imd_score --method imd --name decile
  # Local deciles of IMD score within each local authority (PHE's rule); 1 = highest score
  heq-quantile lsoas.csv --by la --value imd_score
  # Quintiles with quintile 1 holding the lowest values
  heq-quantile areas.csv --value income --quantiles 5 --no-invert
  # The direction per indicator, from a TRUE/FALSE column
  heq-quantile indicators.csv --by indicator,region --value value --invert-column low_is_good)";

constexpr const char* kDetails =
    R"(--method imd (the official national deciles): rank 1 = the most deprived (highest
  value; --no-invert: lowest), N = the values present, quantile = ceil(rank x Q / N),
  tied values sharing the lowest rank. This is the rule the English Indices of
  Deprivation use: in IoD2015 decile 1 holds 3,284 of England's 32,844 LSOAs. Use it on
  the national ranks or scores of every LSOA, without --by.

--method phe (default), PHEindicatormethods::phe_quantile: within a group, k = the number of values present; rank r with ties taking the
  lowest rank, on the values or, inverted (the default), on max - value so that
  quantile 1 holds the highest values; quantile = floor((Q + 1) - ceiling(((k + 1) - r)
  / (k / Q))), and 0 becomes 1. A group with fewer than Q values gets no quantiles (a
  note on its rows and a warning); a missing value gets none ("no value").

--invert-column takes TRUE/FALSE (also true/false, T/F, 1/0, yes/no) and must be the
  same throughout a group.

Output: every input row, in input order, with quantile (or the --name column) and note
  appended.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-quantile", kSummary, kExamples, kDetails);
  tool.add_by(heq::cli::Tool::Sorted::no,
              "Group columns: quantiles are assigned within each group");
  heq::rates::QuantileOptions o;
  bool no_invert = false;
  tool.add_column("--value", o.value, "Values column");
  tool.add_value("--quantiles", o.quantiles, "Q", "Number of quantiles");
  tool.add_flag("--no-invert", no_invert,
                "Quantile 1 holds the lowest values (default: the highest)");
  tool.add_column("--invert-column", o.invert_column, "Per-row TRUE/FALSE: invert this group");
  tool.add_choice("--method", o.imd, {{"phe", false}, {"imd", true}},
                  "phe (phe_quantile's rule) or imd (the IoD's national deciles)", "METHOD");
  tool.add_value("--name", o.name, "COL", "Name of the output column (e.g. decile)");
  return tool.run_tool(argc, argv, o, heq::rates::run_quantile, [&] { o.invert = !no_invert; });
}
