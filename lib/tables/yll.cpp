#include "tables/yll.hpp"

#include "core/age_label.hpp"
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_checks.hpp"
#include "rates/dsr.hpp"
#include "rates/standard.hpp"
#include "tables/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace heq::rates {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Reference life tables by their --match values.
struct ReferenceTable {
  std::vector<double> ages, e;
};

struct Row {
  AgeLabel age;  // bands; or the age at death (start) for one row per death
  double deaths, population, weight;
  std::size_t line;
  // The reference table its --match values name (none: no table matches). A pointer, not
  // the values, keeps the row plain words, which unsorted input holds in little room.
  const ReferenceTable* table;
};
using References = std::map<std::string, ReferenceTable>;

References read_references(const YllOptions& o) {
  io::Reader t(o.life_table);
  const std::size_t age = t.column(o.table_age), e = t.column(o.table_e);
  std::vector<std::size_t> match;
  for (const std::string& m : o.match) match.push_back(t.column(m));
  References refs;
  while (t.next()) {
    ReferenceTable& table = refs[io::key_of(t, match)];
    const double a = io::read_age_band(t, age).start, x = t.number(e);
    if (std::isnan(x)) io::fail_column(t, e, "no life expectancy: every start age needs one");
    if (!table.ages.empty() && !(a > table.ages.back()))
      io::fail_column(t, age, "start ages must increase within a table");
    table.ages.push_back(a);
    table.e.push_back(x);
  }
  return refs;
}

struct Totals {
  double deaths = 0, yll = 0, population = 0;
  std::vector<DsrBand> bands;
  std::string note;
};

}  // namespace

void run_yll(const YllOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (!(o.multiplier > 0)) throw UsageError("--multiplier must be above zero");
  if (!(o.window.from >= 0 && o.window.limit > o.window.from))
    throw UsageError("--limit must be above --from, and --from 0 or more");
  const bool expected = !o.life_table.path.empty();
  const bool individual = !o.death_age.empty();
  if (!o.match.empty() && !expected) throw UsageError("--match joins a --life-table: give one");
  const StandardPopulation* standard = nullptr;
  if (!individual && o.stdpop.empty()) {
    standard = standard_population(o.standard);
    if (!standard)
      throw UsageError(fmt::format("--standard '{}': expected esp2013 or esp1976", o.standard));
  }
  const References refs = expected ? read_references(o) : References{};

  const std::size_t age_col = in.column(individual ? o.death_age : o.age);
  const std::optional<std::size_t> deaths_col =
      individual ? in.find_column(o.deaths) : std::optional<std::size_t>(in.column(o.deaths));
  // Band rows only: a population, and standard weights from a column.
  std::size_t pop_col = 0;
  std::optional<std::size_t> std_col;
  if (!individual) {
    pop_col = in.column(o.population);
    if (!o.stdpop.empty()) std_col = in.column(o.stdpop);
  }
  std::vector<std::size_t> match_cols;
  for (const std::string& m : o.match) match_cols.push_back(in.column(m));

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  out.begin(group_columns(o.grouping, {"deaths", "yll", "years_per_death", "crude_rate"}));

  std::size_t zeroed = 0, noted = 0;
  const auto make_row = [&](const io::Reader& r) {
    Row row{};
    row.line = r.line();
    if (individual) {
      const double a = r.number(age_col);
      if (!(a >= 0))
        io::fail_column(r, age_col,
                        fmt::format("age at death '{}' is not an age", r.field(age_col)));
      row.age = {o.exact_ages ? a : a + 0.5, kMissing};
      row.deaths = deaths_col ? io::read_count(r, *deaths_col) : 1;
    } else {
      row.age = io::read_age_band(r, age_col);
      row.deaths = count_or_zero(io::read_count(r, *deaths_col), zeroed);
      row.population = io::read_denominator(r, pop_col, "populations", true);
    }
    row.weight = std_col ? r.number(*std_col) : kMissing;
    if (expected) {
      const auto it = refs.find(io::key_of(r, match_cols));
      row.table = it == refs.end() ? nullptr : &it->second;
    }
    return row;
  };

  // The years one death at exact age `age` loses, or NaN with `why` set.
  const auto years = [&](double age, const ReferenceTable* table, std::string& why) {
    if (!expected) return potential_years(age, o.window);
    if (!table) {
      why = "no reference life table matches this group's --match values";
      return kMissing;
    }
    return expected_years(age, table->ages, table->e);
  };

  const auto group_totals = [&](std::vector<Row>& rows) {
    Totals t;
    if (individual)
      std::stable_sort(rows.begin(), rows.end(),
                       [](const Row& a, const Row& b) { return a.age.start < b.age.start; });
    else
      io::sort_unique(
          rows, [](const Row& r) { return r.age.start; }, in, "age band");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      if (individual) {
        const double y = years(r.age.start, r.table, t.note);
        if (!t.note.empty()) return t;
        if (!expected && y == 0) continue;
        t.deaths += r.deaths;
        t.yll += y * r.deaths;
        continue;
      }
      const double end = i + 1 < rows.size()     ? rows[i + 1].age.start
                         : std::isnan(r.age.end) ? kInf
                                                 : r.age.end;
      if (!expected) {
        const YllWindow& w = o.window;
        if (end <= w.from || r.age.start >= w.limit) continue;  // outside the window
        if (r.age.start < w.from || end > w.limit) {
          t.note = fmt::format(
              "the band from {} to {} straddles the window {} to {}: give bands that end at its "
              "edges",
              io::format_number(r.age.start),
              std::isinf(end) ? "the open end" : io::format_number(end), io::format_number(w.from),
              io::format_number(w.limit));
          return t;
        }
      }
      const double previous = i > 0 ? r.age.start - rows[i - 1].age.start : 0;
      const double y = years(mean_age_at_death(r.age.start, end, previous), r.table, t.note);
      if (!t.note.empty()) return t;
      double weight = r.weight;
      if (standard) {
        weight = standard_weight(*standard, r.age.start, end);
        if (std::isnan(weight)) {
          t.note = fmt::format("age band {} has no {} weight", io::format_number(r.age.start),
                               standard->name);
          return t;
        }
      }
      t.deaths += r.deaths;
      t.yll += y * r.deaths;
      t.population += r.population;
      t.bands.push_back({y * r.deaths, y * y * r.deaths, r.population, weight, r.deaths});
    }
    return t;
  };

  const auto on_group = [&](std::size_t group, std::vector<Row>& rows) {
    Totals t = group_totals(rows);
    Dsr d;
    if (t.note.empty() && individual) {
      t.note = "one row per death: no populations, so totals only";
    } else if (t.note.empty()) {
      d = dsr(t.bands, o.multiplier, o.grouping.levels);
      if (!d.note.empty())  // dsr counts the deaths behind the years as its events
        d.note = fmt::format("{} death{} in the window: fewer than 10, so no rate",
                             io::format_number(t.deaths), t.deaths == 1 ? "" : "s");
      t.note = d.note;
    }
    const bool totals = individual || t.note == d.note;
    if (!t.note.empty()) ++noted;
    out.texts(keys.key(group));
    out.number(totals ? t.deaths : kMissing).number(totals ? t.yll : kMissing);
    out.number(totals && t.deaths > 0 ? t.yll / t.deaths : kMissing);
    out.number(!individual && totals && t.population > 0 ? t.yll / t.population * o.multiplier
                                                         : kMissing);
    write_result(out, d.value, d.ci, o.grouping.levels.size(), t.note);
    out.end_row();
  };
  io::for_each_group<Row>(in, keys, o.grouping.sorted, make_row, on_group);

  diagnostics.warn_count(zeroed, "missing death count", "was", "read as 0, as the UK method does");
  diagnostics.warn_count(noted, "group", "has", "no rate or a caveat; the note column says why");
  out.finish();
}

}  // namespace heq::rates
