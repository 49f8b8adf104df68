#include "trend/trend.hpp"
#include "core/missing.hpp"

#include <cmath>

namespace heq::trend {

namespace {

Marker cannot(std::string reason) {
  return {"Cannot be calculated", std::move(reason), kMissing, kMissing};
}

double slope_of(std::span<const Point> p, Kind kind) {
  return kind == Kind::proportion ? logit_slope(p) : weighted_slope(p).slope;
}

}  // namespace

// Times are centred first: the formulas are invariant to a shift of t, and years near
// 2000 squared would otherwise cancel away most of a double's digits.
double mean_time(std::span<const Point> points) {
  double s = 0;
  for (const Point& p : points) s += p.time;
  return s / static_cast<double>(points.size());
}

double proportion_statistic(std::span<const Point> points) {
  const double t0 = mean_time(points);
  double n = 0, c = 0, a = 0, b = 0, q = 0;
  for (const Point& p : points) {
    const double t = p.time - t0;
    n += p.denominator;
    c += p.count;
    a += p.count * t;
    b += p.denominator * t;
    q += p.denominator * t * t;
  }
  const double d = n * a - c * b;
  return n * d * d / (c * (n - c) * (n * q - b * b));
}

double logit_slope(std::span<const Point> points) {
  const double t0 = mean_time(points);
  double sy = 0;
  std::vector<double> y;
  for (const Point& p : points) {
    const double r = p.count / p.denominator;
    y.push_back(std::log(r / (1 - r)));
    sy += y.back();
  }
  const double ybar = sy / static_cast<double>(points.size());
  double stt = 0, sty = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double t = points[i].time - t0;
    stt += t * t;
    sty += t * (y[i] - ybar);
  }
  return sty / stt;
}

Line weighted_slope(std::span<const Point> points) {
  double sw = 0, swt = 0, swy = 0;
  for (const Point& p : points) {
    const double w = 1 / (p.se * p.se);
    sw += w;
    swt += w * p.time;
    swy += w * p.value;
  }
  const double tbar = swt / sw, ybar = swy / sw;
  double stt = 0, sty = 0;
  for (const Point& p : points) {
    const double w = 1 / (p.se * p.se), t = p.time - tbar;
    stt += w * t * t;
    sty += w * t * (p.value - ybar);
  }
  return {sty / stt, std::sqrt(1 / stt)};
}

Marker recent_trend(std::span<const Point> all, Kind kind, bool duplicate_times, bool overlapping,
                    bool positions) {
  if (duplicate_times) return cannot("Duplicate years in group");
  if (overlapping) return cannot("Overlapping periods");
  if (all.size() < 5) return cannot("Not enough data points");
  std::vector<Point> recent(all.end() - 5, all.end());
  if (positions)
    for (std::size_t i = 0; i < recent.size(); ++i) recent[i].time = static_cast<double>(i + 1);
  const std::span<const Point> p = recent;
  for (const Point& x : p) {
    if (kind == Kind::proportion) {
      if (std::isnan(x.count) || std::isnan(x.denominator)) return cannot("Missing values");
    } else if (std::isnan(x.value)) {
      return cannot("Missing values");
    }
  }
  if (kind == Kind::other)
    for (const Point& x : p)
      if (std::isnan(x.se)) return cannot("Missing at least one confidence interval value");

  Marker m;
  if (kind == Kind::proportion) {
    m.statistic = proportion_statistic(p);
  } else {
    const Line line = weighted_slope(p);
    m.statistic = line.slope * line.slope / (line.se * line.se);
  }
  m.gradient = slope_of(p, kind);
  if (!std::isfinite(m.statistic) || !std::isfinite(m.gradient))
    return cannot("Values cannot be tested");
  if (!(m.statistic > kCritical)) {
    m.trend = "No significant change";
    m.reason = "No significant trend";
    return m;
  }
  // Leave each point out in turn: a slope that changes sign means one point drives it.
  for (std::size_t drop = 0; drop < p.size(); ++drop) {
    std::vector<Point> rest;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (i != drop) rest.push_back(p[i]);
    const double s = slope_of(rest, kind);
    if (s * m.gradient < 0) {
      m.trend = "No significant change";
      m.reason = "Outlier found";
      return m;
    }
  }
  m.trend = m.gradient > 0 ? "Increasing" : "Decreasing";
  m.reason = "No outliers and significant trend";
  return m;
}

}  // namespace heq::trend
