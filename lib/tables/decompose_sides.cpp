#include "tables/decompose_sides.hpp"

#include "core/error.hpp"
#include "io/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace heq::gap::detail {

Side gather(const std::vector<const Row*>& rows, const std::vector<std::string>& causes,
            const io::Reader& in, std::size_t pop_col) {
  std::map<double, std::size_t> index;
  Side s;
  std::map<std::pair<double, std::string>, std::size_t> seen;  // (age, cause) -> line
  for (const Row* r : rows) {
    auto [it, fresh] = index.try_emplace(r->age, s.bands.size());
    if (fresh) {
      s.bands.push_back({r->age, 0, r->population});
      s.cause_deaths.emplace_back(causes.size(), 0.0);
      s.healthy.push_back(1 - r->prevalence);
    }
    if (!(1 - r->prevalence == s.healthy[it->second]) && !std::isnan(r->prevalence))
      throw DataError(Location{in.name(), r->line, 0},
                      fmt::format("age band {}: the prevalence differs from another cause row of "
                                  "this subgroup; it must repeat the band's prevalence",
                                  io::format_number(r->age)));
    life::Band& b = s.bands[it->second];
    if (!(r->population == b.population || (std::isnan(r->population) && std::isnan(b.population))))
      throw DataError(
          Location{in.name(), r->line, pop_col + 1},
          fmt::format("age band {}: population {} differs from {} on another cause row of "
                      "this subgroup; it must repeat the band's population",
                      io::format_number(r->age), io::format_number(r->population),
                      io::format_number(b.population)));
    const auto [dup, first_time] = seen.try_emplace({r->age, r->cause}, r->line);
    if (!first_time)
      throw DataError(Location{in.name(), r->line, 0},
                      fmt::format("age band {}{} appears twice for one subgroup (lines {} and {})",
                                  io::format_number(r->age),
                                  r->cause.empty() ? "" : fmt::format(", cause '{}',", r->cause),
                                  dup->second, r->line));
    b.deaths += r->deaths;
    if (!causes.empty()) {
      const std::size_t c = static_cast<std::size_t>(
          std::find(causes.begin(), causes.end(), r->cause) - causes.begin());
      s.cause_deaths[it->second][c] += r->deaths;
    }
  }
  // Sort bands by age, keeping cause rows aligned.
  std::vector<std::size_t> order(s.bands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return s.bands[a].age < s.bands[b].age; });
  Side sorted;
  for (std::size_t i : order) {
    sorted.bands.push_back(s.bands[i]);
    sorted.cause_deaths.push_back(s.cause_deaths[i]);
    sorted.healthy.push_back(s.healthy[i]);
  }
  return sorted;
}

bool same_layout(const std::vector<life::Band>& a, const std::vector<life::Band>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].age != b[i].age) return false;
  return true;
}

}  // namespace heq::gap::detail
