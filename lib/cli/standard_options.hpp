#pragma once
// Direct standardisation's options, registered once for heq-dsr and heq-yll: the
// standard population (a column or a built-in one) and the rate multiplier.
#include "cli/tool.hpp"

#include <string>

namespace heq::cli {

void add_standard_options(Tool& tool, std::string& stdpop, std::string& standard,
                          double& multiplier);

}  // namespace heq::cli
