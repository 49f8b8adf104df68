#include "catch.hpp"
#include "table_io.hpp"

#include "core/age_label.hpp"
#include "core/error.hpp"
#include "rates/basic.hpp"
#include "rates/dsr.hpp"
#include "rates/funnel.hpp"
#include "rates/isr.hpp"
#include "rates/quantile.hpp"
#include "rates/standard.hpp"
#include "stats/intervals.hpp"

#include <cmath>
#include <limits>
#include <vector>

using namespace heq::rates;

namespace {
const std::vector<double> k95{0.95};
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("rates: exact limits below 10 events, Byars' from 10") {
  const Estimate zero = crude_rate(0, 1000, 1000, k95);
  CHECK(zero.value == 0);
  CHECK(zero.ci[0].lower == 0);
  CHECK(zero.ci[0].upper == Approx(3.688879454113936).epsilon(1e-12));  // chi2(0.975; 2)/2
  const Estimate nine = crude_rate(9, 1000, 1000, k95);
  CHECK(nine.ci[0].lower == Approx(heq::stats::exact_poisson_lower(9, 0.95)).epsilon(1e-15));
  const Estimate ten = crude_rate(10, 1000, 1000, k95);
  CHECK(ten.ci[0].lower == Approx(heq::stats::byars_lower(10, 0.95)).epsilon(1e-15));
  // The published check: 65 events, Byars 95% [50.163188, 82.849139].
  CHECK(heq::stats::byars_lower(65, 0.95) == Approx(50.163188).margin(5e-7));
  CHECK(heq::stats::byars_upper(65, 0.95) == Approx(82.849139).margin(5e-7));
  CHECK(std::isnan(heq::stats::byars_lower(1, 0.998)));  // the package's NA
}

TEST_CASE("rates: Wilson limits are symmetric and within 0..1") {
  for (double x : {0.0, 1.0, 7.0, 50.0, 99.0, 100.0}) {
    const double lo = heq::stats::wilson_lower(x, 100, 0.95),
                 hi = heq::stats::wilson_upper(x, 100, 0.95);
    CHECK(lo >= -1e-15);
    CHECK(hi <= 1 + 1e-15);
    CHECK(lo == Approx(1 - heq::stats::wilson_upper(100 - x, 100, 0.95)).margin(1e-14));
  }
  // The published check: 65 of 100, 95% [0.552544, 0.736358].
  CHECK(heq::stats::wilson_lower(65, 100, 0.95) == Approx(0.552544).margin(5e-7));
}

TEST_CASE("rates: a mean's limits use Student's t") {
  const std::vector<double> v{1, 2, 3, 4};
  const Mean m = mean(v, k95);
  CHECK(m.estimate.value == 2.5);
  CHECK(m.sd == Approx(std::sqrt(5.0 / 3)).epsilon(1e-14));
  const double half = 3.182446305284263 * m.sd / 2;  // t(0.975; 3)
  CHECK(m.estimate.ci[0].lower == Approx(2.5 - half).epsilon(1e-12));
  CHECK(mean(std::vector<double>{5}, k95).estimate.ci.empty());
}

TEST_CASE("rates: a one-band DSR is the crude rate with its Byars limits") {
  const std::vector<DsrBand> one{{120, 120, 40000, 5000}};
  const Dsr d = dsr(one, 100000, k95);
  const Estimate crude = crude_rate(120, 40000, 100000, k95);
  CHECK(d.value == Approx(crude.value).epsilon(1e-13));
  CHECK(d.ci[0].lower == Approx(crude.ci[0].lower).epsilon(1e-12));
  CHECK(d.ci[0].upper == Approx(crude.ci[0].upper).epsilon(1e-12));
  // Doubling every weight changes nothing; fewer than 10 events gives a note.
  const std::vector<DsrBand> two{{60, 60, 20000, 3000}, {60, 60, 20000, 3000}};
  const std::vector<DsrBand> twice{{60, 60, 20000, 6000}, {60, 60, 20000, 6000}};
  CHECK(dsr(two, 1, k95).value == Approx(dsr(twice, 1, k95).value).epsilon(1e-15));
  CHECK(dsr(std::vector<DsrBand>{{9, 9, 1000, 1}}, 1, k95).note == "total count 9 is below 10");
}

TEST_CASE("rates: non-independent events widen the DSR's limits") {
  // 100 events from 50 people with two each, against 100 people with one each.
  const std::vector<DsrBand> independent{{100, 100, 10000, 1}};
  const std::vector<DsrBand> repeated{{100, 200, 10000, 1}};
  const Dsr a = dsr(independent, 1, k95), b = dsr(repeated, 1, k95);
  CHECK(a.value == b.value);
  CHECK(b.ci[0].upper - b.ci[0].lower ==
        Approx(std::sqrt(2.0) * (a.ci[0].upper - a.ci[0].lower)).epsilon(1e-12));
}

TEST_CASE("rates: standard population weights by band") {
  const StandardPopulation& esp = *standard_population("esp2013");
  double total = 0;
  for (double w : esp.weights) total += w;
  CHECK(total == 100000);
  CHECK(standard_weight(esp, 0, 5) == 5000);
  CHECK(standard_weight(esp, 0, 1) == 1000);
  CHECK(standard_weight(esp, 1, 5) == 4000);
  CHECK(standard_weight(esp, 90, inf) == 1000);
  CHECK(standard_weight(esp, 90, 95) == 800);
  CHECK(standard_weight(esp, 85, inf) == 2500);
  CHECK(standard_weight(esp, 70, 75) == 5000);
  CHECK(std::isnan(standard_weight(esp, 3, 5)));
  CHECK(std::isnan(standard_weight(esp, 0, 3)));
  const StandardPopulation& old = *standard_population("esp1976");
  total = 0;
  for (double w : old.weights) total += w;
  CHECK(total == 100000);
  CHECK(standard_weight(old, 0, 5) == 8000);
  CHECK(std::isnan(standard_weight(old, 90, inf)));
  CHECK(standard_population("who") == nullptr);
}

TEST_CASE("rates: age band labels") {
  const auto a = heq::parse_age_label("10-14");
  CHECK(a.start == 10);
  CHECK(a.end == 15);
  CHECK(heq::parse_age_label("90+").end == inf);
  CHECK(heq::parse_age_label("45 to 49").end == 50);
  CHECK(heq::parse_age_label("00-04").start == 0);
  CHECK(std::isnan(heq::parse_age_label("85").end));
  CHECK(std::isnan(heq::parse_age_label("all ages").start));
}

TEST_CASE("rates: an area with the reference's own rates has an ISR of 1") {
  const std::vector<IsrBand> bands{
      {10, 1000, 100, 10000}, {30, 2000, 300, 20000}, {60, 500, 1200, 10000}};
  const Isr r = isr(bands, std::nan(""), false, 1, k95);
  CHECK(r.expected == Approx(100).epsilon(1e-13));
  CHECK(r.value == Approx(1).epsilon(1e-13));
  const Isr rate = isr(bands, std::nan(""), true, 100000, k95);
  CHECK(rate.value == Approx(1600.0 / 40000 * 100000).epsilon(1e-13));
  CHECK(isr(bands, 50, false, 1, k95).observed == 50);  // observed totals win
}

TEST_CASE("rates: quantiles share ties, invert, and need enough values") {
  const std::vector<double> v{5, 1, 3, 3, 9, std::nan(""), 7, 2, 8, 4};
  const auto up = assign_quantiles(v, 3, false);
  CHECK(up[1] == 1);      // the lowest value
  CHECK(up[4] == 3);      // the highest
  CHECK(up[2] == up[3]);  // tied values share a quantile
  CHECK(std::isnan(up[5]));
  const auto down = assign_quantiles(v, 3, true);
  CHECK(down[4] == 1);
  CHECK(down[1] == 3);
  for (double q : assign_quantiles(v, 10, true)) CHECK(std::isnan(q));  // 9 values, 10 quantiles
}

TEST_CASE("funnels: proportion limits bracket the average and narrow with size") {
  double last_width = 1;
  for (double n : {50.0, 500.0, 5000.0, 50000.0}) {
    const double lo = proportion_limit(0.975, n, 0.3, false),
                 hi = proportion_limit(0.975, n, 0.3, true);
    CHECK(lo < 0.3);
    CHECK(hi > 0.3);
    CHECK(hi - lo < last_width);
    last_width = hi - lo;
    CHECK(proportion_limit(0.999, n, 0.3, false) < lo);
  }
}

TEST_CASE("funnels: the Poisson bisection finds the tail probability") {
  for (double o : {1.0, 5.0, 40.0, 300.0}) {
    const double mean_low = poisson_funnel(o, 0.025, true);
    CHECK(poisson_probability(mean_low, o, 1e10) == Approx(0.025).margin(1e-6));
    const double mean_high = poisson_funnel(o, 0.025, false);
    CHECK(poisson_probability(mean_high, 0, o) == Approx(0.025).margin(1e-6));
  }
  const auto axis = axis_points(0, 2000, false);
  REQUIRE(axis.size() == 100);
  CHECK(axis.front() == 1);
  for (std::size_t i = 1; i < axis.size(); ++i) CHECK(axis[i] > axis[i - 1]);
  CHECK(axis.back() == 2000);
}

TEST_CASE("rates: the IoD's national deciles (IoD2015: decile 1 holds 3,284 of 32,844 LSOAs)") {
  // Distinct scores in a scrambled order; rank 1 is the highest score.
  const std::size_t n = 32844;
  std::vector<double> scores(n);
  for (std::size_t i = 0; i < n; ++i) scores[i] = static_cast<double>((i * 7919) % n) + 0.5;
  const std::vector<double> deciles = heq::rates::assign_imd_quantiles(scores, 10, true);
  std::vector<std::size_t> count(11, 0);
  for (std::size_t i = 0; i < n; ++i) {
    // Closed form: the score's rank r = n - floor(score), decile = ceil(10 r / n).
    const std::size_t rank = n - static_cast<std::size_t>(scores[i]);
    CHECK(deciles[i] == static_cast<double>((10 * rank + n - 1) / n));
    ++count[static_cast<std::size_t>(deciles[i])];
  }
  CHECK(count[1] == 3284);
  // ceil(10 r / n) = d exactly for (d - 1) n / 10 < r <= d n / 10.
  for (std::size_t d = 1; d <= 10; ++d) CHECK(count[d] == (d * n) / 10 - ((d - 1) * n) / 10);
  // --no-invert: rank 1 is the lowest value.
  const std::vector<double> low =
      heq::rates::assign_imd_quantiles(std::vector<double>{5, 1, 3, 2, 4}, 5, false);
  CHECK(low == std::vector<double>{5, 1, 3, 2, 4});
  // Ties share the lowest rank; missing values get none and do not count in N.
  const double nan = std::nan("");
  const std::vector<double> tied =
      heq::rates::assign_imd_quantiles(std::vector<double>{9, 9, 1, nan, 5}, 2, true);
  CHECK(tied[0] == 1);
  CHECK(tied[1] == 1);
  CHECK(tied[2] == 2);
  CHECK(std::isnan(tied[3]));
  CHECK(tied[4] == 2);  // rank 3 of 4: ceil(3 x 2 / 4) = 2
}
