// Trends: the weighted slope against closed forms and a direct solve, and the marker's rules.
#include "catch.hpp"
#include "core/missing.hpp"

#include "trend/trend.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <random>
#include <vector>

using heq::kMissing;

using heq::trend::Kind;
using heq::trend::Point;

namespace {
Point other(double t, double v, double se) {
  Point p;
  p.time = t;
  p.value = v;
  p.se = se;
  return p;
}
}  // namespace

TEST_CASE("trend: the weighted slope on exactly linear data is the line, its se the closed form") {
  std::vector<Point> p;
  for (int t = 2010; t <= 2019; ++t) p.push_back(other(t, 70 + 0.25 * (t - 2010), 0.4));
  const heq::trend::Line line = heq::trend::weighted_slope(p);
  CHECK(std::abs(line.slope - 0.25) < 1e-12);
  // Equal weights: var = se^2 / sum (t - mean t)^2 = 0.16 / 82.5.
  CHECK(std::abs(line.se - std::sqrt(0.16 / 82.5)) < 1e-12);
}

TEST_CASE("trend: the weighted slope and its se equal a direct weighted least-squares solve") {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  for (int rep = 0; rep < 20; ++rep) {
    std::vector<Point> p;
    const int n = 3 + rep % 8;
    Eigen::MatrixXd x(n, 2);
    Eigen::VectorXd y(n), w(n);
    for (int i = 0; i < n; ++i) {
      const double se = 0.2 + std::abs(noise(rng));
      p.push_back(other(2000 + 1.5 * i, 50 + noise(rng) * 3, se));
      x(i, 0) = 1;
      x(i, 1) =
          p.back().time - 2000;  // the slope is shift-invariant; the solve is better conditioned
      y(i) = p.back().value;
      w(i) = 1 / (se * se);
    }
    const Eigen::MatrixXd xtwx = x.transpose() * w.asDiagonal() * x;
    const Eigen::VectorXd root = w.cwiseSqrt();
    const Eigen::VectorXd beta =
        (root.asDiagonal() * x).colPivHouseholderQr().solve(root.asDiagonal() * y);
    const double se = std::sqrt(xtwx.inverse()(1, 1));
    const heq::trend::Line line = heq::trend::weighted_slope(p);
    CHECK(std::abs(line.slope - beta(1)) <= 1e-9 * std::abs(beta(1)));
    CHECK(std::abs(line.se - se) <= 1e-9 * se);
  }
}

TEST_CASE("trend: the marker's rules in order") {
  std::vector<Point> rising;
  for (int t = 1; t <= 6; ++t) rising.push_back(other(t, 10 + t, 0.2));
  CHECK(heq::trend::recent_trend(rising, Kind::other, true, false).reason ==
        "Duplicate years in group");
  CHECK(heq::trend::recent_trend(rising, Kind::other, false, true).reason == "Overlapping periods");
  CHECK(heq::trend::recent_trend(std::vector<Point>(rising.begin(), rising.begin() + 4),
                                 Kind::other, false, false)
            .reason == "Not enough data points");
  const heq::trend::Marker up = heq::trend::recent_trend(rising, Kind::other, false, false);
  CHECK(up.trend == "Increasing");
  CHECK(std::abs(up.gradient - 1) < 1e-12);  // only the last 5 count
  std::vector<Point> missing = rising;
  missing[3].value = heq::kMissing;
  CHECK(heq::trend::recent_trend(missing, Kind::other, false, false).reason == "Missing values");
  missing[0].value = heq::kMissing;  // outside the last 5
  missing[3].value = 14;
  missing[3].se = heq::kMissing;
  CHECK(heq::trend::recent_trend(missing, Kind::other, false, false).reason ==
        "Missing at least one confidence interval value");
  std::vector<Point> flat;
  for (int t = 1; t <= 5; ++t) flat.push_back(other(t, 10 + (t % 2) * 0.1, 1));
  CHECK(heq::trend::recent_trend(flat, Kind::other, false, false).reason == "No significant trend");
  // One point drives the trend: leaving it out turns the slope.
  std::vector<Point> outlier{other(1, 10.2, 0.05), other(2, 10.1, 0.05), other(3, 10, 0.05),
                             other(4, 9.9, 0.05), other(5, 20, 0.05)};
  const heq::trend::Marker o = heq::trend::recent_trend(outlier, Kind::other, false, false);
  CHECK(o.trend == "No significant change");
  CHECK(o.reason == "Outlier found");
}

TEST_CASE("trend: the chi-squared test for trend in proportions, by hand") {
  // O = 10, 20, 30 of n = 100 at t = 1, 2, 3: N = 300, C = 60, A = 140, B = 600, Q = 1400.
  std::vector<Point> p(3);
  for (int i = 0; i < 3; ++i) {
    p[i].time = i + 1;
    p[i].count = 10.0 * (i + 1);
    p[i].denominator = 100;
  }
  const double want =
      300 * std::pow(300 * 140 - 60 * 600, 2) / (60 * 240 * (300 * 1400 - 600.0 * 600));
  CHECK(std::abs(heq::trend::proportion_statistic(p) - want) < 1e-12 * want);
  // logit slope: (logit 0.3 - logit 0.1) / 2 for three equally spaced points.
  const auto logit = [](double r) { return std::log(r / (1 - r)); };
  CHECK(std::abs(heq::trend::logit_slope(p) - (logit(0.3) - logit(0.1)) / 2) < 1e-12);
}
