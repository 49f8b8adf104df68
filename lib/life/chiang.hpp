#pragma once
// Life tables by Chiang's method II as PHEindicatormethods::phe_life_expectancy builds
// them (a = 0.1 at age 0, 0.5 elsewhere; q = 1 when deaths outrun the band; the open
// band closed with L = l / M), for any layout that starts at 0 and ends in an open band:
// abridged (0, 1, 5, ..., 90+), other open ages (85+, 100+), or complete (0, 1, 2, ...).
// The variance of e_x is Chiang's, with Silcocks et al.'s term for the open band.
// Pure computation: plain numbers in and out.
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include "core/missing.hpp"

namespace heq::life {

inline constexpr double kRadix = 100000;

struct Band {
  double age;  // start age; the last band is open
  double deaths;
  double population;
  // One past the last year, where the label says it ("20-24": 25; "90+": infinity);
  // NaN when the label is a bare start age. Used only to find missing bands.
  double end = kMissing;
  // A death rate m given directly (--rate: HMD, ONS national life tables); then deaths
  // and population may be missing (no variance) or both given (deaths = m x population).
  double rate = kMissing;
};

// One entry per band; the last is the open band (its n is not a width and stays NaN).
struct LifeTable {
  std::vector<double> age, n, m, a, q, p, l, d, L, T, e, variance;
  std::size_t size() const { return age.size(); }
};

// The UK layout: 20 bands 0, 1, 5, 10, ..., 85, 90+.
const std::vector<double>& phe_layout();

enum class LayoutRule { any, phe, list };
struct Layout {
  LayoutRule rule = LayoutRule::any;
  std::vector<double> ages;  // for LayoutRule::list
  double first_age = 0;      // where the table starts (65: LE at 65 from a table of 65+)
};

// a0, the fraction of the first year lived by infants who die, from the infant death
// rate m0: Andreev and Kingkade (2015) as the Human Mortality Database's Methods
// Protocol v6 gives it for m0, or Coale and Demeny (1983) as in Preston et al. (2001).
enum class A0Rule { andreev_kingkade, coale_demeny };
enum class Sex { male, female };
double a0_from_m0(double m0, Sex sex, A0Rule rule);

// The suppression rules, in PHEindicatormethods' order, then heq's own check that the
// open band has deaths. Returns why the group cannot be computed (empty: it can).
// `bands` are sorted by age with no age twice.
std::string check(std::span<const Band> bands, const Layout& layout);
// Rule 3 alone, from the bands' start ages and label ends (Band::end): the same for
// every group with the same bands, so a caller going through many groups finds it once
// for each layout and gives it to the check below.
std::string check_layout(std::span<const double> starts, std::span<const double> ends,
                         const Layout& layout);
// check() with rule 3's verdict (check_layout's) already found.
std::string check_known_layout(std::span<const Band> bands, std::string_view layout_verdict);

// Builds the table; `bands` must pass check(). a0 is the fraction of the first year
// lived by those dying in it (age-0 band); every other band uses 0.5.
LifeTable build(std::span<const Band> bands, double a0 = 0.1);
// The same into `out`, reusing its storage.
void build(std::span<const Band> bands, double a0, LifeTable& out);

// Lifespan inequality among those alive at the start of band k, LifeIneq's indices in
// both forms: of the age at death (aad, centred on x + e_x) and of the remaining life
// (rl, centred on e_x). Deaths in a band die at its start + a n (the open band's at
// start + 1/M); quantiles interpolate l linearly in closed bands, exponentially in the
// open one.
struct Lifespan {
  double edagger;  // life years lost at death
  double gini;     // of the age at death (gini_aad)
  double theil;    // theil_aad
  double h;        // Keyfitz's entropy e-dagger / e_x
  double gini_rl, theil_rl, mld_aad, mld_rl;
  double variance, sd, cov_aad, cov_rl;
  double aid;                    // absolute inter-individual difference: gini_rl x e_x
  double q25, median, q75, iqr;  // ages at death
};
Lifespan no_lifespan();
Lifespan lifespan(const LifeTable& table, std::size_t k);

// "0, 1, 5, ..., 90+ (20 bands)": a short description of an age layout.
std::string describe_layout(std::span<const double> ages);

}  // namespace heq::life
