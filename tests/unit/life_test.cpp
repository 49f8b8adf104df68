#include "catch.hpp"
#include "table_io.hpp"

#include "core/error.hpp"
#include "life/chiang.hpp"
#include "tables/life.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <fmt/format.h>

using namespace heq::life;
using heq::test::num;

namespace {

std::vector<Band> constant_hazard(const std::vector<double>& ages, double mu) {
  std::vector<Band> bands;
  for (double x : ages) bands.push_back({x, mu * 1e6, 1e6});
  return bands;
}

std::vector<double> single_years(int top) {
  std::vector<double> v(top + 1);
  std::iota(v.begin(), v.end(), 0.0);
  return v;
}

// A realistic abridged table: Gompertz mortality on the UK layout.
std::vector<Band> gompertz(const std::vector<double>& ages) {
  std::vector<Band> bands;
  for (std::size_t i = 0; i < ages.size(); ++i) {
    const double mid = ages[i] + (i + 1 < ages.size() ? (ages[i + 1] - ages[i]) / 2 : 5);
    const double m = ages[i] == 0 ? 0.004 : 0.0001 + std::exp(-10.3 + 0.09 * mid);
    bands.push_back({ages[i], std::round(m * 50000), 50000});
  }
  return bands;
}

std::string life_csv(const std::string& csv, TableOptions t, heq::Diagnostics* d = nullptr) {
  return heq::test::run_table(heq::life::run_life, t, heq::test::text_input(csv), d);
}

}  // namespace

TEST_CASE("life: survivors never increase and deaths sum to the radix") {
  for (const auto& ages : {phe_layout(), single_years(100)}) {
    const LifeTable t = build(gompertz(ages));
    double deaths = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      deaths += t.d[i];
      if (i) CHECK(t.l[i] <= t.l[i - 1]);
      CHECK(t.e[i] >= 0);
      CHECK(t.variance[i] >= 0);
    }
    CHECK(deaths == Approx(kRadix).epsilon(1e-12));
    CHECK(t.q.back() == 1);
  }
}

TEST_CASE("life: a constant hazard gives e = 1/mu exactly when a = 0.5") {
  // With a = 0.5, Chiang's q and L make every L_i = d_i / mu, so T_x = l_x / mu.
  const double mu = 0.0125;
  for (const auto& ages : {phe_layout(), single_years(100), std::vector<double>{0, 1, 5, 85}}) {
    const LifeTable t = build(constant_hazard(ages, mu), 0.5);
    for (std::size_t i = 0; i < t.size(); ++i) CHECK(t.e[i] == Approx(1 / mu).epsilon(1e-12));
  }
  // With a0 = 0.1 only the first year differs: e0 = (l1 + 0.1 d0 + l1 / mu) / l0.
  const LifeTable t = build(constant_hazard(phe_layout(), mu), 0.1);
  const double q0 = mu / (1 + 0.9 * mu), l1 = kRadix * (1 - q0);
  CHECK(t.e[1] == Approx(1 / mu).epsilon(1e-12));
  CHECK(t.e[0] == Approx((l1 + 0.1 * (kRadix - l1) + l1 / mu) / kRadix).epsilon(1e-12));
}

TEST_CASE("life: the open band alone is an exponential life") {
  const LifeTable t = build(std::vector<Band>{{0, 100, 4000}});
  CHECK(t.e[0] == Approx(40).epsilon(1e-12));
  // Silcocks' term: Var(e) = 1 / (D M^2) = P^2 / D^3.
  CHECK(t.variance[0] == Approx(4000.0 * 4000 / 1e6).epsilon(1e-12));
  const Lifespan s = lifespan(t, 0);
  CHECK(s.edagger == Approx(40).epsilon(1e-12));
  CHECK(s.gini == Approx(0).margin(1e-15));
  CHECK(s.theil == Approx(0).margin(1e-15));
}

TEST_CASE("life: 85+ and 90+ layouts and the a0 option") {
  auto b85 = gompertz(phe_layout());
  b85.pop_back();
  b85.back().deaths += 900;  // the 85+ band now holds the oldest deaths too
  b85.back().population += 12000;
  CHECK(check(b85, {}).empty());
  const LifeTable t85 = build(b85);
  CHECK(t85.e.back() == Approx(b85.back().population / b85.back().deaths).epsilon(1e-12));
  const LifeTable low = build(gompertz(phe_layout()), 0.05),
                  high = build(gompertz(phe_layout()), 0.3);
  CHECK(low.e[0] < high.e[0]);
  CHECK(low.e[1] == high.e[1]);  // a0 only changes the first year
}

TEST_CASE("life: lifespan measures agree with a direct computation") {
  const LifeTable t = build(gompertz(phe_layout()));
  for (std::size_t k : {0u, 13u, 18u}) {
    const std::size_t last = t.size() - 1;
    std::vector<double> f, age;
    for (std::size_t i = k; i <= last; ++i) {
      f.push_back(t.d[i] / t.l[k]);
      age.push_back(i < last ? t.age[i] + t.a[i] * t.n[i] : t.age[i] + 1 / t.m[i]);
    }
    double mean = 0, gini = 0, theil = 0, edag = 0;
    for (std::size_t i = 0; i < f.size(); ++i) mean += f[i] * age[i];
    CHECK(mean == Approx(t.age[k] + t.e[k]).epsilon(1e-12));  // the mean age at death
    for (std::size_t i = 0; i < f.size(); ++i) {
      for (std::size_t j = 0; j < f.size(); ++j) gini += f[i] * f[j] * std::abs(age[i] - age[j]);
      theil += f[i] * age[i] / mean * std::log(age[i] / mean);
      const std::size_t b = k + i;
      edag += f[i] * (b < last ? t.e[b] + t.a[b] * (t.e[b + 1] - t.e[b]) : t.e[b]);
    }
    const Lifespan s = lifespan(t, k);
    CHECK(s.gini == Approx(gini / (2 * mean)).epsilon(1e-12));
    CHECK(s.theil == Approx(theil).epsilon(1e-12));
    CHECK(s.edagger == Approx(edag).epsilon(1e-12));
    CHECK(s.gini > 0);
    CHECK(s.gini < 1);
  }
}

TEST_CASE("life: suppression rules in the package's order") {
  auto good = gompertz(phe_layout());
  CHECK(check(good, {}).empty());
  auto b = good;
  b[3].deaths = -1;
  b[4].population = 0;
  CHECK(check(b, {}) == "age band 10 has negative deaths");  // rule 1 before rule 2
  b = good;
  b[4].population = 0;
  CHECK(check(b, {}) == "age band 15 has a zero or negative population");
  b = good;
  b.erase(b.begin());
  CHECK(check(b, {}) == "age bands must start at 0; this group starts at 1");
  CHECK(check(good, {LayoutRule::phe, {}}).empty());
  CHECK(check(good, {LayoutRule::list, {0, 1, 5}}).rfind("--bands needs 0, 1, 5+ (3 bands)", 0) ==
        0);
  b = good;
  b[19].deaths = b[19].population + 1;
  CHECK(check(b, {}).rfind("age band 90 has more deaths", 0) == 0);
  b = good;
  for (Band& x : b) x.population = 250;  // 20 x 250 = 5000: "not above 5000"
  for (Band& x : b) x.deaths = std::min(x.deaths, 10.0);
  CHECK(check(b, {}) == "total population 5000 is 5000 or less");
  b = good;
  b.back().deaths = 0;
  CHECK(check(b, {}) == "no deaths in the open age band (90+): its death rate is 0");
}

TEST_CASE("life: a layout's verdict found once stands in for rule 3, after rules 1 and 2") {
  const auto good = gompertz(phe_layout());
  CHECK(check_known_layout(good, "").empty());
  CHECK(check_known_layout(good, "layout") == "layout");
  auto b = good;
  b[4].population = 0;
  CHECK(check_known_layout(b, "layout") == "age band 15 has a zero or negative population");
  b = good;
  b[19].deaths = b[19].population + 1;  // rule 4 comes after the layout's
  CHECK(check_known_layout(b, "layout") == "layout");
  CHECK(check_known_layout(b, "").rfind("age band 90 has more deaths", 0) == 0);
  b = good;
  b[3].deaths = heq::kMissing;
  CHECK(check_known_layout(b, "layout") == "age band 10 has no deaths count");
  CHECK(check_layout({}, {}, {}) == "no age bands");
  CHECK(check_layout(std::vector<double>{1, 5}, std::vector<double>{5, heq::kMissing}, {}) ==
        "age bands must start at 0; this group starts at 1");
}

TEST_CASE("life: age labels give their start age") {
  CHECK(start_age("0") == 0);
  CHECK(start_age(" 85 ") == 85);
  CHECK(start_age("1-4") == 1);
  CHECK(start_age("10 - 14") == 10);
  CHECK(start_age("90+") == 90);
  CHECK(start_age("age 65 to 69") == 65);
  CHECK(std::isnan(start_age("infants")));
}

TEST_CASE("life table: rows in any order, groups in input order, le-age rows") {
  std::string csv = "g,startage,deaths,population\n";
  std::string shuffled = csv;
  const auto bands = gompertz(phe_layout());
  std::vector<std::string> lines;
  for (const char* g : {"b", "a"})
    for (const Band& x : bands)
      lines.push_back(fmt::format("{},{},{},{}\n", g, x.age, x.deaths, x.population));
  for (const auto& l : lines) csv += l;
  std::shuffle(lines.begin(), lines.end(), std::mt19937_64(4));
  for (const auto& l : lines) shuffled += l;
  TableOptions t;
  t.grouping.by = {"g"};
  t.le_ages = {0, 65, 67};
  const auto rows = heq::test::parse_csv(life_csv(csv, t));
  CHECK(life_csv(shuffled, t) == life_csv(csv, t));
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].at("g") == "b");
  CHECK(rows[1].at("startage") == "65");
  CHECK(rows[2].at("note") == "no age band starts at 67");
  CHECK(rows[2].at("value").empty());
}

TEST_CASE("life table: bad input") {
  TableOptions t;
  const std::string dup = "startage,deaths,population\n0,1,100\n1,1,100\n1,2,100\n";
  try {
    life_csv(dup, t);
    FAIL("expected a DataError");
  } catch (const heq::DataError& e) {
    CHECK(std::string(e.what()) == "age band 1 appears twice in one group (lines 3 and 4)");
    CHECK(e.where().line == 4);
  }
  const std::string label = "startage,deaths,population\ninfant,1,100\n";
  CHECK_THROWS_AS(life_csv(label, t), heq::DataError);
  t.layout = {LayoutRule::list, {0, 5, 1}};
  CHECK_THROWS_AS(life_csv(dup, t), heq::UsageError);
  t.layout = {LayoutRule::list, {1, 5}};
  CHECK_THROWS_AS(life_csv(dup, t), heq::UsageError);
  t.layout = {};
  t.a0 = 1.5;
  CHECK_THROWS_AS(life_csv(dup, t), heq::UsageError);
}

TEST_CASE("life table: column names") {
  TableOptions t;
  t.grouping.by = {"area"};
  t.grouping.levels = {0.95, 0.998};
  t.lifespan = true;
  CHECK(output_columns(t) ==
        std::vector<std::string>{"area",        "startage",     "value",          "lower95_0cl",
                                 "upper95_0cl", "lower99_8cl",  "upper99_8cl",    "pops_used",
                                 "dths_used",   "edagger",      "gini_aad",       "theil_aad",
                                 "h",           "gini_rl",      "theil_rl",       "mld_aad",
                                 "mld_rl",      "variance_aad", "sd_aad",         "cov_aad",
                                 "cov_rl",      "aid",          "drewnowski_aad", "drewnowski_rl",
                                 "q25_aad",     "median_aad",   "q75_aad",        "iqr_aad",
                                 "note"});
  t.table = true;
  t.lifespan = false;
  CHECK(output_columns(t) == std::vector<std::string>{"area", "startage", "n", "mx", "ax", "qx",
                                                      "px", "lx", "dx", "Lx", "Tx", "ex",
                                                      "variance", "note"});
}

TEST_CASE("life: lifespan indices of an exponential life match its closed forms") {
  // A constant hazard m over single years to 600+: ages at death are (nearly) exponential
  // with mean 1/m. Closed forms: e-dagger 1/m, H 1, Gini 1/2, AID 1/(2m), variance 1/m^2,
  // CoV 1, Theil 1 - gamma, MLD gamma, median ln 2 / m, IQR ln 3 / m. Each year's deaths
  // sit at its midpoint, so the discrete values approach these to O(m^2) (stated
  // tolerance 1e-3 relative at m = 0.02).
  const double m = 0.02, gamma = 0.5772156649015329;
  const LifeTable t = build(constant_hazard(single_years(600), m), 0.5);
  const Lifespan s = lifespan(t, 0);
  // The discrete table's own mean: e = 1 / m - (n^2 m / 12 terms) is 50 - O(m).
  const double e = t.e[0];
  CHECK(e == Approx(1 / m).epsilon(1e-3));
  CHECK(s.edagger == Approx(1 / m).epsilon(1e-3));
  CHECK(s.h == Approx(1).epsilon(1e-3));
  CHECK(s.gini == Approx(0.5).epsilon(1e-3));
  CHECK(s.gini_rl == Approx(0.5).epsilon(1e-3));  // from age 0 both forms agree
  CHECK(s.aid == Approx(0.5 / m).epsilon(1e-3));
  CHECK(s.variance == Approx(1 / (m * m)).epsilon(1e-3));
  CHECK(s.cov_aad == Approx(1).epsilon(1e-3));
  CHECK(s.theil == Approx(1 - gamma).epsilon(2e-3));
  // The MLD weighs the earliest deaths by ln(mu / A): placing the first year's deaths at
  // 0.5 instead of spread over (0, 1) costs about m (LifeIneq warns of this too).
  CHECK(s.mld_aad == Approx(gamma).epsilon(1.5e-2));
  CHECK(s.median == Approx(std::log(2) / m).epsilon(1e-3));
  CHECK(s.iqr == Approx(std::log(3) / m).epsilon(1e-3));
  // Memoryless: from age 40 the remaining-life forms are those from birth (to 1e-4: the
  // open band at 600 truncates the two differently, by about e^-12).
  const Lifespan at40 = lifespan(t, 40);
  CHECK(at40.gini_rl == Approx(s.gini_rl).epsilon(1e-4));
  CHECK(at40.theil_rl == Approx(s.theil).epsilon(1e-4));
  CHECK(at40.mld_rl == Approx(s.mld_aad).epsilon(1e-4));
  CHECK(at40.cov_rl == Approx(s.cov_aad).epsilon(1e-4));
  CHECK(at40.median - 40 == Approx(s.median).epsilon(1e-4));
  CHECK(at40.variance == Approx(s.variance).epsilon(1e-4));
  // ... while the age-at-death forms shrink: the same spread around a later mean.
  CHECK(at40.gini < s.gini);
  CHECK(at40.cov_aad == Approx(at40.sd / (40 + at40.edagger)).epsilon(1e-3));
}
