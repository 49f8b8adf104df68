#include "cli/life_options.hpp"

namespace heq::cli {

void add_life_table_options(Tool& tool, std::string& age, std::string& deaths,
                            std::string& population, double& a0) {
  tool.add_column("--age", age, "Start age (or age band label) column");
  tool.add_column("--deaths", deaths, "Deaths column");
  tool.add_column("--population", population, "Population (person-years) column");
  tool.app()
      .add_option("--a0", a0, "Fraction of the first year lived by infants who die")
      ->type_name("F")
      ->capture_default_str();
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
