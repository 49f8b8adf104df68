#pragma once
// Confidence levels as every heq tool reads, names and uses them.
#include <string>
#include <string_view>
#include <vector>

namespace heq::stats {

// "0.95", "95", "0.95,0.998" or "95,99.8": a fraction in (0, 1) or a percentage in
// [50, 100). Throws UsageError naming `option` otherwise, or for a repeated level.
std::vector<double> parse_levels(std::string_view text, std::string_view option = "--confidence");

// Two-sided normal quantile for a level: z = Phi^-1(level + (1 - level) / 2).
double z_for_level(double level);

// "95_0" for 0.95, "99_8" for 0.998, "99_95" for 0.9995 (one decimal unless more are needed).
std::string level_suffix(double level);

// Limit column names: one level gives "<prefix>lowercl"; several give
// "<prefix>lower95_0cl", "<prefix>lower99_8cl", ... (likewise "upper").
std::string lower_name(std::string_view prefix, double level, bool several);
std::string upper_name(std::string_view prefix, double level, bool several);

// Every limit column for the levels, lower then upper for each level in turn.
std::vector<std::string> limit_columns(std::string_view prefix, const std::vector<double>& levels);

}  // namespace heq::stats
