#include "catch.hpp"
#include "table_io.hpp"

#include "core/error.hpp"
#include "gap/arriaga.hpp"
#include "gap/gap.hpp"
#include "hle/sullivan.hpp"
#include "life/chiang.hpp"
#include "sii/sii.hpp"
#include "tables/gap.hpp"
#include "tables/life.hpp"
#include "tables/sii.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <numeric>
#include <random>

using heq::life::Band;
using heq::life::LifeTable;
using heq::test::num;

namespace {

// Random but realistic abridged tables: Gompertz with noise.
std::vector<Band> table_bands(std::mt19937_64& rng, double level) {
  std::uniform_real_distribution<double> u(0.8, 1.25);
  std::vector<Band> bands;
  const auto& ages = heq::life::phe_layout();
  for (std::size_t i = 0; i < ages.size(); ++i) {
    const double mid = ages[i] + (i + 1 < ages.size() ? (ages[i + 1] - ages[i]) / 2 : 5);
    const double m =
        (ages[i] == 0 ? 0.004 : 0.0001 + std::exp(-10.3 + 0.09 * mid)) * level * u(rng);
    bands.push_back({ages[i], std::round(m * 60000) + 1, 60000});
  }
  return bands;
}

// Arriaga's direct and indirect effects, written from the paper's formula (an independent
// path from the library's telescoping form), with the radix rebased at band k.
std::vector<double> direct_indirect(const LifeTable& a, const LifeTable& b, std::size_t k) {
  std::vector<double> out;
  const std::size_t last = a.size() - 1;
  const double ra = a.l[k], rb = b.l[k];
  for (std::size_t i = k; i <= last; ++i) {
    const double l1 = a.l[i] / ra, l2 = b.l[i] / rb;
    if (i == last) {
      out.push_back(l1 * (b.T[i] / rb / l2 - a.T[i] / ra / l1));
      continue;
    }
    const double direct = l1 * (b.L[i] / rb / l2 - a.L[i] / ra / l1);
    const double indirect = b.T[i + 1] / rb * (l1 / l2 - (a.l[i + 1] / ra) / (b.l[i + 1] / rb));
    out.push_back(direct + indirect);
  }
  return out;
}

}  // namespace

TEST_CASE("decompose: a two-band example worked by hand") {
  // Band 0-49 (a = 0.5) and 50+. A: M = 0.01 then 0.1; B: M = 0.004 then 0.1.
  // A: q = 0.5 / 1.25 = 0.4, l(50) = 0.6, L = 50 (0.6 + 0.2) = 40, T(50) = 6, e0 = 46.
  // B: q = 0.2 / 1.1 = 2/11, l(50) = 9/11, L = 50 (9/11 + 1/11) = 500/11, T(50) = 90/11.
  // Band 0: 1 (500/11 - 40) + (90/11)(1 - 0.6 / (9/11)) = 60/11 + 24/11 = 84/11.
  // Band 50+: 0.6 (10 - 10) = 0; the gap is 590/11 - 46 = 84/11.
  const std::vector<Band> a{{0, 100, 10000}, {50, 1000, 10000}},
      b{{0, 40, 10000}, {50, 1000, 10000}};
  const LifeTable ta = heq::life::build(a, 0.5), tb = heq::life::build(b, 0.5);
  CHECK(ta.e[0] == Approx(46).epsilon(1e-14));
  CHECK(tb.e[0] == Approx(590.0 / 11).epsilon(1e-14));
  const auto delta = heq::gap::arriaga(ta, tb, 0);
  CHECK(delta[0] == Approx(84.0 / 11).epsilon(1e-13));
  CHECK(delta[1] == Approx(0).margin(1e-13));
}

TEST_CASE("decompose: contributions sum to the gap and match the direct + indirect form") {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 200; ++trial) {
    const LifeTable a = heq::life::build(table_bands(rng, 1.6)),
                    b = heq::life::build(table_bands(rng, 1.0));
    for (std::size_t k : {0u, 14u}) {  // birth and 65
      const auto fast = heq::gap::arriaga(a, b, k);
      const auto slow = direct_indirect(a, b, k);
      const double sum = std::accumulate(fast.begin(), fast.end(), 0.0);
      CHECK(std::abs(sum - (b.e[k] - a.e[k])) <= 1e-9 * std::abs(b.e[k] - a.e[k]));
      for (std::size_t i = 0; i < fast.size(); ++i) CHECK(fast[i] == Approx(slow[i]).margin(1e-12));
      const auto sym = heq::gap::arriaga_symmetric(a, b, k),
                 swapped = heq::gap::arriaga_symmetric(b, a, k);
      CHECK(std::abs(std::accumulate(sym.begin(), sym.end(), 0.0) - (b.e[k] - a.e[k])) < 1e-9);
      for (std::size_t i = 0; i < sym.size(); ++i)
        CHECK(swapped[i] == Approx(-sym[i]).margin(1e-14));
    }
  }
}

TEST_CASE("decompose: causes sum to their band, with a guard for equal rates") {
  const std::vector<double> from{0.001, 0.004, 0.0005}, to{0.002, 0.003, 0.0015};
  const auto s = heq::gap::split_by_cause(0.8, from, to);
  CHECK(s.note.empty());
  CHECK(std::accumulate(s.contribution.begin(), s.contribution.end(), 0.0) ==
        Approx(0.8).epsilon(1e-14));
  CHECK(s.contribution[0] == Approx(0.8 * 0.001 / 0.001).epsilon(1e-13));  // share 1 of a 0.001 gap
  CHECK(s.contribution[1] == Approx(-0.8).epsilon(1e-13));
  // Equal totals: the shares would be infinite, so the causes' shares of deaths decide.
  const std::vector<double> same{0.002, 0.003, 0.0005};
  const std::vector<double> swapped{0.003, 0.002, 0.0005};
  const auto g = heq::gap::split_by_cause(0.1, same, swapped);
  CHECK(!g.note.empty());
  CHECK(std::accumulate(g.contribution.begin(), g.contribution.end(), 0.0) ==
        Approx(0.1).epsilon(1e-14));
  CHECK(g.contribution[2] == Approx(0.1 * 0.001 / 0.011).epsilon(1e-13));
}

TEST_CASE("hle: no bad health gives life expectancy; all bad health gives none") {
  std::mt19937_64 rng(3);
  const LifeTable t = heq::life::build(table_bands(rng, 1));
  const std::vector<double> zero(t.size(), 0.0), one(t.size(), 1.0), variance(t.size(), 0.0);
  const auto healthy = heq::gap::sullivan(t, zero, variance);
  const auto ill = heq::gap::sullivan(t, one, variance);
  for (std::size_t i = 0; i < t.size(); ++i) {
    CHECK(healthy.value[i] == Approx(t.e[i]).epsilon(1e-12));
    CHECK(ill.value[i] == Approx(0).margin(1e-12));
    CHECK(healthy.variance[i] == 0);
  }
  // The variance: a prevalence known only in the open band contributes L^2 v / l_x^2.
  std::vector<double> v(t.size(), 0.0);
  v.back() = 0.0004;
  const auto h = heq::gap::sullivan(t, zero, v);
  CHECK(h.variance[0] ==
        Approx(t.L.back() * t.L.back() * 0.0004 / (t.l[0] * t.l[0])).epsilon(1e-12));
}

TEST_CASE("gap: difference and ratio limits") {
  const std::vector<double> k95{0.95};
  const auto g = heq::gap::compare({70, 0.3}, {80, 0.4}, k95);
  CHECK(g.gap == 10);
  CHECK(g.gap_ci[0].lower == Approx(10 - 1.959963984540054 * 0.5).epsilon(1e-14));
  CHECK(g.ratio == Approx(80.0 / 70).epsilon(1e-15));
  const double se_log = std::sqrt(std::pow(0.4 / 80, 2) + std::pow(0.3 / 70, 2));
  CHECK(g.ratio_ci[0].upper ==
        Approx(80.0 / 70 * std::exp(1.959963984540054 * se_log)).epsilon(1e-14));
  CHECK(heq::gap::compare({-1, 0.1}, {2, 0.1}, k95).note ==
        "no ratio: it needs positive values on both sides");
  CHECK(heq::gap::compare({1, std::nan("")}, {2, 0.1}, k95).gap_ci.empty());
}

TEST_CASE("decompose table: contributions sum to heq-life's gap for every group") {
  std::mt19937_64 rng(9);
  std::string csv = "area,decile,startage,deaths,population\n";
  for (int area = 0; area < 30; ++area)
    for (int decile : {1, 10})
      for (const Band& b : table_bands(rng, decile == 1 ? 1.7 : 1.0))
        csv += fmt::format("A{},{},{},{},{}\n", area, decile, b.age, b.deaths, b.population);
  heq::life::TableOptions lo;
  lo.grouping.by = {"area", "decile"};
  lo.le_ages = {0, 65};
  const auto le = heq::test::parse_csv(
      heq::test::run_table(heq::life::run_life, lo, heq::test::text_input(csv)));
  std::map<std::string, double> e;
  for (const auto& r : le)
    e[r.at("area") + "/" + r.at("decile") + "/" + r.at("startage")] = num(r, "value");
  for (double at : {0.0, 65.0}) {
    heq::gap::DecomposeOptions o;
    o.group = "decile";
    o.from = "1";
    o.to = "10";
    o.grouping.by = {"area"};
    o.age_at = at;
    const auto rows = heq::test::parse_csv(
        heq::test::run_table(heq::gap::run_decompose, o, heq::test::text_input(csv)));
    std::map<std::string, double> sum, shares;
    for (const auto& r : rows) {
      sum[r.at("area")] += num(r, "contribution");
      shares[r.at("area")] += num(r, "share");
    }
    REQUIRE(sum.size() == 30);
    const std::string age = at == 0 ? "0" : "65";
    for (const auto& [area, total] : sum) {
      const double gap = e[area + "/10/" + age] - e[area + "/1/" + age];
      CHECK(std::abs(total - gap) <= 1e-9 * std::abs(gap));
      CHECK(shares[area] == Approx(100).epsilon(1e-9));
    }
  }
}

TEST_CASE("decompose table: bad input") {
  const std::string differing =
      "d,startage,cause,deaths,population\n1,0,a,1,100\n1,0,b,1,200\n1,5,a,1,100\n";
  heq::gap::DecomposeOptions o;
  o.group = "d";
  o.from = "1";
  o.to = "2";
  o.cause = "cause";
  CHECK_THROWS_AS(
      heq::test::run_table(heq::gap::run_decompose, o, heq::test::text_input(differing)),
      heq::DataError);
  o.to = "1";
  CHECK_THROWS_AS(
      heq::test::run_table(heq::gap::run_decompose, o, heq::test::text_input(differing)),
      heq::UsageError);
}

TEST_CASE("decompose health: mortality and health parts sum to the HLE gap exactly") {
  std::mt19937_64 rng(41);
  std::uniform_real_distribution<double> prevalence(0.05, 0.6);
  for (int trial = 0; trial < 200; ++trial) {
    const LifeTable a = heq::life::build(table_bands(rng, 1.0), 0.1);
    const LifeTable b = heq::life::build(table_bands(rng, 1.4), 0.1);
    std::vector<double> wa, wb;
    for (std::size_t i = 0; i < a.size(); ++i) {
      wa.push_back(1 - prevalence(rng));
      wb.push_back(1 - prevalence(rng));
    }
    const std::size_t k = trial % 2 ? 0 : 14;  // at birth and at 65
    // Sullivan's HLE from band k, directly.
    const auto hle = [&](const LifeTable& t, const std::vector<double>& w) {
      double s = 0;
      for (std::size_t i = k; i < t.size(); ++i) s += w[i] * t.L[i];
      return s / t.l[k];
    };
    for (bool symmetric : {false, true}) {
      const auto p = heq::gap::decompose_health(a, b, wa, wb, k, symmetric);
      const double total = std::accumulate(p.mortality.begin(), p.mortality.end(), 0.0) +
                           std::accumulate(p.health.begin(), p.health.end(), 0.0);
      CHECK(total == Approx(hle(b, wb) - hle(a, wa)).epsilon(1e-9));
      // Years in ill health: weights 1 - w; the mortality parts add up to Arriaga's LE.
      std::vector<double> ua, ub;
      for (std::size_t i = 0; i < a.size(); ++i) {
        ua.push_back(1 - wa[i]);
        ub.push_back(1 - wb[i]);
      }
      const auto u = heq::gap::decompose_health(a, b, ua, ub, k, symmetric);
      const auto le = symmetric ? heq::gap::arriaga_symmetric(a, b, k) : heq::gap::arriaga(a, b, k);
      for (std::size_t i = 0; i < le.size(); ++i) {
        CHECK(p.mortality[i] + u.mortality[i] == Approx(le[i]).margin(1e-12));
        CHECK(u.health[i] == Approx(-p.health[i]).margin(1e-15));
      }
    }
    // Symmetric: swapping the two negates every part.
    const auto ab = heq::gap::decompose_health(a, b, wa, wb, k, true);
    const auto ba = heq::gap::decompose_health(b, a, wb, wa, k, true);
    for (std::size_t i = 0; i < ab.health.size(); ++i) {
      CHECK(ba.mortality[i] == Approx(-ab.mortality[i]).margin(1e-12));
      CHECK(ba.health[i] == Approx(-ab.health[i]).margin(1e-12));
    }
  }
}

TEST_CASE("decompose health: identical health leaves only mortality, Arriaga's on the HLE table") {
  std::mt19937_64 rng(43);
  const LifeTable a = heq::life::build(table_bands(rng, 1.0), 0.1);
  const LifeTable b = heq::life::build(table_bands(rng, 1.3), 0.1);
  std::vector<double> w(a.size());
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = 0.9 - 0.01 * double(i);
  const auto p = heq::gap::decompose_health(a, b, w, w, 0, false);
  for (double h : p.health) CHECK(h == 0);
  const auto weighted = heq::gap::arriaga_weighted(a, b, 0, w, false);
  for (std::size_t i = 0; i < weighted.size(); ++i) CHECK(p.mortality[i] == weighted[i]);
  // With every weight 1 the weighted decomposition is Arriaga's own.
  const std::vector<double> ones(a.size(), 1.0);
  const auto plain = heq::gap::arriaga(a, b, 0),
             all = heq::gap::arriaga_weighted(a, b, 0, ones, false);
  for (std::size_t i = 0; i < plain.size(); ++i) CHECK(all[i] == Approx(plain[i]).margin(1e-12));
}

TEST_CASE("stepwise replacement: sums to the change; for LE it is Arriaga's") {
  std::mt19937_64 rng(47);
  for (int trial = 0; trial < 100; ++trial) {
    const std::vector<Band> from = table_bands(rng, 1.0), to = table_bands(rng, 0.7);
    const LifeTable a = heq::life::build(from, 0.1), b = heq::life::build(to, 0.1);
    const std::size_t k = trial % 2 ? 0 : 14;
    const auto le = [&](const LifeTable& t) { return t.e[k]; };
    const auto steps = heq::gap::stepwise(from, to, k, 0.1, le);
    CHECK(std::accumulate(steps.begin(), steps.end(), 0.0) ==
          Approx(b.e[k] - a.e[k]).epsilon(1e-12));
    const auto arriaga = heq::gap::arriaga(a, b, k);
    for (std::size_t i = 0; i < steps.size(); ++i)
      CHECK(steps[i] == Approx(arriaga[i]).margin(1e-9));
    // Any measure: e-dagger's change.
    const auto edagger = [&](const LifeTable& t) { return heq::life::lifespan(t, k).edagger; };
    const auto ed = heq::gap::stepwise(from, to, k, 0.1, edagger);
    CHECK(std::accumulate(ed.begin(), ed.end(), 0.0) ==
          Approx(edagger(b) - edagger(a)).epsilon(1e-10));
  }
}

namespace {

// The SII of LE at band k over tables in quantile order, weighted by each quantile's
// population from band k up, as heq-life | heq-sii --population pops_used computes it.
double sii_of_le(std::span<const std::vector<Band>> bands, std::span<const LifeTable> tables,
                 std::size_t k) {
  std::vector<heq::sii::Quantile> q(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    q[t].label = static_cast<double>(t + 1);
    q[t].value = tables[t].e[k];
    q[t].population = 0;
    for (std::size_t i = k; i < bands[t].size(); ++i) q[t].population += bands[t][i].population;
  }
  heq::sii::Options o;
  o.ci = heq::sii::CiMethod::analytic;
  return heq::sii::compute(q, o, heq::sii::ErrorSource::none, 0).sii;
}

}  // namespace

TEST_CASE("stepwise over quantiles: with two, the SII is 2 (e2 - e1), so cells are 2 x Arriaga") {
  // Two points fix the weighted line whatever the weights: SII = 2 (e_2 - e_1), and the
  // change splits into +2 x quantile 2's Arriaga terms and -2 x quantile 1's.
  std::mt19937_64 rng(53);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t k = trial % 2 ? 0 : 14;
    const std::vector<std::vector<Band>> from{table_bands(rng, 1.3), table_bands(rng, 1.0)},
        to{table_bands(rng, 1.1), table_bands(rng, 0.7)};
    const auto delta = heq::gap::stepwise_tables(
        from, to, k, 0.1, [&](auto bands, auto tables) { return sii_of_le(bands, tables, k); });
    for (std::size_t t = 0; t < 2; ++t) {
      const auto arriaga =
          heq::gap::arriaga(heq::life::build(from[t], 0.1), heq::life::build(to[t], 0.1), k);
      REQUIRE(delta[t].size() == arriaga.size());
      for (std::size_t i = 0; i < arriaga.size(); ++i)
        CHECK(delta[t][i] == Approx((t == 0 ? -2 : 2) * arriaga[i]).margin(2e-9));
    }
  }
}

TEST_CASE("stepwise over quantiles: cells sum to the SII's change; unchanged quantiles give 0") {
  std::mt19937_64 rng(59);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::vector<Band>> from, to;
    for (int q = 0; q < 10; ++q) {
      from.push_back(table_bands(rng, 1.4 - 0.05 * q));
      to.push_back(q == 3 || q == 7 ? table_bands(rng, 1.2 - 0.05 * q) : from.back());
    }
    const std::size_t k = trial % 2 ? 0 : 14;
    const auto measure = [&](auto bands, auto tables) { return sii_of_le(bands, tables, k); };
    const auto delta = heq::gap::stepwise_tables(from, to, k, 0.1, measure);
    std::vector<LifeTable> ta, tb;
    for (int q = 0; q < 10; ++q) {
      ta.push_back(heq::life::build(from[q], 0.1));
      tb.push_back(heq::life::build(to[q], 0.1));
    }
    double sum = 0;
    for (std::size_t q = 0; q < 10; ++q)
      for (double c : delta[q]) {
        sum += c;
        if (q != 3 && q != 7) CHECK(c == 0);
      }
    CHECK(sum == Approx(sii_of_le(to, tb, k) - sii_of_le(from, ta, k)).epsilon(1e-12));
  }
}

TEST_CASE("heq-decompose --measure sii: the change equals heq-life | heq-sii's two SIIs") {
  std::mt19937_64 rng(61);
  std::string csv = "period,decile,startage,deaths,population\n";
  for (const char* period : {"p1", "p2"})
    for (int q = 1; q <= 10; ++q)
      for (const Band& b : table_bands(rng, (period[1] == '1' ? 1.5 : 1.3) - 0.06 * q))
        csv += fmt::format("{},{},{},{},{}\n", period, q, b.age, b.deaths, b.population);
  heq::gap::DecomposeOptions o;
  o.group = "period";
  o.from = "p1";
  o.to = "p2";
  o.method = heq::gap::Method::stepwise;
  o.measure = heq::gap::Measure::sii;
  o.quantile = "decile";
  o.sum_over = "age";
  const auto rows = heq::test::parse_csv(
      heq::test::run_table(heq::gap::run_decompose, o, heq::test::text_input(csv)));
  REQUIRE(rows.size() == 10);
  double change = 0, shares = 0;
  for (const auto& r : rows) {
    change += heq::test::num(r, "contribution");
    shares += heq::test::num(r, "share");
  }
  CHECK(shares == Approx(100).epsilon(1e-12));
  // The two periods' SIIs through the tools' own table layers.
  double sii[2];
  for (int p = 0; p < 2; ++p) {
    heq::life::TableOptions life;
    life.grouping.by = {"decile"};
    life.le_ages = {0};
    heq::io::ReaderOptions in = heq::test::text_input(csv);
    in.where = {p == 0 ? "period=p1" : "period=p2"};
    const std::string les = heq::test::run_table(heq::life::run_life, life, in);
    heq::sii::TableOptions s;
    s.columns.quantile = "decile";
    s.columns.population = "pops_used";
    s.method.ci = heq::sii::CiMethod::analytic;
    sii[p] = heq::test::num(
        heq::test::parse_csv(heq::test::run_table(heq::sii::run_sii, s, heq::test::text_input(les)))
            .at(0),
        "sii");
  }
  CHECK(change == Approx(sii[1] - sii[0]).epsilon(1e-10));
}
