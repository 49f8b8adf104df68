#include "gap/arriaga.hpp"

#include <cmath>

namespace heq::gap {

std::vector<double> arriaga(const life::LifeTable& a, const life::LifeTable& b, std::size_t k) {
  const std::size_t n = a.size();
  std::vector<double> delta;
  const double base = a.l[k];
  for (std::size_t i = k; i < n; ++i) {
    const double here = a.l[i] / base * (b.e[i] - a.e[i]);
    const double next = i + 1 < n ? a.l[i + 1] / base * (b.e[i + 1] - a.e[i + 1]) : 0;
    delta.push_back(here - next);
  }
  return delta;
}

std::vector<double> arriaga_symmetric(const life::LifeTable& a, const life::LifeTable& b,
                                      std::size_t k) {
  std::vector<double> forward = arriaga(a, b, k);
  const std::vector<double> backward = arriaga(b, a, k);
  for (std::size_t i = 0; i < forward.size(); ++i) forward[i] = (forward[i] - backward[i]) / 2;
  return forward;
}

namespace {

std::vector<double> weighted_direction(const life::LifeTable& a, const life::LifeTable& b,
                                       std::size_t k, std::span<const double> w) {
  const std::size_t n = a.size();
  // he_i = T^w_i / l_i on each table.
  std::vector<double> ha(n), hb(n);
  double ta = 0, tb = 0;
  for (std::size_t i = n; i-- > k;) {
    ta += w[i] * a.L[i];
    tb += w[i] * b.L[i];
    ha[i] = a.l[i] > 0 ? ta / a.l[i] : 0;
    hb[i] = b.l[i] > 0 ? tb / b.l[i] : 0;
  }
  std::vector<double> delta;
  const double base = a.l[k];
  for (std::size_t i = k; i < n; ++i) {
    const double here = a.l[i] / base * (hb[i] - ha[i]);
    const double next = i + 1 < n ? a.l[i + 1] / base * (hb[i + 1] - ha[i + 1]) : 0;
    delta.push_back(here - next);
  }
  return delta;
}

}  // namespace

std::vector<double> arriaga_weighted(const life::LifeTable& a, const life::LifeTable& b,
                                     std::size_t k, std::span<const double> w, bool symmetric) {
  std::vector<double> forward = weighted_direction(a, b, k, w);
  if (!symmetric) return forward;
  const std::vector<double> backward = weighted_direction(b, a, k, w);
  for (std::size_t i = 0; i < forward.size(); ++i) forward[i] = (forward[i] - backward[i]) / 2;
  return forward;
}

HealthParts decompose_health(const life::LifeTable& a, const life::LifeTable& b,
                             std::span<const double> wa, std::span<const double> wb, std::size_t k,
                             bool symmetric) {
  const std::size_t n = a.size();
  std::vector<double> mean(n);
  for (std::size_t i = 0; i < n; ++i) mean[i] = (wa[i] + wb[i]) / 2;
  HealthParts p;
  p.mortality = arriaga_weighted(a, b, k, mean, symmetric);
  for (std::size_t i = k; i < n; ++i)
    p.health.push_back((a.L[i] / a.l[k] + b.L[i] / b.l[k]) / 2 * (wb[i] - wa[i]));
  return p;
}

std::vector<double> stepwise(std::span<const life::Band> from, std::span<const life::Band> to,
                             std::size_t k, double a0,
                             const std::function<double(const life::LifeTable&)>& measure) {
  std::vector<life::Band> bands(from.begin(), from.end());
  life::LifeTable table;
  life::build(bands, a0, table);
  double before = measure(table);
  std::vector<double> delta(bands.size() - k);
  for (std::size_t i = bands.size(); i-- > k;) {
    bands[i] = to[i];
    life::build(bands, a0, table);
    const double after = measure(table);
    delta[i - k] = after - before;
    before = after;
  }
  return delta;
}

std::vector<std::vector<double>> stepwise_tables(
    std::span<const std::vector<life::Band>> from, std::span<const std::vector<life::Band>> to,
    std::size_t k, double a0,
    const std::function<double(std::span<const std::vector<life::Band>>,
                               std::span<const life::LifeTable>)>& measure) {
  std::vector<std::vector<life::Band>> bands(from.begin(), from.end());
  std::vector<life::LifeTable> tables(bands.size());
  for (std::size_t t = 0; t < bands.size(); ++t) life::build(bands[t], a0, tables[t]);
  double before = measure(bands, tables);
  std::vector<std::vector<double>> delta(bands.size());
  for (std::size_t t = 0; t < bands.size(); ++t) {
    delta[t].assign(bands[t].size() - k, 0);
    for (std::size_t i = bands[t].size(); i-- > k;) {
      bands[t][i] = to[t][i];
      life::build(bands[t], a0, tables[t]);  // only this table changed
      const double after = measure(bands, tables);
      delta[t][i - k] = after - before;
      before = after;
    }
  }
  return delta;
}

CauseSplit split_by_cause(double contribution, std::span<const double> from,
                          std::span<const double> to) {
  CauseSplit s;
  double m1 = 0, m2 = 0;
  for (std::size_t c = 0; c < from.size(); ++c) {
    m1 += from[c];
    m2 += to[c];
  }
  const double difference = m2 - m1, mean = (m1 + m2) / 2;
  if (std::abs(difference) > 1e-6 * mean) {
    for (std::size_t c = 0; c < from.size(); ++c)
      s.contribution.push_back(contribution * (to[c] - from[c]) / difference);
    return s;
  }
  if (m1 + m2 > 0) {
    for (std::size_t c = 0; c < from.size(); ++c)
      s.contribution.push_back(contribution * (from[c] + to[c]) / (m1 + m2));
    s.note = "death rates nearly equal in this band: split by the causes' shares of deaths";
  } else {
    for (std::size_t c = 0; c < from.size(); ++c)
      s.contribution.push_back(contribution / static_cast<double>(from.size()));
    s.note = "no deaths in this band: split equally among causes";
  }
  return s;
}

}  // namespace heq::gap
