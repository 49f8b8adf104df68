#include "catch.hpp"

#include "core/age_label.hpp"
#include "core/diagnostics.hpp"
#include "core/error.hpp"
#include "io/row_checks.hpp"
#include "io/writer.hpp"
#include "table_io.hpp"

#include <cmath>
#include <functional>
#include <string>
#include <vector>

using heq::DataError;
using heq::io::Reader;
using heq::test::text_input;

namespace {

// The message a check gives on the first data row of `text` ("" when it passes).
std::string check(const std::string& text, const std::function<void(const Reader&)>& on_row) {
  Reader r(text_input(text, "in.csv"));
  REQUIRE(r.next());
  try {
    on_row(r);
  } catch (const DataError& e) {
    return e.where().file + ":" + std::to_string(e.where().line) + ":" +
           std::to_string(e.where().column) + ": " + e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("row checks: one wording each, at the cell") {
  using namespace heq::io;
  CHECK(check("age,n\n5-9,1\n", [](const Reader& r) {
          CHECK(read_age_band(r, 0).start == 5);
        }).empty());
  CHECK(check("age,n\nall,1\n", [](const Reader& r) { read_age_band(r, 0); }) ==
        "in.csv:2:1: column 'age': age band \"all\" holds no start age");
  CHECK(check("age,n\n5,-2\n", [](const Reader& r) { read_count(r, 1); }) ==
        "in.csv:2:2: column 'n': negative count -2; counts must be 0 or more");
  CHECK(check("n,pop\n1,0\n", [](const Reader& r) { read_denominator(r, 1, "populations"); }) ==
        "in.csv:2:2: column 'pop': 0 is not above zero; populations must be");
  // Missing passes unless required.
  CHECK(check("n,pop\n1,\n", [](const Reader& r) {
          CHECK(std::isnan(read_denominator(r, 1, "populations")));
        }).empty());
  CHECK(check("n,pop\n1,\n", [](const Reader& r) {
          read_denominator(r, 1, "populations", true);
        }) == "in.csv:2:2: column 'pop':  is not above zero; populations must be");
  CHECK(check("pop\n0\n", [](const Reader& r) { CHECK(read_population(r, 0) == 0); }).empty());
  CHECK(check("pop\n-1\n", [](const Reader& r) { read_population(r, 0); }) ==
        "in.csv:2:1: column 'pop': negative population -1");
  CHECK(check("w\n0\n", [](const Reader& r) {
          CHECK(read_non_negative(r, 0, "standard population") == 0);
        }).empty());
  CHECK(check("w\n-3\n", [](const Reader& r) { read_non_negative(r, 0, "standard population"); }) ==
        "in.csv:2:1: column 'w': standard population -3 must be 0 or more");
  // Missing is not 0 or more.
  CHECK(check("a,w\n1,\n", [](const Reader& r) { read_non_negative(r, 1, "event frequency"); }) ==
        "in.csv:2:2: column 'w': event frequency  must be 0 or more");
  CHECK(check("se\n-0.5\n", [](const Reader& r) { read_standard_error(r, 0); }) ==
        "in.csv:2:1: column 'se': negative standard error -0.5");
  CHECK(check("n,d\n5,4\n", [](const Reader& r) { check_count_within(r, 0, 1, 5, 4); }) ==
        "in.csv:2:1: column 'n': count 5 is above the denominator 4");
  CHECK(check("lo,hi\n3,2\n", [](const Reader& r) { check_limit_order(r, 0, 1, 3, 2); }) ==
        "in.csv:2:1: column 'lo': lower limit 3 is above the upper limit 2");
  CHECK(check("lo,hi\n2,3\n", [](const Reader& r) { check_limit_order(r, 0, 1, 2, 3); }).empty());
  CHECK(check("p\n25\n", [](const Reader& r) {
          CHECK(read_prevalence(r, 0, true) == 0.25);
        }).empty());
  CHECK(check("p\n25\n", [](const Reader& r) { read_prevalence(r, 0, false); }) ==
        "in.csv:2:1: column 'p': prevalence 25 is not between 0 and 1 (give --percent for "
        "percentages)");
}

TEST_CASE("writer: texts writes a group key one cell each") {
  std::string out;
  heq::io::Writer w(std::make_unique<heq::io::StringSink>(out), heq::io::WriterOptions{});
  w.begin({"area", "sex", "x"});
  w.texts({"North", "male"}).number(1);
  w.end_row();
  w.finish();
  CHECK(out == "area,sex,x\nNorth,male,1\n");
}

TEST_CASE("warn_count: nothing for 0, noun and verb agreeing with the count", "[diagnostics]") {
  heq::Diagnostics d;
  d.warn_count(0, "group", "has", "no value");
  CHECK(d.warnings().empty());
  d.warn_count(1, "group", "has", "no value");
  d.warn_count(3, "group", "has", "no value");
  d.warn_count(1, "row", "is", "not compared");
  d.warn_count(2, "row", "is", "not compared");
  d.warn_count(1, "missing count", "was", "read as 0");
  d.warn_count(12, "missing count", "was", "read as 0");
  d.warn_count(2, "point", "", "drawn");
  CHECK(d.warnings() == std::vector<std::string>{"1 group has no value", "3 groups have no value",
                                                 "1 row is not compared", "2 rows are not compared",
                                                 "1 missing count was read as 0",
                                                 "12 missing counts were read as 0",
                                                 "2 points drawn"});
}

TEST_CASE("row checks: a short age band reads as parse_age_label reads it") {
  std::vector<std::string> labels{"00",  "007", "1a",  "+1",  " 1",  "1 ",   "9+",  "<1",  "1-4",
                                  "1.5", "-1",  "0x1", "1e1", "85+", "90 +", "5-9", "1000"};
  for (int a = 0; a < 1000; ++a) labels.push_back(std::to_string(a));
  std::string text = "age\n";
  for (const std::string& l : labels) text += l + "\n";
  Reader r(text_input(text, "in.csv"));
  for (std::size_t i = 0; r.next(); ++i) {
    CAPTURE(labels[i]);
    const heq::AgeLabel want = heq::parse_age_label(labels[i]), got = heq::io::read_age_band(r, 0);
    CHECK(got.start == want.start);
    CHECK((got.end == want.end || (std::isnan(got.end) && std::isnan(want.end))));
  }
}
