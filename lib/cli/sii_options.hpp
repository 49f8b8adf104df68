#pragma once
// heq-sii's columns and method options, registered once for heq-sii and heq-plot sii.
#include "cli/tool.hpp"
#include "tables/sii.hpp"

namespace heq::cli {

// On `app` (the tool's own, or heq-plot's sii chart); --confidence is the caller's, as
// heq-sii takes several levels and a chart's caption one.
void add_sii_options(Tool& tool, CLI::App& app, sii::TableOptions& t);

// What only the parsed command line knows (call inside run).
void finish_sii_options(const Tool& tool, sii::TableOptions& t);

}  // namespace heq::cli
