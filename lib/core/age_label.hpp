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
AgeLabel parse_age_label(std::string_view label);

}  // namespace heq
