// heq-sii: slope and relative index of inequality, one row per --by group.
#include "cli/sii_options.hpp"
#include "cli/tool.hpp"
#include "tables/sii.hpp"

namespace {

constexpr const char* kSummary =
    "heq-sii: slope index of inequality (SII) and relative index of inequality (RII)\n"
    "across deprivation quantiles, as the UK's PHOF and ONS compute them.";

constexpr const char* kExamples =
    R"(  # LE by decile (value, lowercl, uppercl) -> SII per area and sex, 95% limits
  heq-sii le_by_decile.csv --by area,sex --quantile decile
  # The UK inequality-in-LE indicator as one pipe
  heq-life deaths.csv --by area,sex,decile --le-age 0 \
    | heq-sii --by area,sex --quantile decile --population pops_used
  # Rates fitted on the log scale, with the RII, 95% and 99.8% limits
  heq-sii rates.csv --type rate --transform --rii --confidence 0.95,0.998
  # Scotland's conventions: RII over the mean, regression limits, PAR
  heq-sii rates.csv --by sex --quantile simd --ci regression --rii --rii-method mean --par
  # "High is bad" prevalence in percentage points, exact limits
  heq-sii obesity.csv --type proportion --transform --multiplier -100 --ci analytic)";

constexpr const char* kDetails = R"(Method (PHEindicatormethods::phe_sii 2.1.0, restated):
  Quantile 1 is the most deprived. Within a group, quantiles are ordered by their
  numeric label; a_i = population share, b_i = relative rank (ridit) = cumulative share
  before i + a_i/2. The SII is the slope of the least-squares line of the values on b
  weighted by a (not by 1/se^2): the difference between the fitted values at the least
  and most deprived ends. RII = fitted(1) / fitted(0). The multiplier scales the SII;
  a negative multiplier flips polarity and inverts the RII.
  --type rate|proportion with --transform fits on the log|logit scale and back-
  transforms: SII = (g(b0+b1) - g(b0)) M, RII = g(b0+b1)/g(b0), intercept = g(b0)|M|.
  Standard errors: --se (on the log/logit scale for rates and proportions), else
  (T(upper) - T(lower)) / (2 z) from the limits, T = identity, log or logit, z for the
  limits' level (1.959964 at 95%).

Limits read: lowercl/uppercl are 95% limits; other levels are named in the columns
  (lower99_8cl/upper99_8cl, as heq-life --confidence 99.8 writes them), so the level is
  never guessed. With several levels in the input, --input-confidence picks one (else
  95%); it also states the level of columns named with --lcl/--ucl (default 95%).
  --count needs --type proportion.

Intervals:
  --ci mc (default): --reps draws of every quantile from Normal(value, se) (on the
  log/logit scale for rates and proportions), the line refitted to each, and the
  PHE order statistics round(R(1-c')) and round(R c'), c' = c + (1-c)/2. Where the
  line is linear in the values (--type normal, and every --transform), the fitted
  intercept and slope are drawn from their exact joint normal law instead: the same
  distribution at 1-2 draws per repetition. Seeded per group from --seed and the
  group's key, so results do not depend on threads or on the other groups.
  --ci analytic: slope +- z sd, exact where the SII is linear in the draws (--type
  normal; every --transform SII and RII); refused where it is not.
  --reliability: 10 x --reps draws in 10 blocks; limits from the first block and the
  mean absolute difference of the other blocks' limits (sii_mad...). Below 0.01
  supports 1 decimal place, below 0.001 supports 2, and so on.

Quantiles: each group uses its own labels (deciles and quintiles may share an input).
  Whole-number labels must run from 1 without gaps; --quantiles N requires exactly
  1..N. A group that cannot be computed keeps its row, with empty values and a note
  (a missing or empty quantile, fewer than 2 quantiles, a zero population, a value
  with no log/logit); limits that cannot be made leave the point estimates in place.
  A repeated quantile, a negative population or standard error, a proportion outside
  0..1 or a non-numeric cell stops the run (exit 1) naming file, line and column.

Differences from PHEindicatormethods, on purpose: quantiles are counted per group,
  labels sort numerically, duplicates are an error, polarity swaps at a multiplier
  below 0 (the package swaps transformed rate limits below 1; --compat phe does too,
  and says so in the note), one naming scheme for limits (sii_lowercl, or
  sii_lower95_0cl ... with several levels), 2 to 4 quantiles are allowed.

Scotland's measures (ScotPHO; Scottish Government long-term monitoring): --rii-method
  mean gives RII = SII / (|M| x the population-weighted mean of the values), its limits
  the SII's over the same mean (England's fitted(1)/fitted(0) stays the default; the
  rii_method column says which). --ci regression takes the limits from the weighted
  line's own residual variance, slope +- t(n-2) se, as R's lm with weights and confint
  (what ScotPHO runs), instead of from the quantiles' limits; no input limits are needed;
  3 or more quantiles. --par adds par = |M| (mean - least deprived value) and
  par_percent = 100 (mean - least deprived) / mean, ScotPHO's PAR (no limits).

Output: the --by columns, sii, sii_lowercl, sii_uppercl, [rii, rii_lowercl,
  rii_uppercl, [rii_method]], [intercept], [par, par_percent], [ci_method], [sii_mad,
  rii_mad], quantiles (how many), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-sii", kSummary, kExamples, kDetails);
  CLI::App& app = tool.app();
  tool.add_by();
  tool.add_threads();
  heq::sii::TableOptions t;
  heq::sii::Options& m = t.method;
  heq::cli::add_sii_options(tool, app, t);
  tool.add_flag("--rii", m.rii, "Also give the RII and its limits");
  tool.add_flag("--intercept", m.intercept, "Also give the fitted value at the most deprived end");
  tool.add_flag("--par", m.par,
                "Also give ScotPHO's population attributable risk: mean - least deprived, and %");
  tool.add_flag("--reliability", m.reliability, "Add the MAD reliability statistic (10x draws)");
  tool.add_confidence();
  tool.add_compat(
      "phe", m.compat_phe,
      "phe: reproduce PHEindicatormethods' limit swap for a transformed rate multiplier "
      "between 0 and 1");
  return tool.run_tool(argc, argv, t, heq::sii::run_sii,
                       [&] { heq::cli::finish_sii_options(tool, t); });
}
