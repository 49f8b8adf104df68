#include "cli/life_options.hpp"

#include "core/error.hpp"
#include "core/number.hpp"

namespace heq::cli {

void add_life_table_options(Tool& tool, std::string& age, std::string& deaths,
                            std::string& population, double& a0,
                            std::optional<life::A0Rule>* rule) {
  tool.add_column("--age", age, "Start age (or age band label) column");
  tool.add_column("--deaths", deaths, "Deaths column");
  tool.add_column("--population", population, "Population (person-years) column");
  if (!rule) {
    tool.app()
        .add_option("--a0", a0, "Fraction of the first year lived by infants who die")
        ->type_name("F")
        ->capture_default_str();
    return;
  }
  tool.app()
      .add_option_function<std::string>(
          "--a0",
          [&a0, rule](const std::string& text) {
            if (text == "ak" || text == "auto") {
              *rule = life::A0Rule::andreev_kingkade;
            } else if (text == "cd") {
              *rule = life::A0Rule::coale_demeny;
            } else if (parse_number(text, a0) != NumberStatus::ok) {
              throw UsageError("--a0 '" + text +
                               "': expected a fraction such as 0.1, or ak, auto or cd");
            }
          },
          "Fraction of the first year lived by infants who die, or a rule from m0 and --sex: "
          "ak (auto: Andreev-Kingkade, as HMD) or cd (Coale-Demeny)")
      ->type_name("F|ak|cd")
      ->default_str("0.1");
}

void add_le_ages(CLI::App& app, std::vector<double>& ages) {
  app.add_option_function<std::string>(
         "--le-age",
         [&ages](const std::string& text) {
           ages = text == "all" ? std::vector<double>{} : parse_ages(text, "--le-age");
         },
         "Start ages to report (comma-separated), or all")
      ->type_name("AGES")
      ->default_str("all");
}

}  // namespace heq::cli
