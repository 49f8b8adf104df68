// PHEindicatormethods' life expectancy tests (LE_reference_*), run through heq-life's
// table layer.
//
// Tolerances: life expectancy 1e-9 relative (or half the file's last printed decimal,
// 5e-9, when that is larger). The files' limits were made with a rounded z: 1.96 in df1
// (a spreadsheet) and 1.959964 in widecis (R output; every standard error implied by it
// is 1 + 7.9e-9 times heq's, exactly 1.959964 / qnorm(0.975)). heq keeps the exact z, so
// the test rebuilds the files' limits as e +- z_file sqrt(variance) from heq's own
// variance and compares those at the same tolerance; heq's own limits are also checked
// against df1 to 1e-4, as the package's test does.
#include "catch.hpp"
#include "reference.hpp"
#include "table_io.hpp"

#include "tables/life.hpp"

#include <cmath>
#include <map>
#include <string>

namespace {

using heq::test::num;
using Rows = std::vector<std::map<std::string, std::string>>;

bool close(double got, double want) {
  return std::abs(got - want) <= std::max(1e-9 * std::abs(want), 5e-9);
}

Rows run_life(heq::life::TableOptions t, const std::string& file,
              std::vector<std::string> where = {}) {
  return heq::test::parse_csv(heq::test::run_table(
      heq::life::run_life, t,
      heq::test::file_input(heq::test::reference_file(file), std::move(where))));
}

Rows read(const std::string& file) {
  return heq::test::parse_csv(heq::test::run_table(
      [](int, heq::io::Reader& r, heq::io::Writer& w, heq::Diagnostics&) {
        w.begin(r.header());
        while (r.next()) {
          for (std::size_t i = 0; i < r.header().size(); ++i) w.text(r.field(i));
          w.end_row();
        }
        w.finish();
      },
      0, heq::test::file_input(heq::test::reference_file(file))));
}

}  // namespace

TEST_CASE("life: df1, a 20-band table (values, variance, pops_used, dths_used)") {
  heq::life::TableOptions t;
  t.population = "pops";
  const Rows le = run_life(t, "phe/LE_reference_df1_inputs.csv");
  t.table = true;
  const Rows table = run_life(t, "phe/LE_reference_df1_inputs.csv");
  const Rows want = read("phe/LE_reference_df1_expected.csv");
  REQUIRE(le.size() == 20);
  REQUIRE(want.size() == 20);
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("age " << want[i].at("startage"));
    CHECK(le[i].at("startage") == want[i].at("startage"));
    CHECK(close(num(le[i], "value"), num(want[i], "value")));
    const double se = std::sqrt(num(table[i], "variance"));
    CHECK(close(num(le[i], "value") - 1.96 * se, num(want[i], "lowercl")));
    CHECK(close(num(le[i], "value") + 1.96 * se, num(want[i], "uppercl")));
    CHECK(std::abs(num(le[i], "lowercl") - num(want[i], "lowercl")) < 1e-4);
    CHECK(std::abs(num(le[i], "uppercl") - num(want[i], "uppercl")) < 1e-4);
    CHECK(num(le[i], "pops_used") == num(want[i], "pops_used"));
    CHECK(num(le[i], "dths_used") == num(want[i], "dths_used"));
    CHECK(le[i].at("note").empty());
  }
}

TEST_CASE("life: df1, the worked example's table columns") {
  // uk-methods.md 2.7 prints these (to its own rounding).
  heq::life::TableOptions t;
  t.population = "pops";
  t.table = true;
  const Rows table = run_life(t, "phe/LE_reference_df1_inputs.csv");
  CHECK(num(table[0], "qx") == Approx(0.00240272).margin(5e-9));
  CHECK(num(table[0], "dx") == Approx(240.2725).margin(5e-5));
  CHECK(num(table[0], "Lx") == Approx(99783.75).margin(5e-3));
  CHECK(num(table[17], "qx") == Approx(0.29375698).margin(5e-9));  // age 80
  CHECK(num(table[19], "qx") == 1);
  CHECK(num(table[19], "lx") == Approx(17870.60).margin(5e-3));
  CHECK(num(table[19], "Lx") == Approx(110120.54).margin(5e-3));
  CHECK(std::sqrt(num(table[19], "variance")) == Approx(0.140012).margin(5e-7));
}

TEST_CASE("life: widecis, wide intervals blank the value and keep the limits") {
  heq::life::TableOptions t;
  t.population = "pops";
  t.grouping.by = {"area"};
  const Rows le = run_life(t, "phe/LE_reference_widecis_inputs.csv");
  t.table = true;
  const Rows table = run_life(t, "phe/LE_reference_widecis_inputs.csv");
  const Rows want = read("phe/LE_reference_widecis_expected.csv");
  std::map<std::string, std::size_t> ours;
  for (std::size_t i = 0; i < le.size(); ++i)
    ours[le[i].at("area") + "/" + le[i].at("startage")] = i;
  REQUIRE(want.size() == 40);
  for (const auto& w : want) {
    const std::size_t i = ours.at(w.at("area") + "/" + w.at("startage"));
    INFO(w.at("area") << " age " << w.at("startage"));
    if (w.at("value") == "NA") {
      CHECK(le[i].at("value").empty());
    } else {
      CHECK(close(num(le[i], "value"), num(w, "value")));
    }
    if (w.at("lower95_0cl") == "NA") {
      CHECK(le[i].at("lowercl").empty());
      CHECK(le[i].at("note") == "age band 90 has more deaths (312) than population (311)");
      continue;
    }
    const double e = num(table[i], "ex"), se = std::sqrt(num(table[i], "variance"));
    CHECK(close(e - 1.959964 * se, num(w, "lower95_0cl")));
    CHECK(close(e + 1.959964 * se, num(w, "upper95_0cl")));
    const bool wide = 1.959963984540054 * se > 10;
    CHECK(le[i].at("note") == (wide ? "95% interval wider than 20 years; value suppressed" : ""));
  }
}

TEST_CASE("life: grouped warnings, each suppression rule on its own group") {
  heq::life::TableOptions t;
  t.age = "age";
  t.population = "pop";
  t.grouping.by = {"area"};
  t.le_ages = {0};
  t.layout.rule = heq::life::LayoutRule::phe;  // the package's 20-band rule
  heq::Diagnostics d;
  const Rows rows = heq::test::parse_csv(heq::test::run_table(
      heq::life::run_life, t,
      heq::test::file_input(
          heq::test::reference_file("phe/LE_reference_grouped_warnings_inputs.csv")),
      &d));
  REQUIRE(rows.size() == 6);
  const std::map<std::string, std::string> notes = {
      {"Good data", ""},
      {"Negative deaths", "age band 5 has negative deaths"},
      {"Negative pops", "age band 10 has a zero or negative population"},
      {"Deaths more than pops", "age band 20 has more deaths (50000) than population (43219)"},
      {"Low pops", "total population 2000 is 5000 or less"},
      {"Missing age band",
       "--bands phe needs the 20 bands 0, 1, 5, ..., 90+; this group has 0, 1, 5, ..., 85+ (19 "
       "bands)"},
  };
  std::vector<std::string> order;
  for (const auto& r : rows) {
    order.push_back(r.at("area"));
    CHECK(r.at("note") == notes.at(r.at("area")));
    CHECK(r.at("value").empty() == (r.at("area") != "Good data"));
  }
  // Suppressed groups keep their input order.
  CHECK(order == std::vector<std::string>{"Good data", "Negative deaths", "Negative pops",
                                          "Deaths more than pops", "Low pops", "Missing age band"});
  CHECK(d.warnings() ==
        std::vector<std::string>{"5 of 6 groups are suppressed; the note column says why"});
  // Any layout is accepted by default: the 85+ group is computed, and a warning says the
  // layouts differ.
  t.layout.rule = heq::life::LayoutRule::any;
  heq::Diagnostics d2;
  const Rows any = heq::test::parse_csv(heq::test::run_table(
      heq::life::run_life, t,
      heq::test::file_input(
          heq::test::reference_file("phe/LE_reference_grouped_warnings_inputs.csv")),
      &d2));
  CHECK(!any[5].at("value").empty());
  CHECK(d2.warnings()[0].rfind("groups differ in their age bands", 0) == 0);
}
