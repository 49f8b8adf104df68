// PHEindicatormethods' test sheets for the rates family (../shared/reference/phe), run
// through heq's table layers as the tools run them.
//
// Tolerance: 1e-9 relative, or half a unit of the last decimal the sheet prints when that
// is larger (the funnel sheets print 6 to 10 significant digits); see test::matches.
// One sheet value is not reproduced, on purpose: testdata_1976's 99.8% DSR limits are
// exactly 10 times values consistent with its own 95% limits and DSR (a unit slip in the
// sheet: 7659.28 and 9599.21 per 10,000 for a DSR of 859.21), so only its 95% limits are
// compared. The ISR sheet's Area1/Area2 rows come from a sheet (testdata_multigroup)
// that is not among the exported files and are not compared.
#include "catch.hpp"
#include "reference.hpp"
#include "table_io.hpp"

#include "core/error.hpp"
#include "stats/intervals.hpp"
#include "tables/dsr.hpp"
#include "tables/funnel.hpp"
#include "tables/isr.hpp"
#include "tables/quantile.hpp"
#include "tables/rates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>

namespace {

using heq::test::matches;
using heq::test::num;
using heq::test::Row;

std::vector<Row> sheet(const std::string& name) {
  return heq::test::read_rows(heq::test::reference_file("phe/" + name));
}

template <class Options, class Run>
std::vector<Row> run_on(Run run, const Options& o, const std::string& csv,
                        heq::Diagnostics* d = nullptr) {
  return heq::test::parse_csv(heq::test::run_table(run, o, heq::test::text_input(csv), d));
}

template <class Options, class Run>
std::vector<Row> run_on_file(Run run, const Options& o, const std::string& name,
                             std::vector<std::string> where = {}) {
  return heq::test::parse_csv(heq::test::run_table(
      run, o, heq::test::file_input(heq::test::reference_file("phe/" + name), std::move(where))));
}

double level_of(const std::string& text) { return text == "99.8%" ? 0.998 : 0.95; }

std::vector<Row> only(const std::vector<Row>& rows, const std::string& column,
                      const std::string& value) {
  std::vector<Row> out;
  for (const Row& r : rows)
    if (r.at(column) == value) out.push_back(r);
  return out;
}

void check_columns(const Row& got, const Row& want,
                   const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [ours, theirs] : pairs) {
    INFO(ours << " = " << got.at(ours) << ", sheet " << theirs << " = " << want.at(theirs));
    CHECK(matches(num(got, ours), want.at(theirs)));
  }
}

const std::vector<std::pair<std::string, std::string>> kTwoLevels = {
    {"value", "value"},
    {"lower95_0cl", "lower95_0cl"},
    {"upper95_0cl", "upper95_0cl"},
    {"lower99_8cl", "lower99_8cl"},
    {"upper99_8cl", "upper99_8cl"}};
const std::vector<std::pair<std::string, std::string>> kOneLevel = {
    {"value", "value"}, {"lowercl", "lowercl"}, {"uppercl", "uppercl"}};

}  // namespace

TEST_CASE("rates family: Byars and Wilson limits") {
  for (const Row& r : sheet("testdata_Byars_Wilson__testdata_B_W.csv")) {
    if (r.at("x").empty()) continue;
    const double x = num(r, "x"), level = level_of(r.at("confidence"));
    INFO(r.at("method") << " x=" << r.at("x") << " n=" << r.at("n") << " " << r.at("confidence"));
    if (r.at("method") == "Byars") {
      CHECK(matches(heq::stats::byars_lower(x, level), r.at("lowercl")));
      CHECK(matches(heq::stats::byars_upper(x, level), r.at("uppercl")));
    } else {
      const double n = num(r, "n");
      CHECK(matches(heq::stats::wilson_lower(x, n, level), r.at("lowercl")));
      CHECK(matches(heq::stats::wilson_upper(x, n, level), r.at("uppercl")));
    }
  }
}

namespace {

using heq::rates::CountStatistic;

// A sheet of counts checked per multiplier block (row by row), then grouped by area.
void check_count_sheets(CountStatistic statistic, const std::string& rows_sheet,
                        const std::string& groups_sheet, std::vector<const char*> multipliers,
                        double group_multiplier) {
  const auto rows = sheet(rows_sheet);
  heq::rates::CountOptions o;
  o.statistic = statistic;
  o.count = "Numerator";
  o.population = "Denominator";
  const std::vector<std::string> input{"Area", "Numerator", "Denominator"};
  for (const char* m : multipliers) {
    const auto want = only(rows, "multiplier", m);
    o.multiplier = std::stod(m);
    o.grouping.levels = {0.95, 0.998};
    const auto got = run_on(heq::rates::run_counts, o, heq::test::to_csv(input, want));
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO("x " << m << ", " << want[i].at("Area"));
      check_columns(got[i], want[i], kTwoLevels);
      if (want[i].at("value").empty()) CHECK(!got[i].at("note").empty());
    }
  }
  // Grouped: every row of the sheet, summed per area (areas appear once per block).
  const auto want = sheet(groups_sheet);
  o.multiplier = group_multiplier;
  o.grouping.levels = {0.95};
  o.grouping.by = {"Area"};
  const auto got = run_on(heq::rates::run_counts, o, heq::test::to_csv(input, rows));
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("grouped " << want[i].at("Area"));
    CHECK(got[i].at("Area") == want[i].at("Area"));
    check_columns(got[i], want[i], {{"Numerator", "Numerator"}, {"Denominator", "Denominator"}});
    check_columns(got[i], want[i], kOneLevel);
  }
}

}  // namespace

TEST_CASE("rates family: crude rates per 100 and per 100,000, row by row and per group") {
  check_count_sheets(CountStatistic::rate, "testdata_Rate__testdata_Rate.csv",
                     "testdata_Rate__testdata_Rate_g.csv", {"100", "100000"}, 100000);
}

TEST_CASE("rates family: proportions and percentages, row by row and per group") {
  check_count_sheets(CountStatistic::proportion, "testdata_Proportion__testdata_Prop.csv",
                     "testdata_Proportion__testdata_Prop_g.csv", {"1", "100"}, 1);
}

TEST_CASE("rates family: means per group and overall") {
  const auto want = sheet("testdata_Mean__testdata_Mean_results.csv");
  heq::rates::MeanOptions o;
  o.value = "values";
  o.grouping.levels = {0.95, 0.998};
  o.grouping.by = {"area"};
  const auto grouped =
      run_on_file(heq::rates::run_mean, o, "testdata_Mean__testdata_Mean.csv", {"area!="});
  o.grouping.by = {};
  const auto overall =
      run_on_file(heq::rates::run_mean, o, "testdata_Mean__testdata_Mean.csv", {"area!="});
  REQUIRE(grouped.size() == 2);
  REQUIRE(overall.size() == 1);
  const std::vector<std::pair<std::string, std::string>> cols = {
      {"value_sum", "value_sum"}, {"value_count", "value_count"}, {"stdev", "stdev"}};
  for (std::size_t i = 0; i < 3; ++i) {
    const Row& got = i < 2 ? grouped[i] : overall[0];
    INFO(want[i].at("area"));
    check_columns(got, want[i], cols);
    check_columns(got, want[i], kTwoLevels);
  }
}

TEST_CASE("rates family: DSRs with ESP2013 joined on age band labels") {
  const auto want = sheet("testdata_DSR_ISR__testresults_DSR.csv");
  for (double m : {10000.0, 100000.0}) {
    heq::rates::DsrOptions o;
    o.population = "pop";
    o.age = "ageband";
    o.grouping.by = {"area"};
    o.multiplier = m;
    o.grouping.levels = {0.95, 0.998};
    const auto got =
        run_on_file(heq::rates::run_dsr, o, "testdata_DSR_ISR__testdata_multiarea.csv");
    REQUIRE(got.size() == 3);
    for (const Row& g : got) {
      // The sheet lists each area per 10,000 first, then per 100,000.
      const auto rows = only(want, "area", g.at("area"));
      REQUIRE(rows.size() == 2);
      const Row* w = &rows[m == 10000 ? 0 : 1];
      INFO(g.at("area") << " per " << m);
      check_columns(g, *w, {{"total_count", "total_count"}, {"total_pop", "total_pop"}});
      check_columns(g, *w, kTwoLevels);
      CHECK(g.at("note") == (w->at("value").empty() ? "total count 9 is below 10" : ""));
    }
  }
}

TEST_CASE("rates family: DSR with the 1976 standard, as a column and built in") {
  const auto want = only(sheet("testdata_DSR_ISR__testresults_DSR.csv"), "area", "testdata_1976");
  for (bool builtin : {false, true}) {
    for (double m : {10000.0, 100000.0}) {
      heq::rates::DsrOptions o;
      o.population = "pop";
      o.age = "Age Band";
      if (builtin)
        o.standard = "esp1976";
      else
        o.stdpop = "esp1976";
      o.multiplier = m;
      o.grouping.levels = {0.95, 0.998};
      const auto got = run_on_file(heq::rates::run_dsr, o, "testdata_DSR_ISR__testdata_1976.csv",
                                   {"Age Band!="});
      REQUIRE(got.size() == 1);
      const Row& w = want[m == 10000 ? 0 : 1];
      INFO((builtin ? "built-in" : "column") << " per " << m);
      check_columns(
          got[0], w,
          {{"value", "value"}, {"lower95_0cl", "lower95_0cl"}, {"upper95_0cl", "upper95_0cl"}});
      // The sheet's 99.8% limits are 10 times too large (see the header).
      CHECK(matches(num(got[0], "lower99_8cl") * 10, w.at("lower99_8cl")));
      CHECK(matches(num(got[0], "upper99_8cl") * 10, w.at("upper99_8cl")));
    }
  }
}

TEST_CASE("rates family: DSR for non-independent events") {
  // The sheet holds persons by event frequency as columns f1..f4; heq reads one row per
  // frequency, as the package does.
  std::vector<Row> long_rows;
  for (const Row& r : sheet("testdata_DSR_ISR__testdata_nonindepe.csv"))
    for (int f = 1; f <= 4; ++f)
      long_rows.push_back({{"area", r.at("area")},
                           {"ageband", r.at("ageband")},
                           {"freq", std::to_string(f)},
                           {"persons", r.at("f" + std::to_string(f))},
                           {"pop", r.at("pop")}});
  heq::rates::DsrOptions o;
  o.count = "persons";
  o.population = "pop";
  o.age = "ageband";
  o.frequency = "freq";
  o.grouping.by = {"area"};
  o.grouping.levels = {0.95, 0.998};
  const auto got =
      run_on(heq::rates::run_dsr, o,
             heq::test::to_csv({"area", "ageband", "freq", "persons", "pop"}, long_rows));
  const auto want = sheet("testdata_DSR_ISR__testresults_DSR.csv");
  REQUIRE(got.size() == 4);
  for (const Row& g : got) {
    const auto w = only(want, "area", g.at("area"));
    REQUIRE(w.size() == 1);
    INFO(g.at("area"));
    check_columns(g, w[0], {{"total_count", "total_count"}, {"total_pop", "total_pop"}});
    check_columns(g, w[0], kTwoLevels);
  }
}

TEST_CASE("rates family: DSR error sheets stop the run at the bad cell") {
  const auto where = [](const char* file, const char* stdpop, std::vector<std::string> by) {
    heq::rates::DsrOptions o;
    o.population = "pop";
    o.stdpop = stdpop;
    o.grouping.by = std::move(by);
    try {
      run_on_file(heq::rates::run_dsr, o, file,
                  {std::string(by.empty() ? "count" : "area") + "!="});
    } catch (const heq::DataError& e) {
      return std::pair{e.where().line, e.where().column};
    }
    return std::pair<std::size_t, std::size_t>{0, 0};
  };
  CHECK(where("testdata_DSR_ISR__testdata_err1.csv", "stdpop", {}) ==
        std::pair<std::size_t, std::size_t>{7, 2});
  CHECK(where("testdata_DSR_ISR__testdata_err3.csv", "stdpop", {}) ==
        std::pair<std::size_t, std::size_t>{3, 3});
  CHECK(where("testdata_DSR_ISR__testdata_err4.csv", "stdpop", {}) ==
        std::pair<std::size_t, std::size_t>{7, 4});
  // err2 has no standard population column: give each band a weight of 1 via ESP is not
  // possible (no age column), so check the zero population with --stdpop pop.
  CHECK(where("testdata_DSR_ISR__testdata_err2.csv", "pop", {"area"}) ==
        std::pair<std::size_t, std::size_t>{3, 3});
}

TEST_CASE("rates family: ISRs, ratios and rates, from a reference file or columns") {
  const auto want = sheet("testdata_DSR_ISR__testresults_ISR.csv");
  struct Variant {
    bool rate;
    double multiplier;
    const char* statistic;
  };
  for (const Variant v : {Variant{true, 100000, "indirectly standardised rate per 100000"},
                          Variant{true, 1000, "indirectly standardised rate per 1000"},
                          Variant{false, 1, "indirectly standardised ratio x 1"},
                          Variant{false, 100, "indirectly standardised ratio x 100"}}) {
    for (int source = 0; source < 3; ++source) {
      heq::rates::IsrOptions o;
      o.population = "pop";
      o.ref_count = "refcount";
      o.ref_population = "refpop";
      o.grouping.by = {"area"};
      o.rate = v.rate;
      o.multiplier = v.multiplier;
      o.grouping.levels = {0.95, 0.998};
      std::string file = "testdata_DSR_ISR__testdata_multiarea_isr.csv";
      if (source > 0) {  // a separate reference file joined on the age band
        file = "testdata_DSR_ISR__testdata_multiarea.csv";
        o.age = "ageband";
        o.ref_age = "Age Band";
        o.reference = heq::test::reference_file("phe/testdata_DSR_ISR__refdata.csv");
      }
      if (source == 2) {  // observed totals from their own file
        o.observed =
            heq::test::reference_file("phe/testdata_DSR_ISR__testdata_multiarea_lookup.csv");
        o.observed_count = "total_count";
      }
      const auto got = run_on_file(heq::rates::run_isr, o, file);
      REQUIRE(got.size() == 3);
      for (const Row& g : got) {
        const Row* w = nullptr;
        for (const Row& r : want)
          if (r.at("area") == g.at("area") && r.at("statistic") == v.statistic) w = &r;
        REQUIRE(w);
        INFO(v.statistic << ", source " << source << ", " << g.at("area"));
        check_columns(g, *w, {{"observed", "observed"}, {"expected", "expected"}});
        check_columns(g, *w, kTwoLevels);
      }
    }
  }
}

namespace {

// The quantile sheet with the package's polarity mapping: high is good -> FALSE (quantile
// 1 holds the lowest values), low is good -> TRUE.
std::string quantile_input(const std::function<bool(const Row&)>& keep) {
  std::vector<Row> rows;
  for (Row r : sheet("testdata_Quantiles__testdata_Quantiles.csv")) {
    if (!keep(r)) continue;
    const std::string p = r.at("Polarity");
    r["invert"] = p == "RAG - High is good" ? "FALSE" : p == "RAG - Low is good" ? "TRUE" : p;
    rows.push_back(r);
  }
  return heq::test::to_csv(
      {"IndSexRef", "ParentCode", "AreaCode", "Value", "invert", "QuantileInGrp"}, rows);
}

void check_quantiles(const std::vector<Row>& got) {
  REQUIRE(!got.empty());
  std::size_t differ = 0;
  for (const Row& r : got) differ += r.at("quantile") != r.at("QuantileInGrp");
  CHECK(differ == 0);
}

}  // namespace

TEST_CASE("rates family: quantiles within region, direction from a field") {
  heq::rates::QuantileOptions o;
  o.value = "Value";
  o.invert_column = "invert";
  o.grouping.by = {"IndSexRef", "ParentCode"};
  const auto csv = quantile_input([](const Row& r) {
    return r.at("Test").rfind("Good", 0) == 0 && r.at("GroupSet") == "IndSexReg";
  });
  check_quantiles(run_on(heq::rates::run_quantile, o, csv));
  // One indicator, inverted FALSE for all: too few areas in some regions (a warning).
  o.invert_column.clear();
  o.invert = false;
  heq::Diagnostics d;
  const auto one = run_on(heq::rates::run_quantile, o, quantile_input([](const Row& r) {
                            return r.at("Test").rfind("Good", 0) == 0 &&
                                   r.at("GroupSet") == "IndSexReg" &&
                                   r.at("IndSexRef") == "90366Female";
                          }),
                          &d);
  check_quantiles(one);
  CHECK(d.warnings().size() == 1);
}

TEST_CASE("rates family: septiles by indicator, and quartiles over everything") {
  heq::rates::QuantileOptions o;
  o.value = "Value";
  o.invert_column = "invert";
  o.quantiles = 7;
  o.grouping.by = {"IndSexRef"};
  check_quantiles(run_on(heq::rates::run_quantile, o, quantile_input([](const Row& r) {
                           return r.at("Test").rfind("Good", 0) == 0 &&
                                  r.at("GroupSet") == "IndSex";
                         })));
  heq::rates::QuantileOptions all;
  all.value = "Value";
  all.quantiles = 4;
  check_quantiles(run_on(heq::rates::run_quantile, all, quantile_input([](const Row& r) {
                           return r.at("Test").rfind("Good", 0) == 0 && r.at("GroupSet") == "None";
                         })));
}

TEST_CASE("rates family: a direction that varies within a group stops the run") {
  heq::rates::QuantileOptions o;
  o.value = "Value";
  o.invert_column = "invert";
  o.quantiles = 7;
  o.grouping.by = {"IndSexRef"};
  CHECK_THROWS_AS(run_on(heq::rates::run_quantile, o, quantile_input([](const Row& r) {
                           return r.at("Test") == "BadPolarity";
                         })),
                  heq::DataError);
}

namespace {

std::vector<Row> funnel_sheet(const std::string& name) { return sheet(name); }

void check_table(const std::vector<Row>& got, const std::vector<Row>& want,
                 const std::vector<std::pair<std::string, std::string>>& pairs) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("row " << i + 1);
    check_columns(got[i], want[i], pairs);
  }
}

}  // namespace

TEST_CASE("rates family: funnel limits for proportions, with and without axis variation") {
  const auto input = funnel_sheet("testdata_funnel_prop_inputs.csv");
  heq::rates::FunnelOptions o;
  o.count = "numerator";
  o.population = "denominator";
  o.limits = true;
  const std::vector<std::pair<std::string, std::string>> cols = {
      {"population", "Population"},           {"lower_2s_limit", "Lower2s0025limit"},
      {"upper_2s_limit", "Upper2s0025limit"}, {"lower_3s_limit", "Lower3s0001limit"},
      {"upper_3s_limit", "Upper3s0001limit"}, {"baseline", "Baseline"}};
  check_table(
      run_on(heq::rates::run_funnel, o, heq::test::to_csv({"numerator", "denominator"}, input)),
      funnel_sheet("testdata_funnel_prop_outputs.csv"), cols);
  std::vector<Row> small;
  for (const Row& r : input)
    if (num(r, "denominator") < 31000) small.push_back(r);
  check_table(
      run_on(heq::rates::run_funnel, o, heq::test::to_csv({"numerator", "denominator"}, small)),
      funnel_sheet("testdata_funnel_prop_outputs_with_axis_variation.csv"), cols);
}

TEST_CASE("rates family: funnel significance for proportions and ratios") {
  heq::rates::FunnelOptions o;
  o.count = "numerator";
  o.population = "denominator";
  const auto prop = funnel_sheet("testdata_funnel_prop_inputs.csv");
  const auto got = run_on(heq::rates::run_funnel, o,
                          heq::test::to_csv({"Area", "numerator", "denominator"}, prop));
  REQUIRE(got.size() == prop.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    CHECK(got[i].at("significance") == prop[i].at("significance"));

  heq::rates::FunnelOptions r;
  r.type = heq::rates::FunnelType::ratio;
  r.count = "obs";
  const auto ratio = funnel_sheet("testdata_funnel_ratio_inputs.csv");
  const auto rgot =
      run_on(heq::rates::run_funnel, r, heq::test::to_csv({"obs", "expected"}, ratio));
  REQUIRE(rgot.size() == ratio.size());
  for (std::size_t i = 0; i < rgot.size(); ++i)
    CHECK(rgot[i].at("significance") == ratio[i].at("significance"));
}

TEST_CASE("rates family: funnel limits for ratios, as counts and as ISRs") {
  heq::rates::FunnelOptions o;
  o.type = heq::rates::FunnelType::ratio;
  o.count = "obs";
  o.limits = true;
  const std::string csv =
      heq::test::to_csv({"obs", "expected"}, funnel_sheet("testdata_funnel_ratio_inputs.csv"));
  const auto want = funnel_sheet("testdata_funnel_ratio_outputs.csv");
  for (const char* kind : {"count", "isr"}) {
    o.ratio_type =
        std::string(kind) == "count" ? heq::rates::RatioType::count : heq::rates::RatioType::isr;
    std::vector<std::pair<std::string, std::string>> cols = {
        {"observed_events", "Observed_events\n"}};
    for (const char* side : {"lower_2s", "upper_2s", "lower_3s", "upper_3s"}) {
      cols.push_back({std::string(side) + "_exp_events", std::string(side) + "_exp_events"});
      cols.push_back({std::string(side) + "_limit", std::string(side) + "_" + kind});
    }
    INFO(kind);
    check_table(run_on(heq::rates::run_funnel, o, csv), want, cols);
  }
}

namespace {

std::vector<std::pair<std::string, std::string>> rate_limit_columns() {
  std::vector<std::pair<std::string, std::string>> cols = {{"events", "Events"},
                                                           {"baseline", "baseline"}};
  for (const char* side : {"lower_2s", "upper_2s", "lower_3s", "upper_3s"}) {
    cols.push_back(
        {std::string(side) + "_population_1_year", std::string(side) + "_population_1_year"});
    cols.push_back({std::string(side) + "_limit", std::string(side) + "_limit"});
  }
  return cols;
}

}  // namespace

TEST_CASE("rates family: funnel limits for rates (DSR; crude; crude with a zero and populations)") {
  const auto input = funnel_sheet("testdata_funnel_rate_input_funnels.csv");
  double top = 0;
  for (const Row& r : input) top = std::max(top, num(r, "ev"));
  heq::rates::FunnelOptions o;
  o.type = heq::rates::FunnelType::rate;
  o.count = "ev";
  o.rate = "rate";
  o.years = 3;
  o.limits = true;
  check_table(run_on(heq::rates::run_funnel, o, heq::test::to_csv({"ev", "rate"}, input)),
              funnel_sheet("testdata_funnel_rate_outputs.csv"), rate_limit_columns());

  std::vector<Row> five = input;  // the largest count replaced by 5
  for (Row& r : five)
    if (num(r, "ev") == top) r["ev"] = "5";
  o.rate_type = heq::rates::RateType::crude;
  check_table(run_on(heq::rates::run_funnel, o, heq::test::to_csv({"ev", "rate"}, five)),
              funnel_sheet("testdata_funnel_rate_outputs_2.csv"), rate_limit_columns());

  // pop = 1e5 ev / rate; the largest count becomes 0 events at rate 0; only populations
  // above half the largest are kept.
  std::vector<Row> zero;
  double max_pop = 0;
  for (Row r : input) {
    const double pop = 1e5 * num(r, "ev") / num(r, "rate");
    max_pop = std::max(max_pop, pop);
    r["pop"] = fmt::format("{}", pop);
    if (num(r, "ev") == top) r["ev"] = r["rate"] = "0";
    zero.push_back(r);
  }
  std::vector<Row> kept;
  for (const Row& r : zero)
    if (num(r, "pop") > max_pop / 2) kept.push_back(r);
  o.population = "pop";
  o.population_given = true;
  check_table(run_on(heq::rates::run_funnel, o, heq::test::to_csv({"ev", "rate", "pop"}, kept)),
              funnel_sheet("testdata_funnel_rate_outputs_3.csv"), rate_limit_columns());
}

TEST_CASE("rates family: funnel significance for rates, with and without zero counts") {
  const auto input = funnel_sheet("testdata_funnel_rate_dsr_inputs.csv");
  struct Case {
    const char* rate;
    heq::rates::RateType type;
    double multiplier;
    const char* expected;
    bool without_zero;
  };
  using heq::rates::RateType;
  for (const Case c :
       {Case{"rate_dsr", RateType::dsr, 1e5, "dsr_per_100000_with_0", false},
        Case{"rate_dsr", RateType::dsr, 1e5, "dsr_per_100000_without_0", true},
        Case{"rate_dsr", RateType::dsr, 100, "dsr_per_100_without_0", true},
        Case{"rate_crude_per_100000", RateType::crude, 1e5, "crude_per_100000_with_0", false},
        Case{"rate_crude_per_100", RateType::crude, 100, "crude_per_100_with_0", false},
        Case{"rate_crude_per_100000", RateType::crude, 1e5, "crude_per_100000_without_0", true},
        Case{"rate_crude_per_100", RateType::crude, 100, "crude_per_100_without_0", true}}) {
    std::vector<Row> rows;
    for (const Row& r : input)
      if (!c.without_zero || r.at("count") != "0") rows.push_back(r);
    heq::rates::FunnelOptions o;
    o.type = heq::rates::FunnelType::rate;
    o.rate_type = c.type;
    o.rate = c.rate;
    o.population = "pop";
    o.population_given = true;
    o.multiplier = c.multiplier;
    const auto got =
        run_on(heq::rates::run_funnel, o, heq::test::to_csv({"count", c.rate, "pop"}, rows));
    REQUIRE(got.size() == rows.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO(c.expected << " row " << i + 1);
      const std::string label =
          !got[i].at("significance").empty() ? got[i].at("significance")
          : got[i].at("note") == "not applicable for events less than 10 for dsrs"
              ? "Not applicable for events less than 10 for dsrs"
              : got[i].at("note");
      CHECK(label == rows[i].at(c.expected));
    }
  }
}

TEST_CASE("rates family: funnel chart points for rates") {
  const auto input = funnel_sheet("testdata_funnel_rate_input_funnels.csv");
  double top = 0;
  for (const Row& r : input) top = std::max(top, num(r, "ev"));
  heq::rates::FunnelOptions o;
  o.type = heq::rates::FunnelType::rate;
  o.count = "ev";
  o.rate = "rate";
  o.years = 3;
  std::vector<Row> five = input;
  for (Row& r : five)
    if (num(r, "ev") == top) r["ev"] = "5";
  const auto dsr = run_on(heq::rates::run_funnel, o, heq::test::to_csv({"ev", "rate"}, five));
  o.rate_type = heq::rates::RateType::crude;
  const auto crude = run_on(heq::rates::run_funnel, o, heq::test::to_csv({"ev", "rate"}, input));
  std::vector<Row> zero = input;
  for (Row& r : zero)
    if (num(r, "ev") == top) r["ev"] = "0";
  o.population = "pop";
  o.population_given = true;
  o.years = 5;
  const auto with_pop =
      run_on(heq::rates::run_funnel, o, heq::test::to_csv({"ev", "rate", "pop"}, zero));
  for (std::size_t i = 0; i < input.size(); ++i) {
    INFO("row " << i + 1);
    check_columns(dsr[i], input[i],
                  {{"rate_chart", "rate_chart"}, {"denominator_derived", "denominator_derived"}});
    check_columns(
        crude[i], input[i],
        {{"rate_chart", "rate_chart_crude"}, {"denominator_derived", "denominator_derived_crude"}});
    check_columns(with_pop[i], input[i],
                  {{"rate_chart", "rate_chart_crude_with_denom"},
                   {"denominator_derived", "denominator_derived_crude_with_denom"}});
  }
}
