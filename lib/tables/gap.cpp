#include "gap/gap.hpp"
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/groups.hpp"
#include "io/row_checks.hpp"
#include "stats/confidence.hpp"
#include "tables/common.hpp"
#include "tables/gap.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace heq::gap {

namespace {

struct Row {
  std::string label;
  Side side;
  std::size_t line;
};

}  // namespace

bool check_subgroups(const std::string& group, const std::string& from, const std::string& to,
                     const std::string& against) {
  if (!against.empty() && (!from.empty() || !to.empty()))
    throw UsageError(
        "--against compares every subgroup with one: give it instead of --from and --to");
  if (group.empty() || (against.empty() && (from.empty() || to.empty())))
    throw UsageError("give --group, and --from and --to (or --against)");
  if (against.empty() && from == to) throw UsageError("--from and --to name the same subgroup");
  return !against.empty();
}

void run_gap(const GapOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  const bool against = check_subgroups(o.group, o.from, o.to, o.against);
  const std::string& base = against ? o.against : o.from;
  const std::size_t group_col = in.column(o.group);
  const std::size_t value_col = in.column(o.value);
  std::optional<std::size_t> se_col, lo_col, hi_col;
  if (!o.se.empty()) {
    se_col = in.column(o.se);
  }
  double z_input = 0;
  if (se_col) {
    if (o.input_level)
      throw UsageError("--input-confidence is the level of limits; with --se there are none");
  } else if (const auto limits =
                 stats::find_value_limits(in.header(), o.value,
                                          {"", o.limits_given ? o.lower : "",
                                           o.limits_given ? o.upper : "", o.input_level})) {
    lo_col = in.column(limits->lower);
    hi_col = in.column(limits->upper);
    z_input = stats::z_for_level(limits->level);
  }

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  std::vector<std::string> cols = o.grouping.by;
  if (against) cols.push_back(o.group);
  for (const char* c : {"from_value", "to_value", "gap"}) cols.push_back(c);
  for (const std::string& c : stats::limit_columns("gap_", o.grouping.levels)) cols.push_back(c);
  cols.push_back("ratio");
  for (const std::string& c : stats::limit_columns("ratio_", o.grouping.levels)) cols.push_back(c);
  if (o.overlap) cols.push_back("intervals_overlap");
  cols.push_back("note");
  out.begin(cols);

  std::size_t incomplete = 0;
  const auto make_row = [&](const io::Reader& r) {
    Row row{std::string(r.field(group_col)), {r.number(value_col), kMissing}, r.line()};
    if (se_col) {
      row.side.se = io::read_standard_error(r, *se_col);
    } else if (lo_col) {
      const double lo = r.number(*lo_col), hi = r.number(*hi_col);
      io::check_limit_order(r, *lo_col, *hi_col, lo, hi);
      row.side.se = (hi - lo) / (2 * z_input);
    }
    return row;
  };
  const auto write = [&](const std::vector<std::string>& key, const Row* from, const Row* to,
                         const std::string& label, const std::string& missing) {
    Gap g;
    if (!from || !to) {
      g.note = fmt::format("no row for subgroup '{}' in this group", missing);
    } else {
      g = compare(from->side, to->side, o.grouping.levels);
    }
    if (!g.note.empty()) ++incomplete;
    out.texts(key);
    if (against) out.text(label);
    out.number(from ? from->side.value : kMissing).number(to ? to->side.value : kMissing);
    const auto limits = [&](const std::vector<Interval>& ci) {
      for (std::size_t l = 0; l < o.grouping.levels.size(); ++l) {
        const Interval i = l < ci.size() ? ci[l] : Interval{};
        out.number(i.lower).number(i.upper);
      }
    };
    out.number(g.gap);
    limits(g.gap_ci);
    out.number(g.ratio);
    limits(g.ratio_ci);
    if (o.overlap) {
      // ONS's rule for a change in the SII: significant when the 95% intervals do not overlap.
      const bool known = from && to && !std::isnan(from->side.se) && !std::isnan(to->side.se) &&
                         !std::isnan(from->side.value) && !std::isnan(to->side.value);
      if (!known) {
        out.missing();
      } else {
        const double z = stats::z_for_level(0.95);
        const bool apart =
            from->side.value + z * from->side.se < to->side.value - z * to->side.se ||
            to->side.value + z * to->side.se < from->side.value - z * from->side.se;
        out.text(apart ? "FALSE" : "TRUE");
      }
    }
    if (g.note.empty())
      out.missing();
    else
      out.text(g.note);
    out.end_row();
  };

  io::for_each_group<Row>(
      in, keys, o.grouping.sorted, make_row, [&](std::size_t group, std::vector<Row>& rows) {
        const Row* from = nullptr;
        const Row* to = nullptr;
        std::vector<const Row*> others;  // --against: every other subgroup, in input order
        const auto repeated = [&](const Row& first, const Row& r) {
          throw DataError(Location{in.name(), r.line, group_col + 1},
                          fmt::format("subgroup '{}' appears twice in one group (lines {} and {})",
                                      r.label, first.line, r.line));
        };
        for (const Row& r : rows) {
          const bool is_base = r.label == base;
          if (against && !is_base) {
            for (const Row* seen : others)
              if (seen->label == r.label) repeated(*seen, r);
            others.push_back(&r);
            continue;
          }
          const Row** slot = is_base ? &from : r.label == o.to ? &to : nullptr;
          if (!slot) continue;
          if (*slot) repeated(**slot, r);
          *slot = &r;
        }
        const std::vector<std::string>& key = keys.key(group);
        if (!against) return write(key, from, to, "", !from ? o.from : o.to);
        for (const Row* other : others) write(key, from, other, other->label, base);
      });
  diagnostics.warn_count(incomplete, against ? "comparison" : "group", "has",
                         "an incomplete gap; the note column says why");
  out.finish();
}

}  // namespace heq::gap
