#include "cli/standard_options.hpp"

namespace heq::cli {

void add_standard_options(Tool& tool, std::string& stdpop, std::string& standard,
                          double& multiplier) {
  tool.add_column("--stdpop", stdpop, "Standard population column (instead of --standard)");
  tool.app()
      .add_option("--standard", standard, "Built-in standard: esp2013 or esp1976")
      ->type_name("NAME")
      ->check(CLI::IsMember({"esp2013", "esp1976"}))
      ->capture_default_str();
  tool.app()
      .add_option("--multiplier", multiplier, "Rate per this many people")
      ->type_name("M")
      ->capture_default_str();
}

}  // namespace heq::cli
