#pragma once
// Arriaga's decomposition of a life expectancy difference into age bands (and causes),
// on heq-life's own life tables. Pure computation.
#include "life/chiang.hpp"

#include <span>
#include <string>
#include <vector>

namespace heq::gap {

// Contributions of each band, from band k on, to e_k(to) - e_k(from), with `from` as the
// base (Arriaga 1984). Written as the telescoping total effect
//   delta_i = l1_i (e2_i - e1_i) - l1_(i+1) (e2_(i+1) - e1_(i+1)),  l1 rebased to l1_k = 1,
// which equals the direct plus indirect (survivorship) effects and sums to the gap exactly.
// Both tables must share the band layout.
std::vector<double> arriaga(const life::LifeTable& from, const life::LifeTable& to, std::size_t k);

// The mean of both directions (from -> to, and the reverse negated); swapping the two
// populations negates every contribution.
std::vector<double> arriaga_symmetric(const life::LifeTable& from, const life::LifeTable& to,
                                      std::size_t k);

struct CauseSplit {
  std::vector<double> contribution;  // one per cause
  std::string note;                  // when the guard chose the shares
};

// Splits one band's contribution among causes by each cause's share of the band's rate
// difference, (m2_c - m1_c) / (m2 - m1). Where the band's rates differ by less than 1e-6 of
// their mean the shares would explode, so the split follows the causes' shares of the two
// rates combined instead, with a note.
CauseSplit split_by_cause(double contribution, std::span<const double> from_rates,
                          std::span<const double> to_rates);

}  // namespace heq::gap
