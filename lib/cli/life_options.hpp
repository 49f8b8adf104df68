#pragma once
// The life-table inputs heq-life, heq-hle and heq-decompose all read, registered once.
#include "cli/tool.hpp"
#include "life/chiang.hpp"

#include <optional>
#include <string>
#include <vector>

namespace heq::cli {

// --age, --deaths, --population and --a0. With `rule`, --a0 also takes ak (auto) or cd.
void add_life_table_options(Tool& tool, std::string& age, std::string& deaths,
                            std::string& population, double& a0,
                            std::optional<life::A0Rule>* rule = nullptr);

// --le-age AGES (comma-separated start ages) or all (an empty list).
void add_le_ages(CLI::App& app, std::vector<double>& ages);

}  // namespace heq::cli
