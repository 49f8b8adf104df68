#include "catch.hpp"

#include "core/error.hpp"
#include "stats/confidence.hpp"
#include "stats/intervals.hpp"
#include "stats/percentile.hpp"
#include "stats/random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>

using namespace heq::stats;

TEST_CASE("confidence: levels as fractions or percentages") {
  CHECK(parse_levels("0.95") == std::vector<double>{0.95});
  CHECK(parse_levels("95,99.8") == std::vector<double>{0.95, 0.998});
  CHECK(parse_levels("0.9,0.998") == std::vector<double>{0.9, 0.998});
  for (const char* bad : {"1", "0", "100", "abc", "0.95,0.95", "30", "", "0.95,"})
    CHECK_THROWS_AS(parse_levels(bad), heq::UsageError);
}

TEST_CASE("confidence: z and names") {
  // The z values PHEindicatormethods prints (qnorm in R).
  CHECK(std::abs(z_for_level(0.95) - 1.959963984540054) < 1e-15);
  CHECK(std::abs(z_for_level(0.998) - 3.090232306167813) < 1e-14);
  CHECK(level_suffix(0.95) == "95_0");
  CHECK(level_suffix(0.998) == "99_8");
  CHECK(level_suffix(0.9) == "90_0");
  CHECK(level_suffix(0.9995) == "99_95");
  CHECK(lower_name("", 0.95, false) == "lowercl");
  CHECK(upper_name("sii_", 0.998, true) == "sii_upper99_8cl");
}

TEST_CASE("percentile: the order statistics PHEindicatormethods takes") {
  using P = std::pair<std::size_t, std::size_t>;
  CHECK(percentile_positions(100000, 0.95) == P{2500, 97500});
  CHECK(percentile_positions(100000, 0.98) == P{1000, 99000});
  CHECK(percentile_positions(100000, 0.99) == P{500, 99500});
  CHECK(percentile_positions(100000, 0.998) == P{100, 99900});
  CHECK(percentile_positions(10000, 0.95) == P{250, 9750});
  CHECK(percentile_positions(1000, 0.999) == P{1, 1000});  // round(0.5) = 0, kept in range
}

TEST_CASE("percentile: selection gives the sorted values at those positions") {
  std::vector<double> draws(100000);
  std::iota(draws.begin(), draws.end(), 1.0);  // value k sits at position k once sorted
  std::shuffle(draws.begin(), draws.end(), std::mt19937_64(7));
  const std::vector<double> levels{0.998, 0.95};
  const auto limits = percentile_limits(draws, levels);
  CHECK(limits[0] == std::pair<double, double>{100, 99900});
  CHECK(limits[1] == std::pair<double, double>{2500, 97500});
}

TEST_CASE("random: the same seed gives the same draws everywhere") {
  // Pinned values: a change of engine, distribution or Boost version shows up here.
  NormalDraws z(42);
  const double first[3] = {z(), z(), z()};
  NormalDraws again(42);
  for (double f : first) CHECK(again() == f);
  CHECK(first[0] == -0.69018591622748071);
  CHECK(first[1] == -0.80723593464514476);
  CHECK(first[2] == -2.1769669541929053);
}

TEST_CASE("random: each group has its own stream") {
  const std::uint64_t a = stream_seed(1, {"E06000001", "1"});
  CHECK(a == stream_seed(1, {"E06000001", "1"}));
  CHECK(a != stream_seed(1, {"E06000001", "2"}));
  CHECK(a != stream_seed(2, {"E06000001", "1"}));
  CHECK(stream_seed(1, {"ab", "c"}) != stream_seed(1, {"a", "bc"}));
}

namespace {

// The two-sample Kolmogorov-Smirnov statistic.
double ks_statistic(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::abs(double(i) / double(a.size()) - double(j) / double(b.size())));
  }
  return d;
}

}  // namespace

TEST_CASE("order statistics: sampled exactly, distributed as draw-and-select") {
  // 3,000 seeds each way, R = 2,000 draws, the 95% and 99.8% positions. Two-sample KS
  // at alpha = 0.001: D < 1.95 sqrt(2 / 3000) = 0.0504 for the lower limit, the upper
  // and their distance (which checks the conditional step too).
  const std::size_t reps = 2000, n = 3000;
  const std::vector<double> levels{0.95, 0.998};
  std::vector<std::size_t> positions;
  for (double level : levels) {
    const auto [lo, hi] = heq::stats::percentile_positions(reps, level);
    positions.push_back(lo);
    positions.push_back(hi);
  }
  std::sort(positions.begin(), positions.end());
  std::vector<std::vector<double>> fast(4), slow(4);
  std::vector<double> draws(reps);
  for (std::size_t seed = 1; seed <= n; ++seed) {
    const auto f = heq::stats::normal_order_statistics(3, 2, reps, positions, seed);
    heq::stats::NormalDraws z(1000000 + seed);
    for (double& d : draws) d = 3 + 2 * z();
    std::sort(draws.begin(), draws.end());
    for (std::size_t i = 0; i < 4; ++i) {
      fast[i].push_back(f[i]);
      slow[i].push_back(draws[positions[i] - 1]);
    }
  }
  const double critical = 1.95 * std::sqrt(2.0 / double(n));
  for (std::size_t i = 0; i < 4; ++i) CHECK(ks_statistic(fast[i], slow[i]) < critical);
  std::vector<double> fast_span, slow_span;
  for (std::size_t s = 0; s < n; ++s) {
    fast_span.push_back(fast[2][s] - fast[1][s]);
    slow_span.push_back(slow[2][s] - slow[1][s]);
  }
  CHECK(ks_statistic(fast_span, slow_span) < critical);
  // Means and SDs agree to Monte Carlo error (reported in the issue note).
  for (std::size_t i = 0; i < 4; ++i) {
    const auto mean = [](const std::vector<double>& v) {
      return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    };
    const double mf = mean(fast[i]), ms = mean(slow[i]);
    double vf = 0, vs = 0;
    for (std::size_t s = 0; s < n; ++s) {
      vf += (fast[i][s] - mf) * (fast[i][s] - mf);
      vs += (slow[i][s] - ms) * (slow[i][s] - ms);
    }
    const double sd = std::sqrt(vs / double(n - 1));
    CHECK(std::abs(mf - ms) < 4 * sd * std::sqrt(2.0 / double(n)));
    CHECK(std::sqrt(vf / vs) == Approx(1).margin(0.1));
    UNSCOPED_INFO("position " << positions[i] << ": mean " << mf << " vs " << ms << ", sd "
                              << std::sqrt(vf / double(n - 1)) << " vs " << sd);
  }
}

TEST_CASE("stats: t and chi-squared quantiles answered from the cache are Boost's, bit for bit") {
  // Many more (p, df) pairs than the cache holds, each asked three times in a shuffled
  // order: a repeat, a collision or an evicted entry must all give Boost's own value.
  std::vector<std::pair<double, double>> asks;
  for (double p : {0.001, 0.025, 0.5, 0.975, 0.999})
    for (int df = 1; df <= 60; ++df) asks.emplace_back(p, df + (df % 7 == 0 ? 0.5 : 0));
  std::vector<std::pair<double, double>> order;
  for (int pass = 0; pass < 3; ++pass) order.insert(order.end(), asks.begin(), asks.end());
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  for (const auto& [p, df] : order) {
    const double t = boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
    const double c = boost::math::quantile(boost::math::chi_squared_distribution<double>(df), p);
    INFO("p " << p << ", df " << df);
    REQUIRE(heq::stats::t_quantile(p, df) == t);
    REQUIRE(heq::stats::chi_squared_quantile(p, df) == c);
  }
}
