// heq-measures: WHO's summary measures of health inequality, per --by setting.
#include "help.hpp"

#include "cli/tool.hpp"
#include "core/error.hpp"
#include "tables/measures.hpp"

#include <fmt/format.h>

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-measures", kSummary, kExamples, kDetails);
  CLI::App& app = tool.app();
  tool.add_by();
  heq::measures::TableOptions o;
  tool.add_column("--estimate", o.estimate, "Estimate column");
  tool.add_column("--se", o.se, "Standard error column");
  tool.add_column("--population", o.population, "Population column");
  tool.add_column("--subgroup", o.subgroup, "Subgroup name column");
  tool.add_column("--order", o.order, "Subgroup order column (ordered dimensions)");
  tool.add_column("--reference", o.reference, "Reference subgroup flag column (1 marks it)");
  tool.add_column("--favourable", o.favourable,
                  "Favourable indicator flag column (1: higher is better)");
  tool.add_column("--scale", o.scale, "Indicator scale column (100, 1000, ...)");
  tool.add_column("--ordered", o.ordered, "Ordered dimension flag column");
  tool.add_column("--setting-average", o.setting_average, "Setting average column");
  const auto design = [&](const char* flag, std::optional<std::string>& target, const char* help) {
    app.add_option(flag, target, help)->type_name("COL");
  };
  design("--outcome", o.outcome, "Individual data: the outcome column (one row per respondent)");
  design("--weight", o.weight,
         "Individual data: survey weight column (default weight, if present)");
  design("--psu", o.psu, "Individual data: primary sampling unit column (default psu, if present)");
  design("--strata", o.strata, "Individual data: stratum column (default strata, if present)");
  design(
      "--fpc", o.fpc,
      "Individual data: finite population correction column (PSUs in the stratum, or a fraction)");
  app.add_option("--favourable-value", o.favourable_value,
                 "1 or 0 for every row, instead of the column")
      ->type_name("0|1")
      ->check(CLI::Range(0, 1));
  app.add_option("--ordered-value", o.ordered_value, "1 or 0 for every row, instead of the column")
      ->type_name("0|1")
      ->check(CLI::Range(0, 1));
  app.add_option("--scale-value", o.scale_value,
                 "The indicator scale for every row, instead of the column")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  app.add_option("--measures", o.measures, "all, or a list of: " + heq::measures::measure_names())
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->default_str("all");
  tool.add_confidence();
  app.add_option("--reps", o.method.reps, "Draws for simulated intervals")
      ->type_name("N")
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Random seed")->type_name("N")->capture_default_str();
  std::vector<double> bounds;
  app.add_option("--bounds", bounds,
                 "The outcome's bounds LOW,HIGH: ACI and RCI of (y - LOW) / (HIGH - LOW)")
      ->type_name("LOW,HIGH")
      ->delimiter(',')
      ->expected(2)
      ->allow_extra_args(false);
  heq::cli::add_choice(app, "--ci-correction", o.method.correction,
                       {{"none", heq::measures::Correction::none},
                        {"wagstaff", heq::measures::Correction::wagstaff},
                        {"erreygers", heq::measures::Correction::erreygers}},
                       "RCI for a bounded outcome: wagstaff or erreygers (needs --bounds)",
                       "METHOD");
  app.add_flag("--linear", o.method.linear,
               "SII and RII from a weighted linear fit (healthequal's linear = TRUE)");
  bool heat = false;
  heq::cli::add_compat(app, "heat", heat, "heat: reproduce healthequal 1.0.1's conventions");
  return tool.run_tool(argc, argv, o, heq::measures::run_measures, [&] {
    if (heat) o.method.compat = heq::measures::heat_compat();
    if (!bounds.empty()) {
      if (bounds.size() != 2 || !(bounds[0] < bounds[1]))
        throw heq::UsageError("--bounds takes LOW,HIGH with LOW below HIGH (e.g. 0,100)");
      o.method.low = bounds[0];
      o.method.high = bounds[1];
    }
    if (o.method.correction != heq::measures::Correction::none && bounds.empty())
      throw heq::UsageError(
          "--ci-correction corrects for a bounded outcome: give --bounds LOW,HIGH");
    if (o.measures == std::vector<std::string>{"all"}) o.measures.clear();
    for (auto [flag, value] : {std::pair{"--weight", &o.weight},
                               {"--psu", &o.psu},
                               {"--strata", &o.strata},
                               {"--fpc", &o.fpc}})
      if (*value && !o.outcome)
        throw heq::UsageError(
            fmt::format("{} describes individual data: give --outcome too", flag));
  });
}
