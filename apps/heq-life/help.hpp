#pragma once
// heq-life's help: examples, the method, its rules and the other sources it reads.

namespace {

constexpr const char* kSummary =
    "heq-life: life expectancy with confidence limits from deaths and populations by age\n"
    "band (Chiang II life tables, as PHEindicatormethods::phe_life_expectancy and ONS).";

constexpr const char* kExamples =
    R"(  # LE at every start age, per area, sex and decile (bands 0, 1, 5, ..., 90+)
  heq-life deaths.csv --by area,sex,decile
  # The UK inequality-in-LE indicator as one pipe: LE at birth by decile, then the SII
  heq-life deaths.csv --by area,sex,decile --le-age 0 \
    | heq-sii --by area,sex --quantile decile --population pops_used
  # LE at birth and at 65 with 95% and 99.8% limits; 85+ tables work too
  heq-life deaths.csv --by area,sex --le-age 0,65 --confidence 95,99.8
  # Every column of the life table, and lifespan inequality
  heq-life deaths.csv --by area --table
  heq-life deaths.csv --by area --le-age 0 --lifespan
  # A Human Mortality Database table: death rates, HMD's own a0, LE at 65
  heq-life fltper_1x1.txt --delimiter whitespace --skip 1 --by Year --age Age --rate mx \
    --a0-column ax --le-age 65)";

constexpr const char* kDetails =
    R"(Input: one row per group and age band: the band's start age (a number, or a label
  whose first whole number is the start age: "1-4", "90+"), deaths and population
  (person-years). Rows of a group may come in any order. The last band is open.

Method (Chiang II; PHEindicatormethods 2.1.0, restated): M = deaths / population;
  n = width to the next band; a = --a0 (0.1) at age 0, 0.5 elsewhere;
  q = n M / (1 + n M (1 - a)), or 1 when deaths > population / (n a); q = 1 in the
  open band; l(0) = 100000, l(i+1) = l(i)(1 - q(i)); d = l(i) - l(i+1);
  L = n (l(i+1) + a d), and l / M in the open band; T = sum of L from the band up;
  e = T / l. Variance (Chiang, with Silcocks et al. 2001 for the open band):
  Var(e_x) = sum over bands i >= x of W_i / l_x^2, W_i = q^2 (1 - q) / D * l^2
  ((1 - a) n + e(i+1))^2, and W = l^2 / (D M^2) in the open band. Limits:
  e +- z sqrt(Var), symmetric, not truncated. Complete (single-year) tables use the
  same rules with n = 1.

Suppression, in this order (the group's rows keep their place, with empty values and
  a note): missing deaths or population; 1. negative deaths; 2. a zero or negative
  population; 3. the band layout (--bands; any layout must start at 0); 4. more
  deaths than population in a band; 5. a total population of 5,000 or less; then
  heq's own check that the open band has deaths (the package returns Inf there).
  Per row: 6. a 95% interval wider than 20 years (1.959964 x SE > 10) blanks the value
  but keeps the limits; a row with no survivors to its age has no limits.

--bands: any (default: any layout starting at 0, ending in an open band; a warning
  says when groups differ), phe (exactly 0, 1, 5, ..., 85, 90+, as the package
  requires), or a list of start ages every group must have (e.g. 0,1,5,...,80,85).

Other sources (HMD, ONS national life tables):
  --rate COL reads death rates M directly; with a --population column (where present)
  deaths = M x population and everything above applies; without it the values come
  with a note and no limits (the variance needs deaths), and the total-population rule
  cannot be applied. --a0-column COL takes each group's a0 from its age-0 row; --a0 ak
  (or auto) computes it from m0 by Andreev and Kingkade's rule as HMD's Methods
  Protocol v6 does, --a0 cd by Coale and Demeny's, both needing --sex (male/female)
  and a one-year first band. --first-age A: tables that start at A (a table of 65+
  gives LE at 65; its rows note the start). --delimiter whitespace and --skip 1 read
  HMD's aligned .txt files (a label such as 110+ is an open band).

--lifespan, among those alive at the row's start age x (LifeIneq's definitions, both
  forms: _aad of the age at death A, centred on x + e_x; _rl of the remaining life
  A - x, centred on e_x; A_i = start + a n of band i, x + 1/M in the open band, where
  those dying live 1/M on average; f_i = d_i / l_x):
  edagger   = sum f_i e~_i, life years lost at death, e~_i = e_i + a (e(i+1) - e_i)
              (e_omega in the open band, where the hazard is constant); h = edagger / e_x
              (Keyfitz's entropy);
  gini      = sum_i sum_j f_i f_j |A_i - A_j| / (2 mu); aid = the same sum / 2 (years);
              drewnowski = 1 - gini;
  theil     = sum f (A / mu) ln(A / mu); mld = sum f ln(mu / A);
  variance_aad, sd_aad = sum f (A - x - e_x)^2 and its root (the same in both forms);
              cov = sd / mu;
  q25_aad, median_aad, q75_aad, iqr_aad: ages by which 25, 50, 75% of those alive at x
              have died (l linear within closed bands, exponential in the open one).
  LifeIneq's authors advise single-year tables to 110+; from abridged bands these are
  approximations. heq centres the remaining-life forms at each row's own start (LifeIneq
  0.1's ineq_var and ineq_mld assume single years from age 0 there).

Differences from PHEindicatormethods, on purpose: any band layout (the package needs
  exactly 20 bands; --bands phe restores that), notes per row instead of warnings for
  the whole run, suppressed groups stay in input order (the package moves them last),
  no deaths in the open band is caught, --le-age asks for ages a group lacks get a row
  with a note.

Output: the --by columns, startage, value, lowercl, uppercl (several levels:
  lower95_0cl, upper95_0cl, lower99_8cl, ...), pops_used and dths_used (population and
  deaths from that age up), [edagger, gini_aad, theil_aad, h, gini_rl, theil_rl,
  mld_aad, mld_rl, variance_aad, sd_aad, cov_aad, cov_rl, aid, drewnowski_aad,
  drewnowski_rl, q25_aad, median_aad, q75_aad, iqr_aad], note. With --table:
  startage, n, mx, ax, qx, px, lx, dx, Lx, Tx, ex, variance (n is empty for the open
  band).)";

}  // namespace
