#pragma once
// Confidence levels as every heq tool reads, names and uses them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heq::stats {

// "0.95", "95", "0.95,0.998" or "95,99.8": a fraction in (0, 1) or a percentage in
// [50, 100). Throws UsageError naming `option` otherwise, or for a repeated level.
std::vector<double> parse_levels(std::string_view text, std::string_view option = "--confidence");

// Two-sided normal quantile for a level: z = Phi^-1(level + (1 - level) / 2).
double z_for_level(double level);

// The same for Student's t with `df` degrees of freedom (R's qt(level + (1 - level)/2, df)).
double t_for_level(double level, double df);

// "95_0" for 0.95, "99_8" for 0.998, "99_95" for 0.9995 (one decimal unless more are needed).
std::string level_suffix(double level);

// Limit column names carry their level: "<prefix>lowercl" means 95% and only 95%
// (PHEindicatormethods' name); any other level, or several levels, give
// "<prefix>lower95_0cl", "<prefix>lower99_8cl", ... (likewise "upper"). A reader can
// then always tell the level of the limits it reads.
std::string lower_name(std::string_view prefix, double level, bool several);
std::string upper_name(std::string_view prefix, double level, bool several);

// Every limit column for the levels, lower then upper for each level in turn.
std::vector<std::string> limit_columns(std::string_view prefix, const std::vector<double>& levels);

// The level written in a limit column's name: "lower99_8cl" -> 0.998; nullopt when the
// name has no level suffix after `prefix` + "lower"/"upper".
std::optional<double> level_in_name(std::string_view name, std::string_view prefix);

// The limit columns a tool reads, and their level.
struct LimitColumns {
  std::string lower, upper;  // the caller looks them up, so a missing one is named as usual
  double level = 0.95;
  bool level_said = true;  // false: custom --lcl/--ucl names, 95% by the options' meaning
};

// What the user said about the limits to read.
struct LimitRequest {
  std::string_view prefix;            // "" for value limits, "sii_" for an SII's
  std::string lower, upper;           // names given with --lcl/--ucl (empty: not given)
  std::optional<double> input_level;  // --input-confidence
};

// Finds the limit columns in `header` without guessing their level:
// - names given with --lcl/--ucl: their level is the one in the name, else
//   --input-confidence, else 95% (the options' documented meaning);
// - else "<prefix>lowercl"/"<prefix>uppercl" (95%, or --input-confidence);
// - else "<prefix>lower<L>cl"/"<prefix>upper<L>cl": the --input-confidence level, the
//   only level present, or 95% where several are present.
// nullopt: no limits in the input. Throws UsageError where the level is ambiguous or
// contradicts --input-confidence, and names a lone lower or upper column.
std::optional<LimitColumns> find_limit_columns(const std::vector<std::string>& header,
                                               const LimitRequest& request);

// The limits of the value column `value`: "<value>_lowercl" and its level-named forms
// first (heq-sii's sii_lowercl for --value sii), then the plain "lowercl" ones.
std::optional<LimitColumns> find_value_limits(const std::vector<std::string>& header,
                                              const std::string& value, LimitRequest request);

// "95%" / "99.8%".
std::string level_text(double level);

}  // namespace heq::stats
