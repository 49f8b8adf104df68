// heq-plot: report-ready SVG charts of gradients, values, trends, gap decompositions
// and funnels, from the CSV the other heq tools read or write.
#include "cli/plot_command.hpp"

namespace {

constexpr const char* kSummary =
    "heq-plot: standalone SVG charts (no scripts, fonts or links) of the gradient the SII\n"
    "summarises, values by subgroup, trends, gap decompositions and funnel plots.";

constexpr const char* kExamples =
    R"(  # LE by decile with its fitted SII line, SII and RII in the caption
  heq-life deaths.csv --by area,sex,decile --le-age 0 --where area=Northfield,sex=female \
    | heq-plot sii --quantile decile --population pops_used --units years -o gradient.svg
  # LE by decile, men and women side by side
  heq-plot values le.csv --x decile --series sex --where area=Northfield --units years > le.svg
  # The gap decomposed by age and cause, one chart per area and sex
  heq-decompose deaths_by_cause.csv --by area,sex --group decile --from 1 --to 10 --cause cause \
    | heq-plot decompose --by area,sex --units years --output-dir charts/
  # A trend with its confidence band, one line per sex
  heq-plot trend le_trend.csv --time year --series sex --units years -o trend.svg
  # Screening coverage against its funnel, areas named in the tooltips
  heq-plot funnel screening.csv --count screened --population eligible --label area -o funnel.svg)";

constexpr const char* kDetails = R"(Charts (heq-plot CHART --help lists each chart's own options):
  sii        quantile values with limits at their relative ranks, over shaded columns
             as wide as their population shares, and the fitted SII line; SII and RII
             with limits in the caption. Reads heq-sii's input with heq-sii's options.
  values     any estimate by subgroup (--x) with its limits, one colour per --series.
  trend      estimates over --time, one line per --series, limits as a band.
  decompose  heq-decompose's output: a bar per age band (or per cause with
             --sum-over age), stacked by cause, the total gap in the subtitle.
  funnel     points against 95% and 99.8% control limits, coloured by significance.
             Reads heq-funnel's input with heq-funnel's options.

One chart per run, to standard output or -o FILE: when the input holds several groups,
  keep one with --where, or give --by COLS --output-dir DIR for one file per group
  (named from the group's values, made safe), listed on standard output as CSV
  (the --by columns and file).

Look: Okabe-Ito colour-blind-safe colours, nice tick steps, axis titles from the column
  names (with --units), a subtitle from the group and the data, text sized for print.
  Value axes fit the data (--y-min, --y-max; decompose's bars always show zero).
  Hovering a point in a browser shows its figures. The same input gives the same bytes.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-plot", kSummary, kExamples, kDetails);
  heq::cli::PlotCommand plot(tool);
  return tool.run(argc, argv, [&] { plot.run(); });
}
