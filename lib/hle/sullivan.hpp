#pragma once
// Sullivan's healthy (or disability-free) life expectancy from a life table and the
// prevalence of "not good" health by age band, with the prevalence's sampling variance
// (Jagger et al., EHLEIS guide). Pure computation.
#include "life/chiang.hpp"

#include <span>
#include <vector>

namespace heq::gap {

struct Healthy {
  std::vector<double> value;     // HLE at each band's start
  std::vector<double> variance;  // NaN where a band lacks a prevalence variance
};

// HLE_x = sum over i >= x of (1 - p_i) L_i / l_x; Var = sum of L_i^2 v_i / l_x^2, with v_i the
// variance of p_i: p (1 - p) / N, or the square of its standard error.
Healthy sullivan(const life::LifeTable& table, std::span<const double> prevalence,
                 std::span<const double> prevalence_variance);

}  // namespace heq::gap
