#pragma once
// Slope and relative index of inequality as the UK's PHOF and ONS compute them
// (PHEindicatormethods::phe_sii): a population-weighted least-squares line of the
// quantile values on their relative rank, with Monte Carlo or exact intervals.
// Pure computation: plain numbers in, plain numbers and a note out.
#include "core/interval.hpp"
#include "core/missing.hpp"
#include "stats/random.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace heq::sii {

enum class ValueType { normal, rate, proportion };
// mc and analytic propagate the quantiles' own uncertainty; regression takes the weighted
// line's residual variance instead (R's lm + confint, as ScotPHO computes it).
enum class CiMethod { mc, analytic, regression };
// ratio: England's fitted(1) / fitted(0); mean: Scotland's SII / the weighted mean.
enum class RiiMethod { ratio, mean };
// What the input says about each quantile's uncertainty.
enum class ErrorSource { none, se, limits };

struct Options {
  ValueType type = ValueType::normal;
  bool transform = false;  // fit on the log (rate) or logit (proportion) scale
  double multiplier = 1;   // negative: "high is bad", flips the polarity
  bool rii = false;
  RiiMethod rii_method = RiiMethod::ratio;
  bool intercept = false;
  bool par = false;  // ScotPHO's population attributable risk, and as a percentage
  std::vector<double> levels{0.95};
  std::size_t reps = 100000;
  std::uint64_t seed = stats::kDefaultSeed;
  CiMethod ci = CiMethod::mc;
  bool reliability = false;   // the MAD statistic from 10 blocks of draws
  bool compat_phe = false;    // reproduce PHEindicatormethods' limit swap for 0 < M < 1
  double input_level = 0.95;  // the level of the quantiles' limits (their names say it)
};

// Throws UsageError for combinations that cannot be honoured.
void validate(const Options& options, ErrorSource errors);

struct Quantile {
  double label = kMissing;  // for notes only; order is the caller's
  double population = kMissing;
  double value = kMissing;
  double se = kMissing;     // on the log/logit scale for rates and proportions
  double lower = kMissing;  // limits at Options::input_level
  double upper = kMissing;
};

using Interval = heq::Interval;

struct Result {
  double sii = kMissing;
  double rii = kMissing;
  double intercept = kMissing;
  double par = kMissing;          // weighted mean - least deprived value (x |M|)
  double par_percent = kMissing;  // 100 (mean - least deprived) / mean
  std::vector<Interval> sii_ci;   // one per level; empty when no limits could be made
  std::vector<Interval> rii_ci;
  std::vector<double> sii_mad;  // with Options::reliability
  std::vector<double> rii_mad;
  std::string note;  // why values or limits are missing, or what compatibility changed
};

// `quantiles` runs from the most deprived (first) to the least deprived (last).
// `stream_seed` seeds this group's draws (see stats::stream_seed).
Result compute(std::span<const Quantile> quantiles, const Options& options, ErrorSource errors,
               std::uint64_t stream_seed);
// The same, reusing `out`'s storage: a loop over many groups then allocates nothing.
void compute(std::span<const Quantile> quantiles, const Options& options, ErrorSource errors,
             std::uint64_t stream_seed, Result& out);

// The fitted line (curve, when transformed) at relative rank b, on the values' own scale
// (before the multiplier), recovered from a result: fitted(1) - fitted(0) = sii / M.
double fitted(const Result& result, const Options& options, double b);

// Relative ranks (ridits) b_i = C_{i-1} + a_i/2 of population shares a_i.
std::vector<double> relative_ranks(std::span<const double> populations);

}  // namespace heq::sii
