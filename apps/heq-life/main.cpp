// heq-life: life tables and life expectancy with confidence limits, per --by group.
#include "help.hpp"

#include "cli/life_options.hpp"
#include "cli/tool.hpp"
#include "tables/life.hpp"

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-life", kSummary, kExamples, kDetails);
  tool.add_grouping();
  tool.add_split_threads();
  heq::life::TableOptions t;
  std::string bands = "any";
  heq::cli::add_life_table_options(tool, t.age, t.deaths, t.population, t.a0, &t.a0_rule);
  tool.add_columns(
      {{"--rate", t.rate, "Death rate (mx) column, instead of --deaths (HMD, ONS tables)"},
       {"--a0-column", t.a0_column, "a0 per group from this column (HMD's ax at age 0)"},
       {"--sex", t.sex, "Sex column, for --a0 ak or cd (male/female, m/f, 1/2)"}});
  tool.add_value("--first-age", t.layout.first_age, "AGE",
                 "The tables start at this age (65: LE at 65 from a table of 65+)");
  heq::cli::add_le_ages(tool.app(), t.le_ages);
  tool.add_value("--bands", bands, "LAYOUT",
                 "Band layout: any, phe (0, 1, 5, ..., 90+), or a list of start ages");
  tool.add_flag("--table", t.table, "Write the full life table instead of LE with limits");
  tool.add_flag("--lifespan", t.lifespan, "Add e-dagger, and the Gini and Theil of age at death");

  return tool.run_tool(argc, argv, t, heq::life::run_life, [&] {
    if (bands == "phe") {
      t.layout.rule = heq::life::LayoutRule::phe;
    } else if (bands != "any") {
      t.layout.rule = heq::life::LayoutRule::list;
      t.layout.ages = heq::cli::parse_ages(bands, "--bands");
    }
  });
}
