// heq-hle: Sullivan healthy (or disability-free) life expectancy, per --by group.
#include "cli/life_options.hpp"
#include "cli/tool.hpp"
#include "tables/gap.hpp"

namespace {

constexpr const char* kSummary =
    "heq-hle: healthy (or disability-free) life expectancy by Sullivan's method, from\n"
    "deaths, populations and the prevalence of \"not good\" health by age band.";

constexpr const char* kExamples =
    R"(  # HLE at birth and at 65 by decile, limits from the survey's sample sizes
  heq-hle health.csv --by area,sex,decile --prevalence not_good --sample-size n --le-age 0,65
  # The SII of HLE, one pipe
  heq-hle health.csv --by sex,decile --prevalence not_good --sample-size n --le-age 0 \
    | heq-sii --by sex --quantile decile --population pops_used
  # Prevalences in percent with their own standard errors
  heq-hle health.csv --by sex --prevalence pct_bad --prevalence-se pct_bad_se --percent)";

constexpr const char* kDetails =
    R"(Method (Sullivan 1971; EHLEIS guide): heq-life's life table (Chiang II, the same rules);
  HLE_x = sum over bands i >= x of (1 - p_i) L_i / l_x, with p_i the prevalence of not
  good health (a fraction, or a percentage with --percent). Variance from the
  prevalence's sampling alone: sum of L_i^2 v_i / l_x^2, v_i = p (1 - p) / N (--sample-size)
  or the square of --prevalence-se; limits HLE +- z sqrt(variance).

A group heq-life would suppress, or with a band lacking a prevalence, keeps its rows with
  empty values and a note; a prevalence outside 0..1 stops the run naming the cell.

Output: the --by columns, startage, value (HLE), lowercl, uppercl (several levels:
  lower95_0cl, ...), pops_used and dths_used (as heq-life), le (life expectancy),
  years_not_good (le - value), note.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-hle", kSummary, kExamples, kDetails);
  tool.add_grouping();
  heq::gap::HleOptions o;
  heq::cli::add_life_table_options(tool, o.age, o.deaths, o.population, o.a0);
  tool.add_columns(
      {{"--prevalence", o.prevalence, "Prevalence of not good health (or disability) column"},
       {"--sample-size", o.sample_size, "Survey sample size column"},
       {"--prevalence-se", o.prevalence_se, "Prevalence standard error column"}});
  tool.add_flag("--percent", o.percent, "Prevalences (and their standard errors) are percentages");
  heq::cli::add_le_ages(tool.app(), o.le_ages);
  return tool.run_tool(argc, argv, o, heq::gap::run_hle);
}
