#include "cli/sii_options.hpp"

namespace heq::cli {

void add_sii_options(Tool& tool, CLI::App& app, sii::TableOptions& t) {
  sii::Columns& c = t.columns;
  sii::Options& m = t.method;
  add_column(app, "--quantile", c.quantile, "Quantile label column (1 = most deprived)");
  add_column(app, "--population", c.population, "Population column");
  add_column(app, "--value", c.value, "Value column", &c.value_given);
  add_column(app, "--lcl", c.lower, "Lower limit column (its level: see --input-confidence)",
             &c.lower_given);
  add_column(app, "--ucl", c.upper, "Upper limit column", &c.upper_given);
  tool.add_input_confidence(&app);
  add_column(app, "--se", c.se, "Standard error column (instead of the limits)");
  add_column(app, "--count", c.count,
             "Numerator column: the value is count/population (proportions)");
  add_choice(app, "--type", m.type,
             {{"normal", sii::ValueType::normal},
              {"rate", sii::ValueType::rate},
              {"proportion", sii::ValueType::proportion}},
             "Value type: normal, rate or proportion");
  app.add_flag("--transform", m.transform, "Fit on the log (rate) or logit (proportion) scale");
  app.add_option("--multiplier", m.multiplier,
                 "Scale the SII (e.g. 100 for percentages; negative: high is bad)")
      ->type_name("M")
      ->capture_default_str();
  add_choice(app, "--ci", m.ci,
             {{"mc", sii::CiMethod::mc},
              {"analytic", sii::CiMethod::analytic},
              {"regression", sii::CiMethod::regression}},
             "Interval method: mc (Monte Carlo), analytic, or regression (the line's residuals, "
             "as ScotPHO)",
             "METHOD");
  add_choice(app, "--rii-method", m.rii_method,
             {{"ratio", sii::RiiMethod::ratio}, {"mean", sii::RiiMethod::mean}},
             "RII: ratio (England: fitted ends) or mean (Scotland: SII / weighted mean)", "METHOD");
  app.add_option("--reps", m.reps, "Monte Carlo repetitions (at least 1000)")
      ->type_name("N")
      ->capture_default_str();
  app.add_option("--seed", m.seed, "Random seed")->type_name("N")->capture_default_str();
  app.add_option("--quantiles", t.expected_quantiles,
                 "Require exactly N quantiles labelled 1..N in every group")
      ->type_name("N");
}

void finish_sii_options(const Tool& tool, sii::TableOptions& t) {
  t.columns.input_level = tool.input_level();
  t.method.levels = tool.levels();
}

}  // namespace heq::cli
