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
