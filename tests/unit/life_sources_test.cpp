// Life tables from whatever the source publishes: death rates (--rate), tables that
// start above 0 (--first-age), a0 by a rule from m0 (--a0 ak|cd).
#include "catch.hpp"
#include "life/chiang.hpp"

#include <cmath>
#include <random>
#include <vector>

using namespace heq::life;

namespace {

std::vector<Band> random_table(std::mt19937_64& rng, double first = 0) {
  std::vector<double> ages{0, 1};
  for (int x = 5; x <= 90; x += 5) ages.push_back(x);
  std::uniform_real_distribution<double> pop(2000, 9000), jitter(0.7, 1.3);
  std::vector<Band> bands;
  for (double x : ages) {
    if (x < first) continue;
    const double m = (x == 0 ? 0.004 : 0.0002 + std::exp(-10 + 0.09 * (x + 2.5))) * jitter(rng);
    const double p = pop(rng);
    bands.push_back({x, std::round(m * p) + 1, p});
  }
  return bands;
}

}  // namespace

TEST_CASE("life sources: death rates give the table deaths and populations give") {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 100; ++trial) {
    const std::vector<Band> counts = random_table(rng);
    std::vector<Band> rates = counts;
    for (Band& b : rates) b.rate = b.deaths / b.population;  // with populations: limits too
    std::vector<Band> bare = rates;
    for (Band& b : bare) b.deaths = b.population = heq::kMissing;  // rates alone
    REQUIRE(check(counts, {}).empty());
    REQUIRE(check(rates, {}).empty());
    REQUIRE(check(bare, {}).empty());
    const LifeTable a = build(counts, 0.1), b = build(rates, 0.1), c = build(bare, 0.1);
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(b.e[i] == Approx(a.e[i]).epsilon(1e-12));
      CHECK(b.variance[i] == Approx(a.variance[i]).epsilon(1e-12));
      CHECK(c.e[i] == Approx(a.e[i]).epsilon(1e-12));
      CHECK(std::isnan(c.variance[i]));
    }
  }
}

TEST_CASE("life sources: a table from 65 gives the full table's e(65) and its variance") {
  std::mt19937_64 rng(9);
  for (int trial = 0; trial < 50; ++trial) {
    const std::vector<Band> full = random_table(rng);
    std::vector<Band> old(full.begin() + 14, full.end());  // 65, 70, ..., 90+
    REQUIRE(old.front().age == 65);
    Layout from65;
    from65.first_age = 65;
    CHECK(check(old, {}).find("must start at 0") != std::string::npos);
    REQUIRE(check(old, from65).empty());
    const LifeTable a = build(full, 0.1), b = build(old, 0.1);
    CHECK(b.e[0] == Approx(a.e[14]).epsilon(1e-12));
    CHECK(b.variance[0] == Approx(a.variance[14]).epsilon(1e-12));
  }
}

TEST_CASE("life sources: a0 rules at hand-computed points") {
  // Andreev-Kingkade (HMD MP v6, m0 form) and Coale-Demeny (Preston et al. table 3.3).
  CHECK(a0_from_m0(0.01, Sex::male, A0Rule::andreev_kingkade) ==
        Approx(0.14929 - 1.99545 * 0.01).epsilon(1e-15));
  CHECK(a0_from_m0(0.05, Sex::male, A0Rule::andreev_kingkade) ==
        Approx(0.02832 + 3.26201 * 0.05).epsilon(1e-15));
  CHECK(a0_from_m0(0.2, Sex::male, A0Rule::andreev_kingkade) == 0.29915);
  CHECK(a0_from_m0(0.01, Sex::female, A0Rule::andreev_kingkade) ==
        Approx(0.14903 - 2.05527 * 0.01).epsilon(1e-15));
  CHECK(a0_from_m0(0.03, Sex::female, A0Rule::andreev_kingkade) ==
        Approx(0.04667 + 3.88089 * 0.03).epsilon(1e-15));
  CHECK(a0_from_m0(0.08, Sex::female, A0Rule::andreev_kingkade) == 0.31411);
  CHECK(a0_from_m0(0.02, Sex::male, A0Rule::coale_demeny) ==
        Approx(0.045 + 2.684 * 0.02).epsilon(1e-15));
  CHECK(a0_from_m0(0.02, Sex::female, A0Rule::coale_demeny) ==
        Approx(0.053 + 2.8 * 0.02).epsilon(1e-15));
  CHECK(a0_from_m0(0.2, Sex::female, A0Rule::coale_demeny) == 0.35);
  // The segments meet where the rule says they do (continuity of HMD's piecewise form).
  CHECK(a0_from_m0(0.0229999, Sex::male, A0Rule::andreev_kingkade) ==
        Approx(a0_from_m0(0.0230, Sex::male, A0Rule::andreev_kingkade)).margin(2e-3));
}

TEST_CASE("life sources: rate tables have their own checks") {
  std::vector<Band> bands{{0, heq::kMissing, heq::kMissing}, {1, heq::kMissing, heq::kMissing}};
  bands[0].rate = 0.01;
  bands[1].rate = heq::kMissing;
  CHECK(check(bands, {}) == "age band 1 has no death rate");
  bands[1].rate = -0.1;
  CHECK(check(bands, {}) == "age band 1 has a negative death rate");
  bands[1].rate = 0;
  CHECK(check(bands, {}).find("death rate is 0") != std::string::npos);
  bands[1].rate = 1.4;  // rates above 1 are possible at the oldest ages
  CHECK(check(bands, {}).empty());
}
