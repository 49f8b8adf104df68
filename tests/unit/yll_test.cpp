// Years of life lost: the definitions on hand-worked cases and their invariants.
#include "rates/yll.hpp"
#include "catch.hpp"
#include "rates/dsr.hpp"

#include <cmath>
#include <random>
#include <vector>

using namespace heq::rates;

TEST_CASE("yll: potential years to a limit, and working years between two ages") {
  const YllWindow pyll{0, 75}, working{16, 65};
  CHECK(potential_years(2.5, pyll) == 72.5);
  CHECK(potential_years(74.9, pyll) == Approx(0.1));
  CHECK(potential_years(75, pyll) == 0);
  CHECK(potential_years(80, pyll) == 0);
  CHECK(potential_years(15.5, working) == 0);
  CHECK(potential_years(16, working) == 49);
  CHECK(potential_years(64.5, working) == 0.5);
  CHECK(potential_years(65, working) == 0);
}

TEST_CASE("yll: a limit below every death loses nothing; one band is deaths x (limit - mid)") {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> age(0, 100);
  for (int i = 0; i < 1000; ++i) {
    const double a = age(rng);
    CHECK(potential_years(a, {0, a}) == 0);  // the limit at (or below) the death
    CHECK(potential_years(a, {0, a / 2}) == 0);
  }
  // One band 20-24 (midpoint 22.5) of 7 deaths: 7 x (75 - 22.5).
  const double mid = mean_age_at_death(20, 25, 5);
  CHECK(mid == 22.5);
  CHECK(7 * potential_years(mid, {0, 75}) == Approx(7 * 52.5));
}

TEST_CASE("yll: the age at death in a band") {
  CHECK(mean_age_at_death(0, 1, 0) == 0.5);
  CHECK(mean_age_at_death(1, 5, 1) == 3);
  CHECK(mean_age_at_death(37, 38, 1) == 37.5);
  CHECK(mean_age_at_death(90, INFINITY, 5) == 92.5);
}

TEST_CASE("yll: expected years interpolate a reference life table") {
  const std::vector<double> ages{0, 1, 5, 10}, e{80, 79.5, 75.6, 70.7};
  CHECK(expected_years(0, ages, e) == 80);
  CHECK(expected_years(0.5, ages, e) == Approx(79.75));
  CHECK(expected_years(3, ages, e) == Approx(79.5 + 0.5 * (75.6 - 79.5)));
  CHECK(expected_years(10, ages, e) == 70.7);
  CHECK(expected_years(40, ages, e) == 70.7);
}

TEST_CASE("yll: the rate is heq-dsr's with deaths as Dobson's count") {
  // Two bands by hand: YLL 500 and 375; DSR = 1e5 (6 x 500 + 8 x 375) / 1e5 = 6000.
  const std::vector<DsrBand> bands{{10 * 50.0, 10 * 2500.0, 10000, 60000, 10},
                                   {30 * 12.5, 30 * 156.25, 5000, 40000, 30}};
  const Dsr d = dsr(bands, 100000, std::vector<double>{0.95});
  CHECK(d.value == Approx(6000).epsilon(1e-14));
  CHECK(d.total_count == 875);  // the YLL
  // V = (10 x 2500 x 36 + 30 x 156.25 x 64) / 1e10 = 1.2e-4; D = 40 deaths.
  const double spread = std::sqrt(1.2e-4 / 40);
  const double z = 1.959963984540054;
  const double byars_lo = 40 * std::pow(1 - 1.0 / 360 - z / (3 * std::sqrt(40.0)), 3);
  const double byars_hi = 41 * std::pow(1 - 1.0 / 369 + z / (3 * std::sqrt(41.0)), 3);
  CHECK(d.ci[0].lower == Approx(6000 + spread * (byars_lo - 40) * 1e5).epsilon(1e-12));
  CHECK(d.ci[0].upper == Approx(6000 + spread * (byars_hi - 40) * 1e5).epsilon(1e-12));
  // Fewer than 10 deaths: no rate, whatever the years.
  const std::vector<DsrBand> few{{9 * 50.0, 9 * 2500.0, 10000, 60000, 9}};
  CHECK(std::isnan(dsr(few, 100000, std::vector<double>{0.95}).value));
}
