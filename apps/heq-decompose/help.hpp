#pragma once
// heq-decompose's --help text.

namespace {

constexpr const char* kSummary =
    "heq-decompose: Arriaga's decomposition of the life expectancy gap between two\n"
    "subgroups into age bands, and causes of death (as PHE/OHID's Segment Tool does).";

constexpr const char* kExamples =
    R"(  # The gap between the most (1) and least (10) deprived deciles, by age band
  heq-decompose deaths.csv --by area,sex --group decile --from 1 --to 10
  # ... by age band and cause (deaths per cause, population repeated per cause row)
  heq-decompose deaths_by_cause.csv --by area,sex --group decile --from 1 --to 10 --cause cause
  # What the gap is made of, cause by cause (summed over age bands)
  heq-decompose deaths_by_cause.csv --by sex --group decile --from 1 --to 10 --cause cause --sum-over age
  # The gap in life expectancy at 65, both directions averaged
  heq-decompose deaths.csv --by sex --group decile --from 1 --to 10 --age-at 65 --method symmetric
  # Change over time: one population's two periods, by age band
  heq-decompose deaths_by_year.csv --by sex --group year --from 2011 --to 2019
  # What drove the change in lifespan inequality (e-dagger), by stepwise replacement
  heq-decompose deaths.csv --by sex --group decile --from 1 --to 10 --method stepwise --measure edagger
  # The gap in healthy life expectancy: how much is mortality, how much ill health
  heq-decompose health.csv --by sex --group decile --from 1 --to 10 --health not_good
  # Which deciles' ages drove the change in the SII of life expectancy, 2011 to 2019
  heq-decompose deaths_by_year.csv --by sex --group year --from 2011 --to 2019 \
    --method stepwise --measure sii --quantile decile --sum-over age)";

constexpr const char* kDetails =
    R"(Input: heq-life's table (start age, deaths, population per age band) for at least two
  subgroups per --by group, told apart by --group. With --cause, one row per band and
  cause: the band's deaths are the causes' sum, and every cause row of a band must
  repeat the band's population.

Method: heq-life's own life tables (Chiang II, the same rules and open band), so the
  contributions sum to heq-life's LE gap. Arriaga (1984), base --from, comparison --to:
  delta_x = l1_x (L2_x / l2_x - L1_x / l1_x) + T2_(x+n) (l1_x / l2_x - l1_(x+n) / l2_(x+n)),
  the direct and indirect (survivorship) effects, and l1 (T2 / l2 - T1 / l1) in the open
  band, with the radix rebased at --age-at. --method symmetric averages both directions
  (swapping --from and --to then negates every contribution).
  Causes (proportional allocation): delta_(x,c) = delta_x (m2_(x,c) - m1_(x,c)) /
  (m2_x - m1_x). Where a band's two death rates differ by less than 1e-6 of their mean
  these shares explode; the band is then split by the causes' shares of both rates
  combined, with a note and a warning.

--method stepwise: stepwise replacement (Andreev, Shkolnikov and Begun 2002), from the
  oldest band down: band x's contribution is the change in --measure (le, or edagger,
  life years lost at death) when --to's death rates replace --from's in band x, the
  older bands already replaced. The contributions sum to the change exactly; for le
  this order is Arriaga's decomposition itself (the same numbers). Change over time is
  --group period (or year) with --from the earlier period.
  --measure sii with --quantile COL (1 = most deprived): the SII of LE at --age-at across
  the quantiles, as heq-life | heq-sii --population pops_used computes it (each quantile
  weighted by its population from --age-at up). Every (quantile, band) cell is replaced
  in turn, quantile 1 first, each from its oldest band down; a cell brings its deaths
  and population, so a change in the quantiles' weights is counted in the cells too.
  The cells sum to the change in the SII exactly. One row per quantile and band;
  --sum-over age totals each quantile, --sum-over quantile each band.

--health COL (the prevalence of ill health by band, as heq-hle reads it; --percent for
  percentages): the gap in Sullivan's HLE split by age into a mortality and a health part
  (Nusselder and Looman 2004): mortality_x = Arriaga on the table weighted by the mean
  healthy share w = (w1 + w2) / 2 (e replaced by sum w L / l); health_x = (L1_x / l1 +
  L2_x / l2) / 2 x (w2_x - w1_x). contribution = mortality + health, and they sum to the
  HLE gap exactly; ule_mortality and ule_health do the same for the years in ill health
  (LE - HLE), so mortality + ule_mortality is the LE decomposition. With --cause, the
  mortality parts are split by cause and the health part is a row of its own, with
  the cause (ill health) and no mortality.

--against VALUE decomposes every other subgroup's gap to VALUE (one block of rows each,
  the --group column after the --by columns): the same numbers as one --from VALUE --to S
  run per S, so each area against England's table (heq-aggregate's sums) in one run.

A group that cannot be decomposed (a side missing, a life table suppressed by
  heq-life's rules, differing band layouts, no band at --age-at) keeps one row with a
  note.

Output: the --by columns, [the --group column with --against], [the --quantile column
  with --measure sii], startage, [cause], contribution (years), share (percent of the
  gap), [mortality, health, ule_mortality, ule_health], note. --sum-over age drops
  startage (one row per cause or quantile, summed over bands); --sum-over cause or
  quantile drops that column (one row per band).)";

}  // namespace
