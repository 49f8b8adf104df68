#pragma once
// Years of life lost: potential (PYLL, to an age limit), working (between two ages) and
// expected (against a reference life table's remaining life expectancy). Pure numbers;
// the rates and their limits are heq-dsr's (rates/dsr), with deaths as Dobson's count.
#include <span>

namespace heq::rates {

// Deaths at exact ages in [from, limit) lose limit - age years; others none. PYLL to 75
// is {0, 75}; working years lost between 16 and 64 are {16, 65}.
struct YllWindow {
  double from = 0;
  double limit = 75;
};
double potential_years(double age, const YllWindow& window);

// The mean exact age at death in the band [start, end): its midpoint; for an open band
// (end infinite) the start plus half the previous band's width (`previous_width`, 0 if
// none).
double mean_age_at_death(double start, double end, double previous_width);

// Remaining life expectancy at exact age `age` from a table of start ages and e(x):
// linear between start ages, e(last) beyond the last (the open band's own e).
double expected_years(double age, std::span<const double> ages, std::span<const double> e);

}  // namespace heq::rates
