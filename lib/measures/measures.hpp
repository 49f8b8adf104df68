#pragma once
// WHO's 21 summary measures of health inequality (HEAT / healthequal), for one setting's
// subgroups. Correct by default: the scale comes from the input, every standard error and
// interval is on the estimate's own scale, and the logistic SII weights groups by n.
// `compat_heat` reproduces healthequal 1.0.1's conventions instead. Pure computation.
#include "core/missing.hpp"
#include "measures/catalogue.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace heq::measures {

struct Subgroup {
  std::string label;
  double order = kMissing;  // 1 = most disadvantaged (ordered dimensions)
  double estimate = kMissing;
  double se = kMissing;
  double population = kMissing;
  bool reference = false;
};

struct Setting {
  bool favourable = true;  // higher is better (coverage); false: mortality
  double scale = 100;      // 100 = percent, 1000 = per 1000
  bool ordered = true;
  double average = kMissing;  // a supplied setting average, used when populations are incomplete
};

// The same switches --compat heat sets, one by one (for tests of each quirk).
struct Compat {
  bool n_squared_weights = false;   // logistic SII/RII: prior weights n on top of totals n
  bool infer_scale = false;         // SII/RII models: scale from the largest estimate
  bool whole_people = false;        // linear SII/RII: populations rounded up, as the package does
  bool unscaled_se = false;         // MLD, TI, PAF, SII standard errors as healthequal reports them
  bool log_scale_ratio_se = false;  // R and RII: the standard error of the log
  bool ignore_reference_for_paf = false;
  bool zero_as_tiny = false;  // MLD and TI: zero estimates become 1e-6
};
Compat heat_compat();

// Corrections of the RCI for bounded outcomes (healthequal's rci(method =)).
enum class Correction { none, wagstaff, erreygers };

// The factor a correction multiplies the bounded RCI (and its SE) by, mu' the normalised
// mean: 1 / (1 - mu') (Wagstaff), 4 mu' (Erreygers), 1 (none); and its name for ci_method.
double correction_factor(Correction correction, double mu);
const char* correction_name(Correction correction);

struct Options {
  double level = 0.95;
  std::size_t reps = 1000;  // simulated intervals
  Compat compat;
  // The outcome's bounds: the ACI and RCI are then computed on (y - low) / (high - low),
  // as healthequal's aci() and rci() with lmin and lmax. NaN: unbounded.
  double low = kMissing, high = kMissing;
  Correction correction = Correction::none;  // needs the bounds
  bool linear = false;  // SII and RII from a weighted linear fit (healthequal's linear = TRUE)
};

struct Result {
  std::string measure;  // lower case: d, r, aci, ..., sii, rii
  double estimate = kMissing;
  double se = kMissing;
  double lower = kMissing;
  double upper = kMissing;
  std::string ci_method;
  std::string note;
};

// The measures asked for, for one setting. An empty `wanted` means every applicable
// measure; a named measure that does not apply gets a row with a note.
std::vector<Result> compute(std::span<const Subgroup> subgroups, const Setting& setting,
                            const std::vector<std::string>& wanted, const Options& options,
                            std::uint64_t stream_seed);

}  // namespace heq::measures
