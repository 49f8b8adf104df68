#include "cli/funnel_options.hpp"

#include "cli/options.hpp"

namespace heq::cli {

void add_funnel_options(CLI::App& app, rates::FunnelOptions& o) {
  using namespace rates;
  add_column(app, "--count", o.count, "Numerator: successes, observed events or events");
  add_column(app, "--population", o.population, "Denominator (proportions; crude rates)",
             &o.population_given);
  add_column(app, "--expected", o.expected, "Expected events (ratios)");
  add_column(app, "--rate", o.rate, "Rate column (rates)");
  add_choice(app, "--type", o.type,
             {{"proportion", FunnelType::proportion},
              {"ratio", FunnelType::ratio},
              {"rate", FunnelType::rate}},
             "proportion, ratio or rate");
  add_choice(app, "--rate-type", o.rate_type, {{"dsr", RateType::dsr}, {"crude", RateType::crude}},
             "dsr or crude (rates)");
  add_choice(app, "--ratio-type", o.ratio_type,
             {{"isr", RatioType::isr}, {"count", RatioType::count}},
             "isr (limits x 100) or count (limits - 1) (ratios)");
  app.add_option("--multiplier", o.multiplier,
                 "Scale (default 100 for proportions, 100000 for rates)")
      ->type_name("M");
  app.add_option("--years", o.years, "Years of data the rates cover (rates)")->type_name("N");
  add_compat(app, "phe", o.compat_phe,
             "phe: clip proportion limits at 100 whatever the multiplier");
  add_choice(app, "--overdispersion", o.overdispersion,
             {{"none", Overdispersion::none},
              {"multiplicative", Overdispersion::multiplicative},
              {"additive", Overdispersion::additive}},
             "Widen the limits where units vary more than chance: multiplicative (phi) or "
             "additive (tau^2), Spiegelhalter 2005",
             "METHOD");
  app.add_option("--winsorise", o.winsorise,
                 "With --overdispersion: z-scores winsorised at each end")
      ->type_name("P")
      ->capture_default_str();
}

}  // namespace heq::cli
