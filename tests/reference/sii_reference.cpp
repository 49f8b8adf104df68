// PHEindicatormethods' SII test sheet (testdata_SII.xlsx, exported as CSV), every block,
// run through heq-sii's table layer exactly as the tool runs it.
//
// Tolerances: point estimates (SII, RII, intercept) 1e-9 relative. Monte Carlo limits
// (ours at the sheet's repetitions against the sheet's own Monte Carlo run) 1% relative
// at 1e5 draws, 1% x sqrt(1e5 / R) at R draws (simulation noise grows as 1/sqrt(R)).
// Analytic limits, where exact, against the same references with the same tolerance.
// The sheet's limits carry their own simulation noise; where the exact limit (which
// Monte Carlo converges to) is itself further than the tolerance from the sheet, no
// correct simulation can meet it, and the comparison is with the exact value instead.
// Those limits are listed one by one below, and the test checks that each is still
// that far out, so the list cannot grow or go stale unseen.
#include "catch.hpp"
#include "reference.hpp"
#include "table_io.hpp"

#include "core/diagnostics.hpp"
#include "core/error.hpp"
#include "io/sink.hpp"
#include "stats/confidence.hpp"
#include "tables/sii.hpp"

#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace {

using Row = std::map<std::string, std::string>;
using heq::test::num;
using heq::test::rel_diff;

const std::string kFile = "phe/testdata_SII__testdata_SII.csv";

struct Case {
  std::string description;
  heq::sii::ValueType type = heq::sii::ValueType::normal;
  bool transform = false;
  double multiplier = 1;
  std::vector<double> levels{0.95};
  std::size_t reps = 100000;
  bool rii = true;
  bool has_limits = true;  // the sheet records limits for this block
};

heq::sii::TableOptions options_for(const Case& c, heq::sii::CiMethod ci) {
  heq::sii::TableOptions t;
  t.columns.quantile = "Quantile";
  t.columns.population = "Population";
  t.columns.value = "Value";
  t.columns.lower = "LowerCL";
  t.columns.upper = "UpperCL";
  t.grouping.by = {"Area"};
  t.method.type = c.type;
  t.method.transform = c.transform;
  t.method.multiplier = c.multiplier;
  t.method.levels = c.levels;
  t.method.reps = c.reps;
  t.method.rii = c.rii;
  t.method.intercept = true;
  t.method.ci = ci;
  return t;
}

std::vector<Row> run_sii(const heq::sii::TableOptions& t, const std::string& description,
                         heq::Diagnostics* diagnostics = nullptr) {
  heq::io::ReaderOptions in;
  in.path = heq::test::reference_file(kFile);
  in.where = {"TestDescription=" + description};
  heq::io::Reader reader(in);
  std::string text;
  heq::io::Writer writer(std::make_unique<heq::io::StringSink>(text), {});
  heq::Diagnostics local;
  heq::sii::run_sii(t, reader, writer, diagnostics ? *diagnostics : local);
  return heq::test::parse_csv(text);
}

// The sheet's expected outputs sit on the first row of each area.
std::map<std::string, Row> expected_for(const std::string& description) {
  heq::io::ReaderOptions in;
  in.path = heq::test::reference_file(kFile);
  in.where = {"TestDescription=" + description};
  heq::io::Reader reader(in);
  std::map<std::string, Row> out;
  while (reader.next()) {
    const std::string area(reader.field(reader.column("Area")));
    if (out.count(area)) continue;
    Row row;
    for (std::size_t i = 0; i < reader.header().size(); ++i)
      row[reader.header()[i]] = std::string(reader.field(i));
    out[area] = row;
  }
  return out;
}

// Limits where the sheet's simulation lies more than 1% from the exact limit.
struct Exception {
  std::string description, area, column;
};
const std::vector<Exception> kNoisySheetLimits = {
    // sheet 3.1276 vs exact 3.0898 (1.2%); heq 3.0698 at seed 20240101
    {"default (e.g. life expectancy) - default parameters", "area1", "sii_lowercl"},
    {"default (e.g. life expectancy) - intercept", "area1", "sii_lowercl"},
    {"default (e.g. life expectancy) - multiple CIs", "area1", "sii_lower95_0cl"},
    // sheet 1.9243 vs exact 1.8817 (2.3%)
    {"default - testing 99% confidence", "area1", "sii_lower99_0cl"},
    {"default (e.g. life expectancy) - multiple CIs", "area1", "sii_lower99_0cl"},
};

bool sheet_is_noisy(const std::string& d, const std::string& area, const std::string& column) {
  for (const Exception& e : kNoisySheetLimits)
    if (e.description == d && e.area == area && e.column == column) return true;
  return false;
}

void check_case(const Case& c) {
  const auto expected = expected_for(c.description);
  REQUIRE(expected.size() >= 1);
  const auto got = run_sii(options_for(c, heq::sii::CiMethod::mc), c.description);
  REQUIRE(got.size() == expected.size());
  const bool linear = c.transform || c.type == heq::sii::ValueType::normal;
  std::vector<Row> exact;
  if (linear) {
    Case a = c;
    a.rii = c.rii && c.transform;
    exact = run_sii(options_for(a, heq::sii::CiMethod::analytic), c.description);
  }
  const bool several = c.levels.size() > 1;
  const double tolerance = 0.01 * std::sqrt(1e5 / static_cast<double>(c.reps));
  for (std::size_t g = 0; g < got.size(); ++g) {
    const Row& row = got[g];
    const std::string area = row.at("Area");
    const Row& want = expected.at(area);
    INFO("case: " << c.description << " / " << area);
    CHECK(rel_diff(num(row, "sii"), num(want, "sii")) < 1e-9);
    if (c.rii) CHECK(rel_diff(num(row, "rii"), num(want, "rii")) < 1e-9);
    if (!want.at("Intercept").empty())
      CHECK(rel_diff(num(row, "intercept"), num(want, "Intercept")) < 1e-9);
    if (!c.has_limits) continue;
    for (std::size_t l = 0; l < c.levels.size(); ++l) {
      const std::string suffix = "_" + std::to_string(l + 1);
      for (const std::string stat : {"sii", "rii"}) {
        if (stat == "rii" && !c.rii) continue;
        for (bool lower : {true, false}) {
          const std::string ours = lower ? heq::stats::lower_name(stat + "_", c.levels[l], several)
                                         : heq::stats::upper_name(stat + "_", c.levels[l], several);
          const std::string theirs = stat + (lower ? "_lowercl" : "_uppercl") + suffix;
          const double sheet = num(want, theirs);
          const double mc = num(row, ours);
          INFO("limit " << ours << ": heq mc " << mc << ", sheet " << sheet);
          double reference = sheet;
          if (sheet_is_noisy(c.description, area, ours)) {
            REQUIRE(!exact.empty());
            reference = num(exact[g], ours);
            CHECK(rel_diff(reference, sheet) > tolerance);  // still noisy, else drop the exception
          }
          CHECK(rel_diff(mc, reference) < tolerance);
          if (!exact.empty() && (stat == "sii" || c.transform)) {
            const double an = num(exact[g], ours);
            INFO("analytic " << an);
            CHECK(rel_diff(an, reference) < tolerance);
          }
        }
      }
    }
  }
}

}  // namespace

using heq::sii::ValueType;

TEST_CASE("sii: normal values, default parameters") {
  check_case({"default (e.g. life expectancy) - default parameters"});
}
TEST_CASE("sii: normal values, 99% confidence") {
  check_case({"default - testing 99% confidence", ValueType::normal, false, 1, {0.99}});
}
TEST_CASE("sii: normal values, 10,000 repetitions") {
  check_case({"default - testing 10,000 repetitions", ValueType::normal, false, 1, {0.95}, 10000});
}
TEST_CASE("sii: quintiles") {
  check_case(
      {"default - testing quintiles", ValueType::normal, false, 1, {0.95}, 100000, true, false});
}
TEST_CASE("sii: rates, untransformed") {
  check_case({"rate (e.g. infant mortality) - default parameters", ValueType::rate});
}
TEST_CASE("sii: proportions, untransformed") {
  check_case({"proportion (e.g. child obesity) - default parameters", ValueType::proportion});
}
TEST_CASE("sii: proportions, multiplier 100") {
  check_case({"proportion - testing multiplier (x 100)", ValueType::proportion, false, 100});
}
TEST_CASE("sii: proportions, multiplier -100") {
  check_case({"proportion - testing multiplier (x -100)", ValueType::proportion, false, -100});
}
TEST_CASE("sii: normal values, 95% and 99% at once") {
  check_case(
      {"default (e.g. life expectancy) - multiple CIs", ValueType::normal, false, 1, {0.95, 0.99}});
}
TEST_CASE("sii: normal values, intercept") {
  check_case({"default (e.g. life expectancy) - intercept"});
}
TEST_CASE("sii: rates, untransformed, intercept") {
  check_case({"rate (e.g. infant mortality) - intercept", ValueType::rate});
}
TEST_CASE("sii: proportions, untransformed, intercept") {
  check_case({"proportion (e.g. child obesity) - intercept", ValueType::proportion});
}
TEST_CASE("sii: rates, log transform") {
  check_case(
      {"rate (e.g. infant mortality) - log transform with intercept", ValueType::rate, true});
}
TEST_CASE("sii: proportions, logit transform") {
  check_case({"proportion (e.g. child obesity) - logit transform with intercept",
              ValueType::proportion, true});
}
TEST_CASE("sii: proportions, logit transform, multiplier -1") {
  check_case({"proportion (e.g. child obesity) - logit transform with negative multiplier",
              ValueType::proportion, true, -1});
}
TEST_CASE("sii: rates, log transform, 95% and 98% at once") {
  check_case({"rate (e.g. infant mortality) - log transform with multiple Cis (95 and 98)",
              ValueType::rate,
              true,
              1,
              {0.95, 0.98}});
}
TEST_CASE("sii: rates, log transform, multiplier -1") {
  check_case({"rate (e.g. infant mortality) - log transform with negative multiplier",
              ValueType::rate, true, -1});
}
TEST_CASE("sii: rates, log transform, 98%") {
  check_case({"rate (e.g. infant mortality) - log transform with 98% CI",
              ValueType::rate,
              true,
              1,
              {0.98}});
}
TEST_CASE("sii: rates, log transform, no RII") {
  check_case({"rate (e.g. infant mortality) - log transform without rii",
              ValueType::rate,
              true,
              1,
              {0.95},
              100000,
              false});
}
TEST_CASE("sii: proportions, logit transform, no RII") {
  check_case({"proportion (e.g. child obesity) - logit transform without rii",
              ValueType::proportion,
              true,
              1,
              {0.95},
              100000,
              false});
}
TEST_CASE("sii: proportions, logit transform, 98%") {
  check_case({"proportion (e.g. child obesity) - logit transform with 98% cis",
              ValueType::proportion,
              true,
              1,
              {0.98}});
}
TEST_CASE("sii: proportions, logit transform, 95% and 98% at once") {
  check_case({"proportion (e.g. child obesity) - logit transform with 95% and 98% cis",
              ValueType::proportion,
              true,
              1,
              {0.95, 0.98}});
}

// The sheet's error and warning fixtures. heq's answers differ from the package's where
// heq-sii --help says so: bad cells stop the run naming line and column; a group that
// cannot be computed keeps its row with a note instead of vanishing.
namespace {

heq::sii::TableOptions fixture_options() {
  return options_for(Case{""}, heq::sii::CiMethod::analytic);
}

heq::Location failure_location(const heq::sii::TableOptions& t, const std::string& description) {
  try {
    run_sii(t, description);
  } catch (const heq::DataError& e) {
    return e.where();
  }
  FAIL("expected a DataError");
  return {};
}

}  // namespace

TEST_CASE("sii: fixture, negative population stops the run at its cell") {
  auto t = fixture_options();
  t.method.rii = false;
  const auto where = failure_location(t, "error handling - negative populations");
  CHECK(where.line == 153);  // RecordNo 152, after the header
  CHECK(where.column == 7);  // Population
}

TEST_CASE("sii: fixture, negative standard error stops the run at its cell") {
  auto t = fixture_options();
  t.method.rii = false;
  t.columns.se = "StandardError";
  const auto where = failure_location(t, "error handling - negative counts/standard error");
  CHECK(where.line == 164);
  CHECK(where.column == 13);
}

TEST_CASE("sii: fixture, a proportion's limit above 1 stops the run at its cell") {
  auto t = fixture_options();
  t.method.rii = false;
  t.method.type = ValueType::proportion;
  t.method.ci = heq::sii::CiMethod::mc;
  const auto where = failure_location(t, "error handling - invalid proportion in CLs");
  CHECK(where.line == 175);
  CHECK(where.column == 12);  // UpperCL = 11
}

TEST_CASE("sii: fixture, missing values keep the group's row with a note") {
  auto t = fixture_options();
  t.method.rii = false;
  const auto rows = run_sii(t, "error handling - missing value field");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("sii").empty());
  CHECK(rows[0].at("note") == "quantile 1 has no value");
}

TEST_CASE("sii: fixture, missing limits keep the point estimate with a note") {
  auto t = fixture_options();
  t.method.rii = false;
  const auto rows = run_sii(t, "error handling - missing confidence limits and se");
  REQUIRE(rows.size() == 1);
  CHECK(!rows[0].at("sii").empty());
  CHECK(rows[0].at("sii_lowercl").empty());
  CHECK(rows[0].at("note") == "no limits: quantile 1 has no lower limit");
}

TEST_CASE("sii: fixture, a missing population or value suppresses the group with a note") {
  auto t = fixture_options();
  t.method.rii = false;
  const auto rows = run_sii(t, "warning handling - missing populations, counts or values");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("sii").empty());
  CHECK(rows[0].at("note") == "quantile 5 has no population");
}

TEST_CASE("sii: fixture, more than 10 quantiles computes with a warning") {
  auto t = fixture_options();
  t.method.rii = false;
  heq::Diagnostics diagnostics;
  const auto rows = run_sii(t, "warning handling - large number of quantiles (>10)", &diagnostics);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("quantiles") == "15");
  CHECK(!rows[0].at("sii").empty());
  REQUIRE(diagnostics.warnings().size() == 1);
  CHECK(diagnostics.warnings()[0] ==
        "1 group has more than 10 quantiles; small values can make the SII unstable");
}

TEST_CASE("sii: proportions from counts give the sheet's values") {
  auto t = options_for({"proportion (e.g. child obesity) - logit transform with intercept",
                        ValueType::proportion, true},
                       heq::sii::CiMethod::analytic);
  t.columns.count = "Count";
  const auto rows = run_sii(t, "proportion (e.g. child obesity) - logit transform with intercept");
  const auto expected =
      expected_for("proportion (e.g. child obesity) - logit transform with intercept");
  REQUIRE(rows.size() == 2);
  for (const auto& row : rows) {
    const auto& want = expected.at(row.at("Area"));
    CHECK(rel_diff(num(row, "sii"), num(want, "sii")) < 1e-9);
    CHECK(rel_diff(num(row, "rii"), num(want, "rii")) < 1e-9);
  }
}

TEST_CASE("sii: standard errors from the se column agree with those from the limits") {
  // StandardError is given on the log scale for rates; the limits give the same spread.
  Case c{"rate (e.g. infant mortality) - default parameters", ValueType::rate};
  auto by_limits = options_for(c, heq::sii::CiMethod::mc);
  auto by_se = by_limits;
  by_se.columns.se = "StandardError";
  const auto a = run_sii(by_limits, c.description);
  const auto b = run_sii(by_se, c.description);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(rel_diff(num(a[i], "sii"), num(b[i], "sii")) < 1e-12);
    CHECK(rel_diff(num(a[i], "sii_lowercl"), num(b[i], "sii_lowercl")) < 1e-3);
    CHECK(rel_diff(num(a[i], "sii_uppercl"), num(b[i], "sii_uppercl")) < 1e-3);
  }
}
