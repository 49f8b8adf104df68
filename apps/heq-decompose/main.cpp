// heq-decompose: Arriaga decomposition of a life expectancy gap by age band and cause.
#include "help.hpp"

#include "cli/gap_options.hpp"
#include "cli/life_options.hpp"
#include "cli/tool.hpp"
#include "tables/gap.hpp"

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-decompose", kSummary, kExamples, kDetails);
  tool.add_by();
  heq::gap::DecomposeOptions o;
  heq::cli::add_subgroup_options(tool, o.group, o.from, o.to, o.against);
  heq::cli::add_life_table_options(tool, o.age, o.deaths, o.population, o.a0);
  tool.add_columns(
      {{"--cause", o.cause, "Cause of death column (deaths per cause)"},
       {"--health", o.health,
        "Prevalence of ill health column: split the HLE gap into mortality and health"}});
  tool.add_flag("--percent", o.percent, "--health prevalences are percentages");
  tool.add_choice("--method", o.method,
                  {{"arriaga", heq::gap::Method::arriaga},
                   {"symmetric", heq::gap::Method::symmetric},
                   {"stepwise", heq::gap::Method::stepwise}},
                  "arriaga (directional), symmetric, or stepwise (replacement, any --measure)",
                  "METHOD");
  tool.add_choice("--measure", o.measure,
                  {{"le", heq::gap::Measure::le},
                   {"edagger", heq::gap::Measure::edagger},
                   {"sii", heq::gap::Measure::sii}},
                  "What --method stepwise decomposes: le, edagger (life years lost), or sii "
                  "(the SII of LE across --quantile)",
                  "MEASURE");
  tool.add_column("--quantile", o.quantile,
                  "With --measure sii: deprivation quantile column (1 = most deprived)");
  tool.add_named("--sum-over", o.sum_over, "DIM",
                 "age (totals per cause, or per quantile), cause or quantile (totals per band)")
      ->check(CLI::IsMember({"age", "cause", "quantile"}));
  tool.add_value("--age-at", o.age_at, "AGE", "Decompose life expectancy at this age");
  return tool.run_tool(argc, argv, o, heq::gap::run_decompose);
}
