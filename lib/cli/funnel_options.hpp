#pragma once
// heq-funnel's columns and options, registered once for heq-funnel and heq-plot funnel.
#include "tables/funnel.hpp"

#include <CLI/CLI.hpp>

namespace heq::cli {

void add_funnel_options(CLI::App& app, rates::FunnelOptions& o);

}  // namespace heq::cli
