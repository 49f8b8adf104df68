// Age-band labels and periods as data files write them, and bands missing from a layout.
#include "catch.hpp"
#include "core/missing.hpp"

#include "core/age_label.hpp"
#include "core/period.hpp"

#include <cmath>
#include <limits>
#include <vector>

using heq::kMissing;

using heq::missing_band;
using heq::parse_age_label;
using heq::parse_period;

namespace {
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("age labels: ONS's first band and open bands in words") {
  for (const char* first : {"<1", "< 1", "Under 1", "under 1", "Under 1 year", "Less than 1"}) {
    INFO(first);
    CHECK(parse_age_label(first).start == 0);
    CHECK(parse_age_label(first).end == 1);
  }
  for (const char* open :
       {"90+", "90 +", "90 and over", "90 years and over", "90 & over", "90 plus", "90+ years"}) {
    INFO(open);
    CHECK(parse_age_label(open).start == 90);
    CHECK(std::isinf(parse_age_label(open).end));
  }
  CHECK(parse_age_label("5-9").end == 10);
  CHECK(parse_age_label("5 to 9").end == 10);
  CHECK(parse_age_label("Aged 5-9").start == 5);
  CHECK(std::isnan(parse_age_label("45").end));
}

TEST_CASE("missing bands: from the labels' own ends") {
  const std::vector<double> starts{0, 5, 15}, ends{5, 10, kInf};
  CHECK(missing_band(starts, ends, false).find("no band covers ages 10 to 14") !=
        std::string::npos);
  const std::vector<double> whole{0, 5, 10}, whole_ends{5, 10, kInf};
  CHECK(missing_band(whole, whole_ends, true).empty());
  // An overlap is not a gap (the official DSR test data writes 55-69 before 60-64).
  const std::vector<double> overlap_ends{5, 12, kInf};
  CHECK(missing_band(whole, overlap_ends, true).empty());
  CHECK(heq::overlapping_band(whole, overlap_ends).find("runs to 11") != std::string::npos);
  // A life table must end open.
  const std::vector<double> closed_ends{5, 10, 15};
  CHECK(missing_band(whole, closed_ends, true).find("closed") != std::string::npos);
  CHECK(missing_band(whole, closed_ends, false).empty());
}

TEST_CASE("missing bands: a bare band as wide as two of its neighbours") {
  std::vector<double> starts{0, 1, 5, 10, 15, 20, 30, 35, 40};
  const std::vector<double> bare(starts.size(), kMissing);
  CHECK(missing_band(starts, bare, true).find("the band from 25 missing") != std::string::npos);
  // PHE's standard layout, single years, 10-year layouts and 0, 1, 5+ are whole.
  std::vector<double> phe{0, 1};
  for (double a = 5; a <= 90; a += 5) phe.push_back(a);
  CHECK(missing_band(phe, std::vector<double>(phe.size(), kMissing), true).empty());
  std::vector<double> single;
  for (double a = 0; a <= 100; ++a) single.push_back(a);
  CHECK(missing_band(single, std::vector<double>(single.size(), kMissing), true).empty());
  const std::vector<double> tens{0, 10, 20, 30, 40, 50};
  CHECK(missing_band(tens, std::vector<double>(tens.size(), kMissing), true).empty());
  const std::vector<double> short_table{0, 1, 5};
  CHECK(missing_band(short_table, std::vector<double>(3, kMissing), true).empty());
  // The last closed band, against the two before it: 75 to 85 before 85+.
  const std::vector<double> end_gap{0, 1, 5, 65, 70, 75, 85};
  CHECK(missing_band(end_gap, std::vector<double>(end_gap.size(), kMissing), true)
            .find("from 80 missing") != std::string::npos);
  // Said to be wide in its label: not missing.
  std::vector<double> labelled = bare;
  labelled[5] = 30;
  CHECK(missing_band(starts, labelled, true).empty());
}

TEST_CASE("periods: sorted as times") {
  CHECK(parse_period("2019")->start == 2019);
  CHECK(parse_period("2019")->end == 2020);
  CHECK(parse_period("2017-19")->end == 2020);
  CHECK(parse_period("2017 - 19")->start == 2017);
  CHECK(parse_period("2017-2019")->end == 2020);
  CHECK(parse_period("2019/20")->start == 2019.25);
  CHECK(parse_period("2019/20")->end == 2020.25);
  CHECK(parse_period("2019/2020")->end == 2020.25);
  CHECK(parse_period("2019 Q2")->start == 2019.25);
  CHECK(parse_period("2019/20 Q1")->start == 2019.25);
  CHECK(parse_period("1999/00")->end == 2000.25);
  for (const char* bad : {"", "19", "2019-18", "2019 Q5", "2017-19 Q1", "FY2019", "2019/20x"}) {
    INFO(bad);
    CHECK_FALSE(parse_period(bad).has_value());
  }
}
