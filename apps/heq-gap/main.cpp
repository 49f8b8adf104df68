// heq-gap: absolute and relative gaps between two subgroups, per --by group.
#include "cli/gap_options.hpp"
#include "cli/tool.hpp"
#include "stats/confidence.hpp"
#include "tables/gap.hpp"

namespace {

constexpr const char* kSummary =
    "heq-gap: the absolute gap (difference) and relative gap (ratio) between two subgroups\n"
    "of any indicator table, with confidence limits.";

constexpr const char* kExamples =
    R"(  # The LE gap at birth between the least (10) and most (1) deprived deciles
  heq-life deaths.csv --by area,sex,decile --le-age 0 \
    | heq-gap --by area,sex --group decile --from 1 --to 10
  # The rate ratio of the most to the least deprived quintile, from heq-dsr
  heq-dsr deaths.csv --by area,quintile --age ageband --count deaths \
    | heq-gap --by area --group quintile --from 5 --to 1 --digits 3
  # Limits of another level in the input, or standard errors
  heq-gap table.csv --group sex --from male --to female --input-confidence 0.998
  heq-gap table.csv --group sex --from male --to female --se se
  # Every local authority against England, in one run
  heq-gap le_by_area.csv --by sex --group area --against England
  # The change in the SII between two periods, with ONS's overlap rule
  heq-sii ... --by period,sex | heq-gap --by sex --group period --from 2011-13 --to 2018-20 --value sii --overlap)";

constexpr const char* kDetails =
    R"(Method: gap = value(to) - value(from), limits gap +- z sqrt(se_to^2 + se_from^2)
  (normal approximation); ratio = value(to) / value(from), limits on the log scale:
  exp(log ratio +- z sqrt((se_to / to)^2 + (se_from / from)^2)) (delta method).
  Standard errors come from --se, or from the limits as (upper - lower) / (2 z), z for
  the limits' level: lowercl/uppercl are 95%, level-named columns (lower99_8cl, as
  heq-life --confidence 99.8 writes them) say theirs, and for --value X the columns
  X_lowercl... are read first (heq-sii's sii_lowercl). With several levels in the
  input --input-confidence picks one (else 95%); it also gives the level of columns
  named with --lcl/--ucl (default 95%). The level is never guessed.

Each --by group's rows with --group equal to --from or --to are compared; other
  subgroups are ignored. --against VALUE compares every other subgroup with VALUE
  (gap = subgroup - VALUE), one row each after the --by columns and the --group column:
  the same numbers as one --from VALUE --to S run per S (the Segment Tool's "each area
  against England"; England's rows can come from heq-aggregate's sums).

Change between two periods: --group period --from A --to B (independent periods); the
  difference and ratio with limits as above. --overlap adds intervals_overlap, ONS's
  stricter rule for an SII change: FALSE (a significant change) when the two 95%
  intervals do not overlap. A side that is missing, or has no value, gives empty results
  and a note; so does a ratio of non-positive values. A subgroup twice in a group is an
  error naming both lines.

Output: the --by columns, from_value, to_value, gap, gap_lowercl, gap_uppercl, ratio,
  ratio_lowercl, ratio_uppercl (several levels: gap_lower95_0cl, ...), [intervals_overlap],
  note; with --against the --group column follows the --by columns.)";

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-gap", kSummary, kExamples, kDetails);
  tool.add_grouping();
  heq::gap::GapOptions o;
  heq::cli::add_subgroup_options(tool, o.group, o.from, o.to, o.against);
  tool.add_flag("--overlap", o.overlap,
                "Add intervals_overlap: ONS's rule (do the two 95% intervals overlap?)");
  bool lcl = false, ucl = false;
  tool.add_columns({{"--value", o.value, "Value column"},
                    {"--lcl", o.lower, "Lower limit column", &lcl},
                    {"--ucl", o.upper, "Upper limit column", &ucl},
                    {"--se", o.se, "Standard error column (instead of the limits)"}});
  tool.add_input_confidence();
  return tool.run_tool(argc, argv, o, heq::gap::run_gap, [&] { o.limits_given = lcl || ucl; });
}
