// heq-funnel: funnel plot significance per point, or the funnel's control limits.
#include "cli/funnel_options.hpp"
#include "cli/tool.hpp"
#include "tables/funnel.hpp"

namespace {

constexpr const char* kSummary =
    "heq-funnel: funnel plot control limits (2 and 3 sigma) and each point's significance,\n"
    "for proportions, ratios and rates, as PHEindicatormethods 1.4 computes them.";

constexpr const char* kExamples =
    R"(  # Each area's significance against the funnel of all areas (proportions)
  heq-funnel screening.csv --count screened --population eligible
  # The 100-point control limits to draw the funnel
  heq-funnel screening.csv --count screened --population eligible --limits
  # Standardised ratios: observed against expected
  heq-funnel smr.csv --type ratio --count observed --expected expected
  # Limits widened for overdispersion (random effects, as SHMI funnel plots)
  heq-funnel smr.csv --type ratio --count observed --expected expected --overdispersion additive
  # Directly standardised rates from heq-dsr (value per 100,000), 3 years of data
  heq-dsr deaths.csv --by area --age ageband \
    | heq-funnel --type rate --count total_count --years 3)";

constexpr const char* kDetails =
    R"(Proportions: the limits invert Wilson's score at z = qnorm(0.975) (2 sigma) and
  qnorm(0.999) (3 sigma) around the average Σx / Σn; limits are kept within 0 and the
  multiplier (100 by default; the package clips at 100 whatever the multiplier, which
  --compat phe reproduces).
Ratios (observed / expected) and rates: exact Poisson limits, found by bisection on
  v in (0, 1), mean = (1 + O) v / (1 - v), the step halving from 0.5 to below 1e-7;
  ratio limits are observed / mean (x 100 with --ratio-type isr, - 1 with count);
  rate limits are events over the population a mean implies at the average rate.
Significance: High or Low at 0.025 or 0.001 when the point lies beyond a limit, else
  Not significant. Ratios test 1, rates the group's weighted average, against the
  point's exact (below 10 events) or Byars' limits. DSRs with fewer than 10 events are
  not tested (a note). A rate implies its denominator as count / rate x multiplier;
  a crude rate with 0 events needs --population.
Overdispersion (--overdispersion multiplicative|additive; Spiegelhalter 2005, as NHS
  funnel plots and FunnelPlotR use it): each point's z-score on a variance-stabilising
  scale (proportions asin(sqrt(x/n)), s = 1/(2 sqrt n), target asin(sqrt(average));
  ratios and rates sqrt(O/E), s = 1/(2 sqrt E), target 1, E = expected events, for
  rates the average rate times the point's denominator), winsorised at the --winsorise
  (0.1) and 1 - 0.1 quantiles; phi = mean z^2; tau^2 = (I phi - (I - 1)) / (sum w -
  sum w^2 / sum w), w = 1/s^2, at least 0 (DerSimonian-Laird). Multiplicative limits:
  target +- z sqrt(phi) s; additive: target +- z sqrt(s^2 + tau^2), back-transformed;
  points are tested against the same limits. Where the data show no overdispersion
  (phi <= 1, or tau^2 = 0) the exact limits above stay, as FunnelPlotR does. The output
  adds phi, tau2 and limits (which were used).
The axis (--limits): 100 points from 0 (or the smallest denominator rounded down when
  the largest is under twice it) to the largest rounded up, geometrically spaced.

Output: every input row with significance and note appended (rates with --years also
  get rate_chart and denominator_derived, per year, for plotting); with --limits, per
  group: population | observed_events | events, then lower_2s, upper_2s, lower_3s and
  upper_3s (each _limit, with _exp_events or _population_1_year for ratios and rates),
  and baseline (proportions, rates); with --overdispersion, phi, tau2 and limits.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-funnel", kSummary, kExamples, kDetails);
  tool.add_by(heq::cli::Tool::Sorted::no, "Group columns: one funnel per group");
  heq::rates::FunnelOptions o;
  heq::cli::add_funnel_options(tool.app(), o);
  tool.add_flag("--limits", o.limits, "Write the funnel's control limits instead of the points");
  return tool.run_tool(argc, argv, o, heq::rates::run_funnel);
}
