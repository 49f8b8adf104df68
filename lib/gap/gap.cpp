#include "gap/gap.hpp"

#include "stats/confidence.hpp"

#include <cmath>

namespace heq::gap {

Gap compare(Side from, Side to, std::span<const double> levels) {
  Gap g;
  if (std::isnan(from.value) || std::isnan(to.value)) {
    g.note = std::isnan(from.value) ? "the --from subgroup has no value"
                                    : "the --to subgroup has no value";
    return g;
  }
  g.gap = to.value - from.value;
  const bool positive = from.value > 0 && to.value > 0;
  if (positive) g.ratio = to.value / from.value;
  const bool limits = !std::isnan(from.se) && !std::isnan(to.se);
  if (limits) {
    const double se_gap = std::sqrt(to.se * to.se + from.se * from.se);
    const double se_log =
        std::sqrt(std::pow(to.se / to.value, 2) + std::pow(from.se / from.value, 2));
    for (double level : levels) {
      const double z = stats::z_for_level(level);
      g.gap_ci.push_back({g.gap - z * se_gap, g.gap + z * se_gap});
      if (positive)
        g.ratio_ci.push_back({g.ratio * std::exp(-z * se_log), g.ratio * std::exp(z * se_log)});
    }
  }
  if (!limits)
    g.note = "no limits: a subgroup has no standard error or limits";
  else if (!positive)
    g.note = "no ratio: it needs positive values on both sides";
  return g;
}

}  // namespace heq::gap
