#include "cli/gap_options.hpp"

namespace heq::cli {

void add_subgroup_options(Tool& tool, std::string& group, std::string& from, std::string& to,
                          std::string& against) {
  tool.add_column("--group", group, "Subgroup column (e.g. decile, sex)");
  tool.add_named("--from", from, "VALUE", "The base subgroup (the gap is to minus from)");
  tool.add_named("--to", to, "VALUE", "The comparison subgroup");
  tool.add_named(
      "--against", against, "VALUE",
      "Every other subgroup against this one (e.g. each area against England), one row each");
}

}  // namespace heq::cli
