// heq-measures on individual-level survey data (--outcome): one row per respondent, one
// setting per --by group.
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/key_table.hpp"
#include "io/row_checks.hpp"
#include "measures/survey.hpp"
#include "tables/measures_common.hpp"

#include "io/groups.hpp"

#include <map>
#include <string>
#include <unordered_map>

namespace heq::measures::detail {

namespace {

// person.psu and person.stratum hold ids over the whole input until a group is complete.
struct Row {
  Respondent person;
  double scale;
  std::size_t line;
};

// Numbers each distinct label in order of first sight.
class Labels {
 public:
  std::size_t id(const std::string& label) {
    return ids_.try_emplace(label, ids_.size()).first->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> ids_;
};

// A design column: required when the user named it, else used when the default exists.
std::optional<std::size_t> design_column(const io::Reader& in,
                                         const std::optional<std::string>& named,
                                         const char* fallback) {
  return named ? std::optional<std::size_t>(in.column(*named)) : in.find_column(fallback);
}

}  // namespace

void run_survey(const TableOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (o.method.linear)
    throw UsageError(
        "--linear works on subgroup estimates; individual data (--outcome) fit the logistic "
        "SII and RII");
  const std::size_t outcome_col = in.column(*o.outcome);
  const std::size_t order_col = in.column(o.order);
  const auto weight_col = design_column(in, o.weight, "weight");
  const auto psu_col = design_column(in, o.psu, "psu");
  const auto strata_col = design_column(in, o.strata, "strata");
  const auto fpc_col = o.fpc ? std::optional<std::size_t>(in.column(*o.fpc)) : std::nullopt;
  std::map<std::size_t, std::pair<double, std::size_t>> fpc_of;  // stratum -> fpc, its line
  const auto scale_col =
      o.scale_value ? std::nullopt : std::optional<std::size_t>(in.column(o.scale));

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  out.begin(output_columns(o));

  Labels strata, psus;
  std::string key;
  const auto make_row = [&](const io::Reader& r) {
    Row row;
    row.line = r.line();
    Respondent& p = row.person;
    p.outcome = r.number(outcome_col);
    p.order = r.number(order_col);
    if (std::isnan(p.order))
      io::fail_column(r, order_col, "every respondent needs a subgroup order");
    if (weight_col) {
      p.weight = r.number(*weight_col);
      if (!(p.weight >= 0)) io::fail_column(r, *weight_col, "a survey weight must be 0 or more");
    }
    // PSU labels are nested in strata: the same label in two strata is two PSUs.
    key.clear();
    io::append_key_part(key, strata_col ? r.field(*strata_col) : std::string_view());
    p.stratum = strata.id(key);
    io::append_key_part(key, psu_col ? r.field(*psu_col) : std::to_string(row.line));
    p.psu = psus.id(key);
    if (fpc_col) {
      p.fpc = r.number(*fpc_col);
      if (!(p.fpc > 0))
        io::fail_column(r, *fpc_col, "a finite population correction must be above 0");
      const auto [it, fresh] = fpc_of.try_emplace(p.stratum, p.fpc, row.line);
      if (!fresh && it->second.first != p.fpc)
        io::fail_column(r, *fpc_col,
                        fmt::format("the stratum's fpc is {} on line {}: it must be the same on "
                                    "every row of a stratum",
                                    io::format_number(it->second.first), it->second.second));
    }
    row.scale = scale_col ? r.number(*scale_col) : kMissing;
    if (row.scale <= 0) io::fail_column(r, *scale_col, "the scale must be above 0");
    return row;
  };

  std::size_t noted = 0;
  std::vector<Respondent> people;
  std::unordered_map<std::size_t, std::size_t> psu_ids, stratum_ids;  // whole input -> group
  io::for_each_group<Row>(
      in, keys, o.grouping.sorted, make_row, [&](std::size_t group, std::vector<Row>& rows) {
        const double scale =
            o.scale_value ? *o.scale_value : constant(rows, &Row::scale, "indicator_scale", in);
        if (std::isnan(scale))
          throw DataError(Location{in.name(), rows.front().line, 0},
                          "a group needs its indicator_scale (the column, or --scale-value)");
        people.clear();
        psu_ids.clear();
        stratum_ids.clear();
        for (Row& r : rows) {
          r.person.stratum =
              stratum_ids.try_emplace(r.person.stratum, stratum_ids.size()).first->second;
          r.person.psu = psu_ids.try_emplace(r.person.psu, psu_ids.size()).first->second;
          people.push_back(r.person);
        }
        noted += write_results(out, keys.key(group), o.grouping.levels, [&](double level) {
          Options m = o.method;
          m.level = level;
          return compute_survey(people, scale, o.measures, m);
        });
      });
  warn_notes(diagnostics, noted);
  out.finish();
}

}  // namespace heq::measures::detail
