#include "catch.hpp"
#include "core/missing.hpp"
#include "table_io.hpp"

#include "core/diagnostics.hpp"
#include "core/error.hpp"
#include "io/sink.hpp"
#include "sii/sii.hpp"
#include "stats/confidence.hpp"
#include "stats/percentile.hpp"
#include "stats/random.hpp"
#include "tables/sii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using heq::kMissing;

using namespace heq::sii;

namespace {

// PHEindicatormethods' worked example (uk-methods.md 1.10): area1 of testdata_SII.
std::vector<Quantile> area1() {
  const double pop[] = {7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534};
  const double y[] = {
      75.933459010308098, 78.344238272784295, 83.836063104165405, 83.637539966493094, 80.465503,
      81.115676,          81.693084,          84.190006,          80.595564,          86.289435};
  const double se[] = {1.638472, 1.578193, 1.513436, 1.775491, 1.701339,
                       1.564121, 1.368115, 1.400142, 2.432846, 1.566518};
  std::vector<Quantile> q;
  for (int i = 0; i < 10; ++i)
    q.push_back({double(i + 1), pop[i], y[i], se[i], kMissing, kMissing});
  return q;
}

Result run(const std::vector<Quantile>& q, Options o, ErrorSource e = ErrorSource::se,
           std::uint64_t seed = 1) {
  return compute(q, o, e, seed);
}

std::string run_table(const std::string& csv, TableOptions t, heq::Diagnostics* d = nullptr) {
  std::string out;
  heq::io::Reader reader(heq::test::text_input(csv));
  heq::io::Writer writer(std::make_unique<heq::io::StringSink>(out), {});
  heq::Diagnostics local;
  heq::sii::run_sii(t, reader, writer, d ? *d : local);
  return out;
}

// Many decile groups with noisy values, for table-level properties.
std::string many_groups(int groups) {
  std::string csv = "area,quantile,population,value,lowercl,uppercl\n";
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  for (int g = 0; g < groups; ++g)
    for (int q = 1; q <= 10; ++q) {
      const double v = 70 + q + 3 * u(rng), half = 1 + u(rng);
      csv += fmt::format("A{},{},{},{},{},{}\n", g, q, 5000 + int(3000 * u(rng)), v, v - half,
                         v + half);
    }
  return csv;
}

}  // namespace

TEST_CASE("sii: relative ranks satisfy their identities") {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(1, 1000);
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<double> pops(2 + trial % 20);
    for (double& p : pops) p = u(rng);
    const double total = std::accumulate(pops.begin(), pops.end(), 0.0);
    const auto b = relative_ranks(pops);
    double ab = 0, spread = 0, cubes = 0;
    for (std::size_t i = 0; i < pops.size(); ++i) {
      const double a = pops[i] / total;
      ab += a * b[i];
      spread += a * (b[i] - 0.5) * (b[i] - 0.5);
      cubes += a * a * a;
    }
    CHECK(ab == Approx(0.5).epsilon(1e-12));
    CHECK(spread == Approx((1 - cubes) / 12).epsilon(1e-12));
  }
}

TEST_CASE("sii: the published worked example") {
  Options o;
  o.rii = true;
  const Result r = run(area1(), o);
  CHECK(r.sii == Approx(6.934616474).epsilon(1e-9));
  CHECK(r.rii == Approx(1.088818080).epsilon(1e-9));
  CHECK(r.intercept == Approx(78.076630782).epsilon(1e-9));
  const auto b = relative_ranks(
      std::vector<double>{7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534});
  CHECK(b[0] == Approx(0.053331).margin(5e-7));
  CHECK(b[9] == Approx(0.944891).margin(5e-7));
  // Analytic interval published beside it, to its 4 decimals: [3.0898, 10.7794].
  o.ci = CiMethod::analytic;
  o.rii = false;
  const Result a = run(area1(), o);
  CHECK(a.sii_ci[0].lower == Approx(3.0898).margin(1e-4));
  CHECK(a.sii_ci[0].upper == Approx(10.7794).margin(1e-4));
}

TEST_CASE("sii: exactly linear values give the exact line") {
  std::vector<Quantile> q;
  const std::vector<double> pops{120, 80, 100, 150, 50};
  const auto b = relative_ranks(pops);
  for (std::size_t i = 0; i < pops.size(); ++i)
    q.push_back({double(i + 1), pops[i], 3 + 5 * b[i], 0.1});
  Options o;
  o.rii = true;
  const Result r = run(q, o);
  CHECK(r.sii == Approx(5).epsilon(1e-12));
  CHECK(r.intercept == Approx(3).epsilon(1e-12));
  CHECK(r.rii == Approx(8.0 / 3).epsilon(1e-12));
}

TEST_CASE("sii: log-linear rates give RII = exp(slope) on the log scale") {
  std::vector<Quantile> q;
  const std::vector<double> pops{100, 200, 300, 200, 100};
  const auto b = relative_ranks(pops);
  const double alpha = std::log(50.0), beta = -0.7;
  for (std::size_t i = 0; i < pops.size(); ++i) {
    const double y = std::exp(alpha + beta * b[i]);
    q.push_back({double(i + 1), pops[i], y, kMissing, y * 0.9, y * 1.1});
  }
  Options o;
  o.type = ValueType::rate;
  o.transform = true;
  o.rii = true;
  o.multiplier = 1000;
  const Result r = run(q, o, ErrorSource::limits);
  CHECK(r.rii == Approx(std::exp(beta)).epsilon(1e-12));
  CHECK(r.sii == Approx((std::exp(alpha + beta) - std::exp(alpha)) * 1000).epsilon(1e-12));
  CHECK(r.intercept == Approx(50 * 1000).epsilon(1e-12));
}

TEST_CASE("sii: scaling every population changes nothing") {
  Options o;
  o.rii = true;
  o.ci = CiMethod::analytic;
  o.rii = false;
  auto q = area1();
  const Result a = run(q, o);
  for (Quantile& x : q) x.population *= 37.5;
  const Result b = run(q, o);
  CHECK(b.sii == Approx(a.sii).epsilon(1e-13));
  CHECK(b.sii_ci[0].lower == Approx(a.sii_ci[0].lower).epsilon(1e-13));
}

TEST_CASE("sii: negating the values negates the SII; a negative multiplier inverts the RII") {
  Options o;
  o.rii = true;
  const Result a = run(area1(), o);
  auto q = area1();
  for (Quantile& x : q) x.value = -x.value;
  const Result neg = run(q, o);
  CHECK(neg.sii == Approx(-a.sii).epsilon(1e-13));
  o.multiplier = -1;
  const Result flipped = run(area1(), o);
  CHECK(flipped.sii == Approx(-a.sii).epsilon(1e-13));
  CHECK(flipped.rii == Approx(1 / a.rii).epsilon(1e-13));
  // Same seed: mirror-image draws. The limits mirror up to one order statistic (PHE takes
  // positions 2500 and 97500, one short of symmetric), so compare to simulation resolution.
  CHECK(flipped.sii_ci[0].lower == Approx(-a.sii_ci[0].upper).epsilon(1e-3));
  CHECK(flipped.rii_ci[0].upper == Approx(1 / a.rii_ci[0].lower).epsilon(1e-3));
}

TEST_CASE("sii: simulation agrees with the exact interval where one exists") {
  // An order statistic at probability p of R = 1e5 normal draws has SD
  // sqrt(p (1 - p) / R) / phi(z_p) sd: 0.0085 sd at 97.5%, 0.030 sd at 99.9%. Allow 5.
  Options o;
  o.levels = {0.95, 0.998};
  const Result mc = run(area1(), o, ErrorSource::se, 99);
  o.ci = CiMethod::analytic;
  const Result exact = run(area1(), o, ErrorSource::se);
  const double sd = (exact.sii_ci[0].upper - exact.sii_ci[0].lower) / (2 * 1.959963984540054);
  for (int l = 0; l < 2; ++l) {
    const double p = 0.5 + o.levels[l] / 2, z = heq::stats::z_for_level(o.levels[l]);
    const double density = std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
    const double tolerance = 5 * std::sqrt(p * (1 - p) / 1e5) / density * sd;
    CHECK(std::abs(mc.sii_ci[l].lower - exact.sii_ci[l].lower) < tolerance);
    CHECK(std::abs(mc.sii_ci[l].upper - exact.sii_ci[l].upper) < tolerance);
  }
}

TEST_CASE("sii: drawing the fitted line directly matches drawing every quantile") {
  // heq draws (intercept, slope) from their joint normal law; PHE draws each quantile and
  // refits. Brute force the latter here and compare the RII interval (a ratio, so it
  // needs the joint law right, not just the slope's variance).
  Options o;
  o.rii = true;
  o.reps = 200000;
  const auto q = area1();
  const Result fast = run(q, o, ErrorSource::se, 5);
  std::vector<double> pops;
  for (const auto& x : q) pops.push_back(x.population);
  const auto b = relative_ranks(pops);
  const double total = std::accumulate(pops.begin(), pops.end(), 0.0);
  double vb = 0;
  for (std::size_t i = 0; i < q.size(); ++i) vb += pops[i] / total * (b[i] - 0.5) * (b[i] - 0.5);
  std::mt19937_64 eng(8);
  std::normal_distribution<double> z;
  std::vector<double> rii(o.reps);
  for (auto& r : rii) {
    double ybar = 0, slope = 0;
    for (std::size_t i = 0; i < q.size(); ++i) {
      const double a = pops[i] / total, y = q[i].value + q[i].se * z(eng);
      ybar += a * y;
      slope += a * (b[i] - 0.5) * y / vb;
    }
    const double icept = ybar - slope / 2;
    r = (icept + slope) / icept;
  }
  const auto brute = heq::stats::percentile_limits(rii, o.levels);
  const double width = brute[0].second - brute[0].first;
  CHECK(std::abs(fast.rii_ci[0].lower - brute[0].first) < 0.02 * width);
  CHECK(std::abs(fast.rii_ci[0].upper - brute[0].second) < 0.02 * width);
}

TEST_CASE("sii: transformed limits swap for a negative multiplier") {
  std::vector<Quantile> q;
  for (int i = 0; i < 5; ++i)
    q.push_back({double(i + 1), 100, 50.0 - 5 * i, kMissing, 45.0 - 5 * i, 55.0 - 5 * i});
  Options o;
  o.type = ValueType::rate;
  o.transform = true;
  o.rii = true;
  o.ci = CiMethod::analytic;
  const Result up = run(q, o, ErrorSource::limits);
  o.multiplier = -1;
  const Result down = run(q, o, ErrorSource::limits);
  CHECK(down.sii_ci[0].lower == Approx(-up.sii_ci[0].upper).epsilon(1e-13));
  CHECK(down.rii_ci[0].lower == Approx(1 / up.rii_ci[0].upper).epsilon(1e-13));
  CHECK(down.sii_ci[0].lower < down.sii);
  CHECK(down.sii < down.sii_ci[0].upper);
  // A multiplier between 0 and 1 is not a polarity flip, unless --compat phe.
  o.multiplier = 0.5;
  const Result half = run(q, o, ErrorSource::limits);
  CHECK(half.sii_ci[0].lower < half.sii_ci[0].upper);
  CHECK(half.note.empty());
  o.compat_phe = true;
  const Result quirk = run(q, o, ErrorSource::limits);
  CHECK(quirk.sii_ci[0].lower == Approx(half.sii_ci[0].upper).epsilon(1e-13));
  CHECK(quirk.note.find("--compat phe") != std::string::npos);
}

TEST_CASE("sii: reliability gives a small, non-negative MAD per level") {
  Options o;
  o.rii = true;
  o.reliability = true;
  o.levels = {0.95, 0.99};
  const Result r = run(area1(), o);
  REQUIRE(r.sii_mad.size() == 2);
  REQUIRE(r.rii_mad.size() == 2);
  for (double m : r.sii_mad) {
    CHECK(m > 0);
    CHECK(m < 0.1);  // about 0.02 for this group at 1e5 draws per block
  }
}

TEST_CASE("sii: groups that cannot be computed say why") {
  Options o;
  CHECK(run({}, o).note == "no quantiles");
  CHECK(run({area1()[0]}, o).note == "fewer than 2 quantiles");
  auto q = area1();
  q[3].population = 0;
  CHECK(run(q, o).note == "quantile 4 has a zero population");
  q = area1();
  q[2].value = kMissing;
  CHECK(run(q, o).note == "quantile 3 has no value");
  q = area1();
  q[1].se = kMissing;
  const Result no_se = run(q, o);
  CHECK(!std::isnan(no_se.sii));
  CHECK(no_se.sii_ci.empty());
  CHECK(no_se.note == "no limits: quantile 2 has no standard error");
  std::vector<Quantile> rates;
  for (int i = 0; i < 5; ++i)
    rates.push_back({double(i + 1), 100, double(i), kMissing, 0.0, i + 1.0});
  o.type = ValueType::rate;
  o.transform = true;
  CHECK(run(rates, o, ErrorSource::limits).note ==
        "quantile 1 has a rate of 0, which has no log; the SII cannot be fitted on the log scale");
  o.transform = false;
  const Result untransformed = run(rates, o, ErrorSource::limits);
  CHECK(!std::isnan(untransformed.sii));
  CHECK(untransformed.note.rfind("no limits: quantile 1's limits (0, 1) have no log", 0) == 0);
}

TEST_CASE("sii: impossible option combinations are usage errors") {
  Options o;
  o.transform = true;
  CHECK_THROWS_AS(validate(o, ErrorSource::limits), heq::UsageError);
  o.type = ValueType::rate;
  CHECK_THROWS_AS(validate(o, ErrorSource::se), heq::UsageError);
  CHECK_NOTHROW(validate(o, ErrorSource::limits));
  o = Options{};
  o.multiplier = 0;
  CHECK_THROWS_AS(validate(o, ErrorSource::se), heq::UsageError);
  o = Options{};
  o.reps = 999;
  CHECK_THROWS_AS(validate(o, ErrorSource::se), heq::UsageError);
  o = Options{};
  o.ci = CiMethod::analytic;
  o.type = ValueType::proportion;
  CHECK_THROWS_AS(validate(o, ErrorSource::se), heq::UsageError);
  o.type = ValueType::normal;
  o.rii = true;
  CHECK_THROWS_AS(validate(o, ErrorSource::se), heq::UsageError);
}

TEST_CASE("sii table: results do not depend on the thread count") {
  const std::string csv = many_groups(300);
  TableOptions t;
  t.grouping.by = {"area"};
  t.method.rii = true;
  t.method.reps = 2000;
  t.grouping.threads = 1;
  const std::string one = run_table(csv, t);
  t.grouping.threads = 2;
  CHECK(run_table(csv, t) == one);
  t.grouping.threads = 7;
  CHECK(run_table(csv, t) == one);
}

TEST_CASE("sii table: a group's limits do not depend on the other groups") {
  const std::string csv = many_groups(20);
  TableOptions t;
  t.grouping.by = {"area"};
  t.method.reps = 5000;
  const auto all = heq::test::parse_csv(run_table(csv, t));
  std::string only = "area,quantile,population,value,lowercl,uppercl\n";
  std::size_t pos = csv.find("\nA7,");
  for (int k = 0; k < 10; ++k) {
    const std::size_t end = csv.find('\n', pos + 1);
    only += csv.substr(pos + 1, end - pos);
    pos = end;
  }
  const auto alone = heq::test::parse_csv(run_table(only, t));
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].at("sii_lowercl") == all[7].at("sii_lowercl"));
}

TEST_CASE("sii table: each group uses its own quantiles, sorted numerically") {
  const std::string csv =
      "g,quantile,population,value\n"
      "deciles,10,10,20\ndeciles,9,10,19\ndeciles,8,10,18\ndeciles,7,10,17\ndeciles,6,10,16\n"
      "deciles,5,10,15\ndeciles,4,10,14\ndeciles,3,10,13\ndeciles,2,10,12\ndeciles,1,10,11\n"
      "quintiles,1,5,1\nquintiles,2,5,2\nquintiles,3,5,3\nquintiles,4,5,4\nquintiles,5,5,5\n"
      "gap,1,1,1\ngap,2,1,2\ngap,4,1,4\n";
  TableOptions t;
  t.grouping.by = {"g"};
  heq::Diagnostics d;
  const auto rows = heq::test::parse_csv(run_table(csv, t, &d));
  REQUIRE(rows.size() == 3);
  CHECK(heq::test::num(rows[0], "sii") == Approx(10));  // 10 equal deciles, slope 1 per decile
  CHECK(rows[0].at("quantiles") == "10");
  CHECK(heq::test::num(rows[1], "sii") == Approx(5));
  CHECK(rows[2].at("sii").empty());
  CHECK(rows[2].at("note") == "quantile 3 is missing (labels run to 4)");
  REQUIRE(d.warnings().size() == 2);
  CHECK(d.warnings()[0] ==
        "groups differ in their number of quantiles (10 in 1 group, 5 in 1 group, 3 in 1 group); "
        "give --quantiles N to require N");
  t.expected_quantiles = 10;
  const auto strict = heq::test::parse_csv(run_table(csv, t));
  CHECK(!strict[0].at("sii").empty());
  CHECK(strict[1].at("note") == "5 of 10 quantiles present (missing 6, 7, 8, 9, 10)");
}

TEST_CASE("sii table: a repeated quantile is an error naming both lines") {
  const std::string csv = "quantile,population,value\n1,5,1\n2,5,2\n1,5,3\n";
  try {
    run_table(csv, TableOptions{});
    FAIL("expected a DataError");
  } catch (const heq::DataError& e) {
    CHECK(e.where().line == 4);
    CHECK(std::string(e.what()) == "quantile 1 appears twice in one group (lines 2 and 4)");
  }
}

TEST_CASE("sii table: column names and limit names") {
  TableOptions t;
  t.grouping.by = {"area", "sex"};
  t.method.rii = true;
  t.method.intercept = true;
  t.method.reliability = true;
  t.method.levels = {0.95, 0.998};
  CHECK(output_columns(t) ==
        std::vector<std::string>{"area", "sex", "sii", "sii_lower95_0cl", "sii_upper95_0cl",
                                 "sii_lower99_8cl", "sii_upper99_8cl", "rii", "rii_lower95_0cl",
                                 "rii_upper95_0cl", "rii_lower99_8cl", "rii_upper99_8cl",
                                 "intercept", "sii_mad95_0", "sii_mad99_8", "rii_mad95_0",
                                 "rii_mad99_8", "quantiles", "note"});
}
