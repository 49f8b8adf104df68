// heq-decompose: Arriaga decomposition of a life expectancy gap by age band and cause.
#include "help.hpp"

#include "cli/life_options.hpp"
#include "cli/tool.hpp"
#include "tables/gap.hpp"

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-decompose", kSummary, kExamples, kDetails);
  CLI::App& app = tool.app();
  tool.add_by();
  heq::gap::DecomposeOptions o;
  tool.add_column("--group", o.group, "Subgroup column (e.g. decile)");
  app.add_option("--from", o.from, "The base subgroup")->type_name("VALUE");
  app.add_option("--to", o.to, "The comparison subgroup (the gap is its LE minus the base's)")
      ->type_name("VALUE");
  app.add_option("--against", o.against,
                 "Every other subgroup's gap to this one (e.g. each area against England)")
      ->type_name("VALUE");
  heq::cli::add_life_table_options(tool, o.age, o.deaths, o.population, o.a0);
  tool.add_column("--cause", o.cause, "Cause of death column (deaths per cause)");
  tool.add_column("--health", o.health,
                  "Prevalence of ill health column: split the HLE gap into mortality and health");
  tool.app().add_flag("--percent", o.percent, "--health prevalences are percentages");
  heq::cli::add_choice(app, "--method", o.method,
                       {{"arriaga", heq::gap::Method::arriaga},
                        {"symmetric", heq::gap::Method::symmetric},
                        {"stepwise", heq::gap::Method::stepwise}},
                       "arriaga (directional), symmetric, or stepwise (replacement, any --measure)",
                       "METHOD");
  heq::cli::add_choice(app, "--measure", o.measure,
                       {{"le", heq::gap::Measure::le},
                        {"edagger", heq::gap::Measure::edagger},
                        {"sii", heq::gap::Measure::sii}},
                       "What --method stepwise decomposes: le, edagger (life years lost), or sii "
                       "(the SII of LE across --quantile)",
                       "MEASURE");
  tool.add_column("--quantile", o.quantile,
                  "With --measure sii: deprivation quantile column (1 = most deprived)");
  app.add_option("--sum-over", o.sum_over,
                 "age (totals per cause, or per quantile), cause or quantile (totals per band)")
      ->type_name("DIM")
      ->check(CLI::IsMember({"age", "cause", "quantile"}));
  app.add_option("--age-at", o.age_at, "Decompose life expectancy at this age")
      ->type_name("AGE")
      ->capture_default_str();
  return tool.run_tool(argc, argv, o, heq::gap::run_decompose);
}
