// Funnel overdispersion (Spiegelhalter 2005): phi and tau^2 against hand computations.
#include "rates/overdispersion.hpp"
#include "catch.hpp"

#include <cmath>
#include <vector>

using namespace heq::rates;

TEST_CASE("overdispersion: phi and tau2 by hand on four ratios") {
  // z = (sqrt(O/E) - 1) / (1 / (2 sqrt E)) = 2 (sqrt O - sqrt E): +2, -2, +2, -2.
  const double observed[] = {16, 4, 25, 9}, expected[] = {9, 9, 16, 16};
  std::vector<double> z, s;
  for (int i = 0; i < 4; ++i) {
    const Stabilised t = stabilise_ratio(observed[i], expected[i]);
    z.push_back((t.y - t.target) / t.s);
    s.push_back(t.s);
  }
  CHECK(z[0] == Approx(2).epsilon(1e-15));
  CHECK(z[1] == Approx(-2).epsilon(1e-15));
  const Dispersion d = estimate_dispersion(z, s, 0, Overdispersion::additive);
  CHECK(d.phi == Approx(4).epsilon(1e-15));
  // w = 1/s^2 = 4E: 36, 36, 64, 64; sum 200; sum w^2 / sum w = 10784 / 200 = 53.92.
  CHECK(d.tau2 == Approx((4 * 4 - 3) / (200 - 53.92)).epsilon(1e-13));
  CHECK(d.adjusted);
  // Limits: multiplicative z sqrt(phi) s; additive z sqrt(s^2 + tau2).
  CHECK(widened_half_width(2, 0.5, d, Overdispersion::multiplicative) == Approx(2 * 2 * 0.5));
  CHECK(widened_half_width(2, 0.5, d, Overdispersion::additive) ==
        Approx(2 * std::sqrt(0.25 + d.tau2)));
}

TEST_CASE("overdispersion: winsorising pulls an outlier to the 90th percentile") {
  // z = -4.5 ... 4.5 by 1, then the last made an outlier of 40.
  std::vector<double> z, s(10, 0.1);
  for (int i = 0; i < 10; ++i) z.push_back(i - 4.5);
  z[9] = 40;
  // R: quantile(z, c(0.1, 0.9)) (type 7): h = 9 x 0.1 = 0.9 -> -4.5 + 0.9 = -3.6;
  // h = 8.1 -> z[8] + 0.1 (z[9] - z[8]) = 3.5 + 0.1 x 36.5 = 7.15.
  double expected = 0;
  for (double v : z) {
    const double w = v < -3.6 ? -3.6 : v > 7.15 ? 7.15 : v;
    expected += w * w;
  }
  const Dispersion d = estimate_dispersion(z, s, 0.1, Overdispersion::multiplicative);
  CHECK(d.phi == Approx(expected / 10).epsilon(1e-13));
  const Dispersion raw = estimate_dispersion(z, s, 0, Overdispersion::multiplicative);
  double all = 0;
  for (double v : z) all += v * v;
  CHECK(raw.phi == Approx(all / 10).epsilon(1e-13));
  CHECK(d.phi < raw.phi / 5);  // the outlier no longer dominates
}

TEST_CASE("overdispersion: units that vary less than chance leave the limits exact") {
  std::vector<double> z{0.5, -0.5, 0.2, -0.1, 0.9}, s(5, 0.05);
  const Dispersion m = estimate_dispersion(z, s, 0.1, Overdispersion::multiplicative);
  CHECK(m.phi < 1);
  CHECK_FALSE(m.adjusted);
  const Dispersion a = estimate_dispersion(z, s, 0.1, Overdispersion::additive);
  CHECK(a.tau2 == 0);
  CHECK_FALSE(a.adjusted);
}

TEST_CASE("overdispersion: the stabilising scales round-trip") {
  for (double p : {0.001, 0.2, 0.5, 0.97}) {
    const Stabilised t = stabilise_proportion(p * 400, 400, p);
    CHECK(unstabilise_proportion(t.y) == Approx(p).epsilon(1e-12));
    CHECK(t.y == Approx(t.target).epsilon(1e-12));
    CHECK(t.s == Approx(1.0 / 40));
  }
  CHECK(unstabilise_ratio(std::sqrt(1.7)) == Approx(1.7).epsilon(1e-12));
  CHECK(unstabilise_ratio(-0.2) == 0);
  CHECK(unstabilise_proportion(-0.1) == 0);
  CHECK(unstabilise_proportion(2) == 1);
}
