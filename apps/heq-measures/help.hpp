#pragma once
// heq-measures' help: what it computes, examples, and the methods and their departures
// from healthequal (long enough to live apart from the options).

namespace {

constexpr const char* kSummary =
    "heq-measures: WHO's 21 summary measures of health inequality (HEAT, healthequal),\n"
    "over ordered (wealth quintiles) and non-ordered (regions) dimensions.";

constexpr const char* kExamples =
    R"(  # Every measure that applies, per indicator and dimension (HEAT Plus template columns)
  heq-measures heat_upload.csv --by setting,year,indicator_abbr,dimension
  # Named measures only, 99% limits
  heq-measures data.csv --by indicator --measures d,r,sii,rii,paf --confidence 0.99
  # Settings given once instead of as columns
  heq-measures quintiles.csv --favourable-value 1 --ordered-value 1 --scale-value 100
  # Reproduce healthequal 1.0.1's published numbers, quirks included
  heq-measures data.csv --by indicator --compat heat
  # Individual survey data: one row per respondent, design-based standard errors
  heq-measures survey.csv --outcome sba --weight weight --psu psu --strata strata)";

constexpr const char* kDetails =
    R"txt(Input: one row per subgroup of a setting (HEAT Plus upload layout): estimate, se,
  population, subgroup, subgroup_order (ordered dimensions; 1 = most disadvantaged),
  reference_subgroup (1 marks it), favourable_indicator (1 = higher is better),
  indicator_scale (100 = %, 1000 = per 1000), ordered_dimension (1/0),
  setting_average (used for the mean when populations are incomplete).

Measures (mu = population-weighted mean; p = population shares; X = ridits; r = y/mu):
  d, r      difference and ratio: ordered, most advantaged vs most disadvantaged (the
            direction following favourable_indicator); non-ordered, highest vs lowest,
            or the reference subgroup vs the worst (favourable) / best (adverse) other.
  aci, rci  sum p (2X - 1) y, and aci / mu (a fraction); SE from the "convenient
            regression" of 2 var(X) y (/ mu) on X, weighted by sqrt(n), OLS model SE.
  sii, rii  p(1) - p(0) (x scale) and p(1) / p(0) from a logistic fit of the proportions
            (counts ceil(n), round(y / scale n)) on X weighted by n; HC1 sandwich SEs,
            delta method (RII on the log scale).
  bgv, bgsd, cov   sum p (y - mu)^2 (analytic SE, Ahn et al. 2018), its root, 100 bgsd / mu.
  mdmu, mdmw, mdbu, mdbw, mdru, mdrw   mean |y - c|, unweighted or weighted, c = mu, the
            best subgroup, or the reference subgroup.
  idisu, idisw    100 mdm / mu.
  mld, ti   1000 sum p (-ln r) and 1000 sum p r ln r, with analytic SEs.
  par, paf  y_ref - mu (0 when it points the wrong way) and 100 par / mu; y_ref the most
            advantaged (ordered), else the reference subgroup, else the best; SE from
            Walter's 2x2 variance of the attributable fraction.
  Simulated limits (bgsd, cov, md*, idis*): --reps draws of every subgroup from a normal
  truncated at 0 (and 100 for percentages), seeded per setting from --seed; percentiles
  at the asked level (R's type 7); se = the draws' standard deviation.
Bounded outcomes (--bounds LOW,HIGH, as healthequal's aci() and rci() with lmin and
  lmax): the ACI and RCI of (y - LOW) / (HIGH - LOW); --ci-correction wagstaff gives
  the RCI / (1 - mu'), erreygers 4 mu' x RCI (= 4 x the bounded ACI), mu' the normalised
  mean, their SEs scaled alike (the generalised concentration index is the ACI).
  --linear: the SII and RII from a least-squares fit of est / scale on the ridit weighted
  by population, HC1 SEs (healthequal's linear = TRUE); its SII is heq-sii's. --bounds
  and --ci-correction apply to individual data too (design-based SEs scaled alike).
  Individual data: --fpc COL, each stratum's population of PSUs (or its sampling
  fraction, 1 or less) scales its variance by (N - n) / N, as R's survey package does.
Applicability: d, r, paf, par everywhere; aci, rci, sii, rii on ordered dimensions of
  three or more subgroups; the rest on non-ordered dimensions of three or more. Ordered
  measures need every subgroup's estimate, non-ordered ones 85% of them (D and R only
  the two they compare: for ordered dimensions the first and last). Measures that do
  not apply are left out, unless named in --measures (then a note says why).

Correct by default, and where healthequal 1.0.1 differs (--compat heat reproduces it;
  ci_method then ends "(compat heat)"): heq takes indicator_scale from the input
  (healthequal infers it from the largest estimate, so a per-1000 rate below 100 is
  read as a percentage); weights the logistic fit by n (healthequal's prior weights
  make it n^2); reports every SE on its estimate's scale: SII x scale, MLD and TI
  x 1000, PAF x 100 (healthequal leaves them unscaled and builds the MLD, TI and PAF
  limits from them, about 1000 and 100 times too narrow), R and RII as ratios
  (healthequal: the SE of the log); uses the reference subgroup for PAF and PAR when
  one is marked (HEAT does; healthequal ignores it); and treats a zero estimate
  exactly (TI: 0 ln 0 = 0; MLD infinite, with a note) where healthequal substitutes
  1e-6. Simulated limits cannot match R's random numbers bit for bit in either mode.

Individual survey data (--outcome COL): one row per respondent, with the outcome (0/1
  for the SII and RII; any number for the ACI and RCI), subgroup_order, a survey
  weight (--weight, default column weight), a primary sampling unit (--psu, default
  psu; PSUs are nested in strata) and a stratum (--strata, default strata). A design
  column left at its default and absent from the header means weight 1, each
  respondent its own PSU, or one stratum. The dimension is ordered; ridits are the
  subgroups' midpoints in the weighted shares of respondents with an outcome. SII
  and RII come from the weighted logistic fit of the outcome on the ridit, ACI and
  RCI from the weighted convenient regression, as healthequal fits them with R's
  survey package (svyglm); standard errors by Taylor linearisation of the estimating
  equations, PSUs with replacement within strata (with --fpc, a finite population correction),
  a stratum with one PSU centred at the overall mean (survey's lonely.psu "adjust");
  limits with the normal z. A respondent without an outcome adds nothing to the fit
  but keeps its PSU in the design. The SII and ACI are multiplied by indicator_scale
  (a 0/1 outcome in percent: x 100, the units a grouped estimate would have); with
  --compat heat the ACI stays a fraction, the SII's SE is unscaled, the RII's is
  that of the log, and the fit stops where R's glm does (a deviance change below
  1e-8), which moves the SEs in the eighth digit. Other measures need subgroup
  estimates: named ones get a note.

Output (long): the --by columns, measure, estimate, se, lowercl, uppercl (at another
  --confidence named with it: lower99_0cl, upper99_0cl), ci_method, note.)txt";

}  // namespace
