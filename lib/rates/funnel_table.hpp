#pragma once
// heq-funnel's table layer: each point's significance against its group's funnel
// (every input column passed through), or with `limits` the funnel's 100-point control
// limits per group.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "rates/funnel.hpp"

#include <string>
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
  std::vector<std::string> by;
};

void run_funnel(const FunnelOptions& options, io::Reader& reader, io::Writer& writer,
                Diagnostics& diagnostics);

}  // namespace heq::rates
