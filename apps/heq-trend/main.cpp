// heq-trend: the trend of any estimate over time, and Fingertips' recent-trend marker.
#include "cli/tool.hpp"
#include "tables/trend.hpp"

namespace {

constexpr const char* kSummary =
    "heq-trend: the linear trend of an estimate over time with its limits, and the OHID\n"
    "Fingertips recent-trend marker (Increasing, Decreasing, No significant change).";

constexpr const char* kExamples =
    R"(  # The SII of life expectancy by year, then its trend (one pipe)
  heq-life deaths.csv --by year,sex,decile --le-age 0 \
    | heq-sii --by year,sex --quantile decile --population pops_used \
    | heq-trend --by sex --time year --value sii
  # A proportion's trend from counts and denominators (the chi-squared test for trend)
  heq-trend screening.csv --by area --time year --type proportion --count screened --denominator eligible
  # Rates: the annual percent change over the last 10 points
  heq-trend dsr.csv --by area --time year --log --points 10)";

constexpr const char* kDetails =
    R"(Recent trend (Fingertips' marker, PHEindicatormethods assign_trend_markers): per group,
  sorted by time, in this order: repeated times -> "Cannot be calculated" ("Duplicate years
  in group"); overlapping periods (2017-19, 2018-20) -> "Overlapping periods" (Fingertips
  tests independent periods only); fewer than 5 points -> "Not enough data points"; then
  the 5 most recent points: a missing count, denominator or value -> "Missing values", a
  missing limit -> "Missing at least one confidence interval value". The statistic X^2:
  proportions, the chi-squared test for trend N (N A - C B)^2 / (C (N - C) (N Q - B^2))
  (N = sum n, C = sum O, A = sum O t, B = sum n t, Q = sum n t^2); other types, the
  weighted regression of value on time with w = 1/se^2, se = (upper - lower) / (2 z),
  X^2 = slope^2 / var(slope). X^2 > 9.5495 (99.8%) is significant unless leaving any one
  point out turns the slope's sign ("No significant change", "Outlier found"); else
  "Increasing" or "Decreasing" ("No outliers and significant trend") by the sign of the
  5-point slope (proportions: the unweighted slope of logit(O/n)). X^2 <= 9.5495: "No
  significant change", "No significant trend".

Linear trend (slope, slope_lowercl, slope_uppercl): the same weighted regression over all
  the group's points (or the last --points N), change per time unit on the value's scale;
  limits slope +- z se at --confidence. --log: on log(value) with se from the log limits,
  reported as the percent change per time unit, 100 (exp(slope) - 1). Proportions: the
  percentage O/n x 100 with the binomial se. Limits carry their level as everywhere in heq
  (lowercl = 95%, lower99_8cl = 99.8%; --input-confidence where names do not say it).

Time: years (2019) or periods (2017-19, 2019/20 for April to March, 2019 Q2), sorted as
  times; from and to are the first and last as written. --type proportion without a
  count or denominator column derives it from the value as a percentage.

Differences from the branch, on purpose (--compat phe reproduces both): the marker's
  times are the times, so a missing year (2014, 2016) is a gap of two (the branch numbers
  the 5 points 1 to 5); --multiplier divides the values and their limits (the branch
  divides the values only, so its X^2 shrinks by the multiplier squared).

Output: the --by columns, from, to, points, slope, slope_lowercl, slope_uppercl (several
  levels: slope_lower95_0cl, ...), statistic, trend, reason, note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-trend", kSummary, kExamples, kDetails);
  tool.add_grouping();
  tool.add_input_confidence();
  heq::tables::TrendOptions o;
  tool.add_column("--time", o.time, "Time column: years or periods");
  tool.add_choice("--type", o.proportion, {{"proportion", true}, {"other", false}},
                  "proportion (counts of denominators) or other (a value with limits)");
  tool.add_columns({{"--count", o.count, "Count column (--type proportion)"},
                    {"--denominator", o.denominator, "Denominator column (--type proportion)"},
                    {"--value", o.value, "Value column"},
                    {"--lcl", o.lower, "Lower limit column (default: found by name)"},
                    {"--ucl", o.upper, "Upper limit column"},
                    {"--se", o.se, "Standard error column (instead of the limits)"}});
  tool.add_flag("--log", o.log,
                "Linear trend on the log scale: percent change per time unit (rates, ratios)");
  tool.add_named("--points", o.points, "N", "Linear trend over the last N points (default: all)");
  tool.add_value("--multiplier", o.multiplier, "M", "Values per unit (e.g. 100 for percentages)");
  tool.add_compat(
      "phe", o.compat_phe,
      "phe: the branch's marker (times 1..5; values but not limits divided by --multiplier)");
  return tool.run_tool(argc, argv, o, heq::tables::run_trend);
}
