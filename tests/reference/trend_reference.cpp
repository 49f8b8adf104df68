// PHEindicatormethods' trend-marker test workbook (development branch add_trend_markers,
// commit be27443; one CSV a sheet), every group run through heq-trend's table layer.
//
// Tolerances: the marker and its reason exactly; the statistic to the sheet's 4 decimal
// places (half a unit of the last place printed, heq::test::matches). The sheet's
// Gradient is the marker's own 5-point slope, checked through trend::recent_trend below.
// The sheets' times are consecutive except prop_grouped's "Other ethnic group" (2012,
// 2013, 2014, 2016, 2017): the branch numbers the 5 points 1..5, so that group is
// reproduced with --compat phe and differs by default (checked to differ).
#include "catch.hpp"
#include "reference.hpp"
#include "table_io.hpp"

#include "tables/trend.hpp"
#include "trend/trend.hpp"

#include <map>
#include <string>
#include <vector>

namespace {

using heq::test::Row;

struct Sheet {
  std::string name;
  bool proportion;
  std::string group;  // empty: one group
};

const std::vector<Sheet> kSheets = {
    {"other_6", false, ""},
    {"other_trends", false, ""},
    {"other_grouped", false, "Ethnicity"},
    {"prop_trends", true, ""},
    {"prop_grouped", true, "Ethnicity"},
};

std::string path(const Sheet& s) {
  return heq::test::reference_file("phe/testdata_trend_markers__testdata_" + s.name + ".csv");
}

heq::tables::TrendOptions options(const Sheet& s, bool compat) {
  heq::tables::TrendOptions o;
  o.time = "Year";
  o.proportion = s.proportion;
  o.count = "Count";
  o.denominator = s.proportion ? "denominator" : "Denominator";
  o.value = "Value";
  if (!s.proportion) {
    o.lower = "LL";
    o.upper = "UL";
  }
  if (!s.group.empty()) o.grouping.by = {s.group};
  o.compat_phe = compat;
  return o;
}

// The sheet's expected marker per group: its last row.
std::map<std::string, Row> expected(const Sheet& s) {
  std::map<std::string, Row> out;
  for (const Row& r : heq::test::read_rows(path(s))) out[s.group.empty() ? "" : r.at(s.group)] = r;
  return out;
}

}  // namespace

TEST_CASE("trend markers: every sheet, marker, reason and statistic (--compat phe)") {
  for (const Sheet& s : kSheets) {
    const auto want = expected(s);
    const auto got = heq::test::parse_csv(heq::test::run_table(
        heq::tables::run_trend, options(s, true), heq::test::file_input(path(s))));
    REQUIRE(got.size() == want.size());
    for (const Row& g : got) {
      const Row& w = want.at(s.group.empty() ? "" : g.at(s.group));
      INFO(s.name << " / " << (s.group.empty() ? "" : g.at(s.group)));
      CHECK(g.at("trend") == w.at("recent_trend"));
      CHECK(g.at("reason") == w.at("recent_trend_reason"));
      CHECK(heq::test::matches(heq::test::num(g, "statistic"), w.at("Significance")));
    }
  }
}

TEST_CASE("trend markers: by default the same, but for the group with a missing year") {
  for (const Sheet& s : kSheets) {
    const auto want = expected(s);
    const auto got = heq::test::parse_csv(heq::test::run_table(
        heq::tables::run_trend, options(s, false), heq::test::file_input(path(s))));
    for (const Row& g : got) {
      const std::string group = s.group.empty() ? "" : g.at(s.group);
      const Row& w = want.at(group);
      INFO(s.name << " / " << group);
      CHECK(g.at("trend") == w.at("recent_trend"));
      const bool gap = s.name == "prop_grouped" && group == "Other ethnic group";
      CHECK(heq::test::matches(heq::test::num(g, "statistic"), w.at("Significance")) == !gap);
      if (gap) CHECK(heq::test::matches(heq::test::num(g, "statistic"), "44.7368"));  // real times
    }
  }
}

TEST_CASE("trend markers: the sheet's Gradient is the marker's own 5-point slope") {
  for (const Sheet& s : kSheets) {
    std::map<std::string, std::vector<heq::trend::Point>> groups;
    for (const Row& r : heq::test::read_rows(path(s))) {
      heq::trend::Point p;
      p.time = heq::test::num(r, "Year");
      if (s.proportion) {
        p.count = heq::test::num(r, "Count");
        p.denominator = heq::test::num(r, "denominator");
      } else {
        p.value = heq::test::num(r, "Value");
        p.se = (heq::test::num(r, "UL") - heq::test::num(r, "LL")) / (2 * 1.959963984540054);
      }
      groups[s.group.empty() ? "" : r.at(s.group)].push_back(p);
    }
    const auto want = expected(s);
    for (const auto& [group, points] : groups) {
      if (want.at(group).at("Gradient").empty()) continue;
      INFO(s.name << " / " << group);
      const heq::trend::Marker m = heq::trend::recent_trend(
          points, s.proportion ? heq::trend::Kind::proportion : heq::trend::Kind::other, false,
          false, true);
      CHECK(heq::test::matches(m.gradient, want.at(group).at("Gradient")));
    }
  }
}
