// heq-yll: years of life lost (potential, working, expected), with crude and directly
// standardised rates, per --by group.
#include "cli/standard_options.hpp"
#include "cli/tool.hpp"
#include "tables/yll.hpp"

namespace {

constexpr const char* kSummary =
    "heq-yll: years of life lost: potential (to an age limit), working (between two ages)\n"
    "or expected (against a reference life table), with crude and age-standardised rates.";

constexpr const char* kExamples =
    R"(  # Potential years of life lost before 75, age-standardised per 100,000 (ESP2013)
  heq-yll deaths.csv --by area,sex --age ageband --deaths deaths --population pop
  # Working years of life lost between 16 and 64
  heq-yll deaths.csv --by area --age ageband --from 16 --limit 65
  # Expected years lost against each sex's life table, made by heq-life
  heq-life england.csv --by sex --table > england_table.csv
  heq-yll deaths.csv --by area,sex --life-table england_table.csv --match sex
  # One row per death: totals and years per death
  heq-yll register.csv --by cause --death-age age)";

constexpr const char* kDetails =
    R"(Years lost by one death at exact age a: --limit - a for --from <= a < --limit
  (potential: PYLL to 75 by default, as the NHS Outcomes Framework's 1a and ScotPHO's
  EASR of PYLL; working years: --from 16 --limit 65), or e(a) from --life-table
  (expected: the table's startage and ex columns, linear between its ages, the last
  e beyond them; --match COLS joins a table per group, e.g. sex).
Age at death: a band's midpoint (0-4: 2.5; a single year 37: 37.5; "0": 0.5; an open
  band: its start plus half the previous band's width); one row per death (--death-age):
  the age in completed years + 0.5, or as given with --exact-ages. Bands must not
  straddle --from or --limit (a note says which does).
Rates: crude = YLL / population x M over the bands in the window; the DSR is heq-dsr's
  (ESP2013 joined on each band's start, --standard esp1976, or --stdpop), with YLL as a
  weighted sum of Poisson deaths: DSR = M sum(w y d / n) / sum(w), V = sum(y^2 d (w /
  n)^2) / sum(w)^2, Dobson's limits DSR + sqrt(V / D) (Byars(D) - D) M, D = deaths in
  the window; fewer than 10 deaths: no DSR, a note. One row per death gives totals only.

Output: the --by columns, deaths, yll, years_per_death, crude_rate, value (the DSR),
  lowercl, uppercl (several levels: lower95_0cl, ...), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-yll", kSummary, kExamples, kDetails);
  tool.add_grouping();
  heq::rates::YllOptions o;
  tool.add_columns(
      {{"--age", o.age, "Age band (or single year) column"},
       {"--deaths", o.deaths, "Deaths column (with --death-age: a count per row, if present)"},
       {"--population", o.population, "Population column"},
       {"--death-age", o.death_age, "One row per death: the age at death column"}});
  tool.add_flag("--exact-ages", o.exact_ages, "--death-age holds exact ages (not completed years)");
  tool.add_value("--from", o.window.from, "AGE", "Count deaths from this age");
  tool.add_value("--limit", o.window.limit, "AGE", "Years are lost up to this age");
  std::string life_table;
  tool.add_named("--life-table", life_table, "FILE", "Expected YLL: a life table (startage, ex)");
  tool.add_columns({{"--table-age", o.table_age, "The life table's start age column"},
                    {"--table-e", o.table_e, "The life table's life expectancy column"}});
  tool.add_list("--match", o.match, "COLS",
                "Columns the life table shares with the input (e.g. sex)");
  heq::cli::add_standard_options(tool, o.stdpop, o.standard, o.multiplier);
  return tool.run_tool(argc, argv, o, heq::rates::run_yll, [&] {
    o.life_table.path.clear();
    if (!life_table.empty()) o.life_table = tool.side_input(life_table);
  });
}
