#pragma once
// Time periods as indicator tables write them, read as spans of years so that they sort
// as times and overlaps can be seen: "2019", "2017-19" or "2017 - 19" (three calendar
// years), "2019/20" (a financial year, April to March), "2019 Q2", "2019/20 Q1".
#include <optional>
#include <string_view>

namespace heq {

struct Period {
  double start;  // in years: 2019.25 is the start of April 2019
  double end;    // one past the last moment: [start, end)
};

// nullopt for text that is not one of the forms above.
std::optional<Period> parse_period(std::string_view text);

}  // namespace heq
