#pragma once
// heq-funnel's table layer: each point's significance against its group's funnel
// (every input column passed through), or with `limits` the funnel's 100-point control
// limits per group.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "rates/funnel.hpp"
#include "rates/overdispersion.hpp"
#include "tables/grouping.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace heq::rates {

struct FunnelOptions {
  FunnelType type = FunnelType::proportion;
  RateType rate_type = RateType::dsr;
  RatioType ratio_type = RatioType::isr;
  std::string count = "count";            // numerator: events, successes, observed
  std::string population = "population";  // denominator (proportions; crude rates)
  std::string expected = "expected";      // ratios
  std::string rate = "value";             // rates
  bool population_given = false;
  double multiplier = 0;  // 0: 100 (proportions), 100000 (rates)
  double years = 0;       // years of data (rates)
  bool limits = false;
  bool compat_phe = false;  // clip proportion limits at 100 whatever the multiplier
  Overdispersion overdispersion = Overdispersion::none;
  double winsorise = 0.1;  // of the z-scores at each end, for phi and tau^2
  Grouping grouping;
};

void run_funnel(const FunnelOptions& options, io::Reader& reader, io::Writer& writer,
                Diagnostics& diagnostics);

// One group's funnel on a chart's axes: each point at (denominator, value) with its
// significance, and the four control limits as curves. Proportions: (population,
// value x M); ratios: (expected, O/E x 100, or O/E - 1 with count); rates: (the
// denominator per year, rate). Rates need `years`.
struct FunnelChart {
  struct Point {
    double x, y;
    std::string significance, note, label;
  };
  std::vector<std::string> key;
  std::vector<Point> points;
  std::array<std::vector<std::pair<double, double>>, 4>
      limits;               // lower_2s, upper_2s, lower_3s, upper_3s
  double baseline;          // the group's average (proportions, rates) or the ratio's null value
  std::string limits_text;  // with --overdispersion: which limits are drawn, with phi or tau^2
};

// `label` names a column whose text labels each point (empty: none).
std::vector<FunnelChart> funnel_charts(const FunnelOptions& options, io::Reader& reader,
                                       const std::string& label, Diagnostics& diagnostics);

}  // namespace heq::rates
