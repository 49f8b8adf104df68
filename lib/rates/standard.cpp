#include "rates/standard.hpp"
#include "core/missing.hpp"

#include <cmath>
#include <limits>

namespace heq::rates {

namespace {

StandardPopulation make(std::string name, std::vector<double> starts, std::vector<double> weights) {
  return {std::move(name), std::move(starts), std::move(weights)};
}

std::vector<double> five_year_starts(double from, double to) {
  std::vector<double> v;
  for (double x = from; x <= to; x += 5) v.push_back(x);
  return v;
}

}  // namespace

const StandardPopulation* standard_population(std::string_view name) {
  // ESP2013's 19 published bands (0-4, ..., 90+) with Eurostat's splits of 0-4 into
  // 0 (1,000) and 1-4 (4,000), and of 90+ into 90-94 (800) and 95+ (200).
  static const StandardPopulation esp2013 = [] {
    std::vector<double> starts{0, 1};
    for (double x : five_year_starts(5, 95)) starts.push_back(x);
    return make("esp2013", starts,
                {1000, 4000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 800,  200});
  }();
  // ESP1976: 0, 1-4, 5-9, ..., 80-84, 85+.
  static const StandardPopulation esp1976 = [] {
    std::vector<double> starts{0, 1};
    for (double x : five_year_starts(5, 85)) starts.push_back(x);
    return make("esp1976", starts,
                {1600, 6400, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000,
                 4000, 3000, 2000, 1000, 1000});
  }();
  if (name == "esp2013") return &esp2013;
  if (name == "esp1976") return &esp1976;
  return nullptr;
}

double standard_weight(const StandardPopulation& s, double start, double end) {
  const std::size_t n = s.starts.size();
  std::size_t i = 0;
  while (i < n && s.starts[i] != start) ++i;
  if (i == n) return kMissing;
  double weight = 0;
  for (std::size_t j = i; j < n; ++j) {
    if (s.starts[j] >= end) return s.starts[j] == end ? weight : kMissing;
    weight += s.weights[j];
  }
  return std::isinf(end) ? weight : kMissing;  // a closed band must end on an edge
}

std::size_t standard_bands(const StandardPopulation& s, double start, double end) {
  if (std::isnan(standard_weight(s, start, end))) return 0;
  std::size_t count = 0;
  for (double edge : s.starts) count += edge >= start && edge < end;
  return count;
}

}  // namespace heq::rates
