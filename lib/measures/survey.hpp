#pragma once
// Individual-level survey data (one row per respondent: an outcome, a weight, a PSU and a
// stratum): the four ordered measures healthequal computes from such data with R's survey
// package, SII and RII (a weighted logistic fit on group-midpoint ridits) and ACI and RCI
// (the weighted convenient regression), with design-based standard errors by Taylor
// linearisation. Pure computation.
#include "core/missing.hpp"
#include "measures/measures.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace heq::measures {

struct Respondent {
  double outcome = kMissing;  // NaN: missing; the respondent's PSU still counts in the design
  double weight = 1;          // the survey weight, >= 0
  double order = kMissing;    // the subgroup's order, 1 = most disadvantaged
  std::size_t psu = 0;        // dense ids over the whole sample, PSUs nested in strata
  std::size_t stratum = 0;    // dense ids
  // The stratum's finite population correction, as R's survey package reads fpc: its
  // population of PSUs (above 1) or its sampling fraction (1 or less). NaN: none.
  double fpc = kMissing;
};

// sii, rii, aci, rci: the measures individual data give, in catalogue order.
const std::vector<std::string>& survey_measures();

// The measures asked for (empty: all four) for one setting's respondents. `scale` is the
// indicator's (100 for a 0/1 outcome reported in percent): by default the SII and ACI are
// multiplied by it, as grouped estimates in percent would give; options.compat.unscaled_se
// (--compat heat) reports the ACI and every standard error as healthequal does.
std::vector<Result> compute_survey(std::span<const Respondent> people, double scale,
                                   const std::vector<std::string>& wanted, const Options& options);

}  // namespace heq::measures
