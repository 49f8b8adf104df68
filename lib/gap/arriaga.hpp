#pragma once
// Arriaga's decomposition of a life expectancy difference into age bands (and causes),
// on heq-life's own life tables. Pure computation.
#include "life/chiang.hpp"

#include <functional>
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

// Arriaga on a weighted table: e_i replaced by sum_{j >= i} w_j L_j / l_i (w = 1 - the
// prevalence of ill health gives Sullivan's HLE). Sums to the weighted gap exactly.
std::vector<double> arriaga_weighted(const life::LifeTable& from, const life::LifeTable& to,
                                     std::size_t k, std::span<const double> weights,
                                     bool symmetric);

// A gap in healthy life expectancy from band k on, split by age (Nusselder and Looman
// 2004): the mortality part, Arriaga on the table weighted by the mean healthy share
// (w1 + w2) / 2; the health part, (L1/l1_k + L2/l2_k) / 2 x (w2 - w1). Together they
// are HLE2_k - HLE1_k exactly, band by band summed. `healthy` is 1 - prevalence.
struct HealthParts {
  std::vector<double> mortality, health;
};
HealthParts decompose_health(const life::LifeTable& from, const life::LifeTable& to,
                             std::span<const double> healthy_from,
                             std::span<const double> healthy_to, std::size_t k, bool symmetric);

// Stepwise replacement (Andreev, Shkolnikov and Begun 2002), old to young: band i's
// contribution is measure(`from` with `to`'s rates in bands i and older) - measure(...
// in bands older than i). It sums to measure(to) - measure(from) exactly, for any measure
// of the table from band k (LE, e-dagger, ...); for LE this order is Arriaga's
// decomposition itself. Both sides must share the band layout.
std::vector<double> stepwise(std::span<const life::Band> from, std::span<const life::Band> to,
                             std::size_t k, double a0,
                             const std::function<double(const life::LifeTable&)>& measure);

// The same over several tables at once (one per deprivation quantile), for a measure of
// them all (the SII of their life expectancies): table by table in the order given, each
// from its oldest band down, a band's rates (and its population, which may weight the
// measure) replaced by `to`'s. Entry [t][i - k] is band i of table t; they sum to
// measure(to) - measure(from) exactly. The measure sees the bands and tables as they stand
// at each step. Every pair of tables must share its band layout.
std::vector<std::vector<double>> stepwise_tables(
    std::span<const std::vector<life::Band>> from, std::span<const std::vector<life::Band>> to,
    std::size_t k, double a0,
    const std::function<double(std::span<const std::vector<life::Band>>,
                               std::span<const life::LifeTable>)>& measure);

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
