// Scotland's SII/RII conventions (ScotPHO, Scottish Government long-term monitoring):
// regression limits, RII over the weighted mean, PAR; checked against a direct weighted
// least-squares solve (Eigen) with Boost's Student t, on random data.
#include "catch.hpp"
#include "core/error.hpp"
#include "sii/sii.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace heq::sii;

namespace {

struct Direct {
  double slope, se, mean;
};

// lm(y ~ b, weights = pop): slope, its standard error, and the weighted mean of y.
Direct direct_wls(const std::vector<Quantile>& q) {
  const Eigen::Index n = static_cast<Eigen::Index>(q.size());
  double total = 0;
  for (const Quantile& x : q) total += x.population;
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd y(n), w(n);
  double cumulative = 0, mean = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double a = q[i].population / total;
    X(i, 0) = 1;
    X(i, 1) = cumulative + a / 2;
    cumulative += a;
    y(i) = q[i].value;
    w(i) = q[i].population;  // raw populations: lm's result does not depend on their scale
    mean += a * q[i].value;
  }
  const Eigen::MatrixXd XtW = X.transpose() * w.asDiagonal();
  const Eigen::MatrixXd XtWX_inv = (XtW * X).inverse();
  const Eigen::VectorXd beta = XtWX_inv * XtW * y;
  const Eigen::VectorXd e = y - X * beta;
  const double s2 = (e.array().square() * w.array()).sum() / static_cast<double>(n - 2);
  return {beta(1), std::sqrt(s2 * XtWX_inv(1, 1)), mean};
}

std::vector<Quantile> random_quantiles(std::mt19937_64& rng, std::size_t n) {
  std::uniform_real_distribution<double> pop(1000, 20000), noise(-3, 3);
  std::vector<Quantile> q;
  for (std::size_t i = 0; i < n; ++i)
    q.push_back({double(i + 1), pop(rng), 70 + 1.2 * double(i) + noise(rng), 0.5, 69, 71});
  return q;
}

}  // namespace

TEST_CASE("sii scotland: regression limits and the mean RII equal a direct WLS solve") {
  std::mt19937_64 rng(20261202);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = trial % 2 ? 10 : 5;
    const std::vector<Quantile> q = random_quantiles(rng, n);
    const Direct d = direct_wls(q);
    Options o;
    o.ci = CiMethod::regression;
    o.rii = true;
    o.rii_method = RiiMethod::mean;
    o.par = true;
    o.levels = {0.95, 0.998};
    const Result r = compute(q, o, ErrorSource::none, 1);
    REQUIRE(r.note.empty());
    CHECK(r.sii == Approx(d.slope).epsilon(1e-10));
    CHECK(r.rii == Approx(d.slope / d.mean).epsilon(1e-10));
    const boost::math::students_t_distribution<double> t(static_cast<double>(n - 2));
    for (std::size_t l = 0; l < o.levels.size(); ++l) {
      const double tq = boost::math::quantile(t, 0.5 + o.levels[l] / 2);
      CHECK(r.sii_ci[l].lower == Approx(d.slope - tq * d.se).epsilon(1e-9));
      CHECK(r.sii_ci[l].upper == Approx(d.slope + tq * d.se).epsilon(1e-9));
      CHECK(r.rii_ci[l].lower == Approx((d.slope - tq * d.se) / d.mean).epsilon(1e-9));
      CHECK(r.rii_ci[l].upper == Approx((d.slope + tq * d.se) / d.mean).epsilon(1e-9));
    }
    CHECK(r.par == Approx(d.mean - q.back().value).epsilon(1e-12));
    CHECK(r.par_percent == Approx(100 * (d.mean - q.back().value) / d.mean).epsilon(1e-12));
  }
}

TEST_CASE("sii scotland: ScotPHO's PAR formula is mean minus least deprived") {
  // ScotPHO: par_rr = (rate / least - 1) p; PAR% = 100 sum(par_rr) / (sum(par_rr) + 1).
  std::mt19937_64 rng(7);
  const std::vector<Quantile> q = random_quantiles(rng, 5);
  double total = 0, sum_rr = 0;
  for (const Quantile& x : q) total += x.population;
  for (const Quantile& x : q) sum_rr += (x.value / q.back().value - 1) * x.population / total;
  Options o;
  o.par = true;
  const Result r = compute(q, o, ErrorSource::none, 1);
  CHECK(r.par_percent == Approx(100 * sum_rr / (sum_rr + 1)).epsilon(1e-12));
}

TEST_CASE("sii scotland: the mean RII follows the multiplier's sign, not its size") {
  std::mt19937_64 rng(11);
  const std::vector<Quantile> q = random_quantiles(rng, 10);
  Options o;
  o.rii = true;
  o.rii_method = RiiMethod::mean;
  o.ci = CiMethod::analytic;
  const Result plain = compute(q, o, ErrorSource::limits, 1);
  o.multiplier = -100;
  const Result flipped = compute(q, o, ErrorSource::limits, 1);
  CHECK(flipped.rii == Approx(-plain.rii).epsilon(1e-12));
  CHECK(flipped.rii_ci[0].lower == Approx(-plain.rii_ci[0].upper).epsilon(1e-12));
  CHECK(flipped.sii == Approx(-100 * plain.sii).epsilon(1e-12));
  // The mean RII's limits are the SII's over |M| mean, whatever the interval method.
  CHECK(plain.rii_ci[0].lower * (plain.sii / plain.rii) ==
        Approx(plain.sii_ci[0].lower).epsilon(1e-12));
}

TEST_CASE("sii scotland: regression limits need three quantiles; ratio RII is refused") {
  std::mt19937_64 rng(3);
  const std::vector<Quantile> two = random_quantiles(rng, 2);
  Options o;
  o.ci = CiMethod::regression;
  const Result r = compute(two, o, ErrorSource::none, 1);
  CHECK(!std::isnan(r.sii));
  CHECK(r.sii_ci.empty());
  CHECK(r.note.find("3 or more quantiles") != std::string::npos);
  o.rii = true;
  CHECK_THROWS_AS(validate(o, ErrorSource::none), heq::UsageError);
  o.rii_method = RiiMethod::mean;
  CHECK_NOTHROW(validate(o, ErrorSource::none));
}
