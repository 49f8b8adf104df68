#pragma once
// The subgroup options heq-gap and heq-decompose share (gap::check_subgroups checks them),
// registered once with one wording.
#include "cli/tool.hpp"

#include <string>

namespace heq::cli {

// --group COL with --from and --to, or with --against.
void add_subgroup_options(Tool& tool, std::string& group, std::string& from, std::string& to,
                          std::string& against);

}  // namespace heq::cli
