// heq-measures: WHO's summary measures of health inequality, per --by setting.
#include "help.hpp"

#include "cli/tool.hpp"
#include "core/error.hpp"
#include "tables/measures.hpp"

#include <fmt/format.h>

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-measures", kSummary, kExamples, kDetails);
  tool.add_by();
  heq::measures::TableOptions o;
  tool.add_columns(
      {{"--estimate", o.estimate, "Estimate column"},
       {"--se", o.se, "Standard error column"},
       {"--population", o.population, "Population column"},
       {"--subgroup", o.subgroup, "Subgroup name column"},
       {"--order", o.order, "Subgroup order column (ordered dimensions)"},
       {"--reference", o.reference, "Reference subgroup flag column (1 marks it)"},
       {"--favourable", o.favourable, "Favourable indicator flag column (1: higher is better)"},
       {"--scale", o.scale, "Indicator scale column (100, 1000, ...)"},
       {"--ordered", o.ordered, "Ordered dimension flag column"},
       {"--setting-average", o.setting_average, "Setting average column"}});
  const auto design = [&](const char* flag, std::optional<std::string>& target, const char* help) {
    tool.add_named(flag, target, "COL", help);
  };
  design("--outcome", o.outcome, "Individual data: the outcome column (one row per respondent)");
  design("--weight", o.weight,
         "Individual data: survey weight column (default weight, if present)");
  design("--psu", o.psu, "Individual data: primary sampling unit column (default psu, if present)");
  design("--strata", o.strata, "Individual data: stratum column (default strata, if present)");
  design(
      "--fpc", o.fpc,
      "Individual data: finite population correction column (PSUs in the stratum, or a fraction)");
  const char* const for_every_row = "1 or 0 for every row, instead of the column";
  tool.add_named("--favourable-value", o.favourable_value, "0|1", for_every_row)
      ->check(CLI::Range(0, 1));
  tool.add_named("--ordered-value", o.ordered_value, "0|1", for_every_row)->check(CLI::Range(0, 1));
  tool.add_named("--scale-value", o.scale_value, "N",
                 "The indicator scale for every row, instead of the column")
      ->check(CLI::PositiveNumber);
  tool.add_list("--measures", o.measures, "LIST",
                "all, or a list of: " + heq::measures::measure_names())
      ->default_str("all");
  tool.add_confidence();
  tool.add_value("--reps", o.method.reps, "N", "Draws for simulated intervals");
  tool.add_value("--seed", o.seed, "N", "Random seed");
  std::vector<double> bounds;
  tool.add_named("--bounds", bounds, "LOW,HIGH",
                 "The outcome's bounds LOW,HIGH: ACI and RCI of (y - LOW) / (HIGH - LOW)")
      ->delimiter(',')
      ->expected(2)
      ->allow_extra_args(false);
  tool.add_choice("--ci-correction", o.method.correction,
                  {{"none", heq::measures::Correction::none},
                   {"wagstaff", heq::measures::Correction::wagstaff},
                   {"erreygers", heq::measures::Correction::erreygers}},
                  "RCI for a bounded outcome: wagstaff or erreygers (needs --bounds)", "METHOD");
  tool.add_flag("--linear", o.method.linear,
                "SII and RII from a weighted linear fit (healthequal's linear = TRUE)");
  bool heat = false;
  tool.add_compat("heat", heat, "heat: reproduce healthequal 1.0.1's conventions");
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
