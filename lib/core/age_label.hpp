#pragma once
// Age bands as data files write them: a start age ("85"), a range ("10-14", "10 to 14"),
// or an open band ("90+"). One reading for every tool that joins or orders age bands.
#include <string_view>

namespace heq {

struct AgeLabel {
  double start;  // NaN when the label holds no digit
  double end;    // one past the last year for "a-b"; infinity for "a+"; NaN when not said
};

// A number is a start age; otherwise the first whole number is the start (as
// PHEindicatormethods reads labels), and a second one after "-" or "to" the last year.
// "<1", "Under 1" (ONS's first band) are ages 0 to 1; "85+", "85 and over", "85 years
// and over", "85 plus" are open.
AgeLabel parse_age_label(std::string_view label);

}  // namespace heq

#include <span>
#include <string>

namespace heq {

// A band missing from a layout, said in words naming it (empty: none is missing).
// `starts` increase; `ends[i]` is one past band i's last year where its label says it
// (NaN for a bare start age). Found three ways: a stated end that is not the next
// band's start; a bare band k >= 2 times as wide as the equal bands beside it (two
// before it, for the last closed band); with `last_open`, a last band whose label
// closes it (85-89 where 90+ belongs).
std::string missing_band(std::span<const double> starts, std::span<const double> ends,
                         bool last_open);

// A label that runs past the next band's start ("55-69" before "60-64"), in words
// (empty: none). Bands are joined on their starts, as the UK package does, so this is
// worth a warning, not a missing band: the official DSR test data has such a label.
std::string overlapping_band(std::span<const double> starts, std::span<const double> ends);

}  // namespace heq
