#pragma once
// Built-in standard populations for direct standardisation, joined on each age band's
// start (never by position). Each is held as its finest bands; a data band that spans
// several of them gets their summed weight, so 0-4 and 0 + 1-4, or 90+ and 90-94 + 95+,
// both work, as do layouts ending at 85+.
#include <string>
#include <string_view>
#include <vector>

namespace heq::rates {

struct StandardPopulation {
  std::string name;
  std::vector<double> starts;   // start ages of the finest bands; the last is open
  std::vector<double> weights;  // summing to 100,000
};

// "esp2013" (European Standard Population 2013; Eurostat's 21 bands) or "esp1976".
// Returns nullptr for an unknown name.
const StandardPopulation* standard_population(std::string_view name);

// The weight of the band [start, end) (end = infinity for an open band), or NaN when the
// band does not begin and end on the standard's band edges.
double standard_weight(const StandardPopulation& standard, double start, double end);

// How many of the standard's bands [start, end) spans (0 when it is off their edges).
std::size_t standard_bands(const StandardPopulation& standard, double start, double end);

}  // namespace heq::rates
