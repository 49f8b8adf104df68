#include "core/age_label.hpp"
#include "core/error.hpp"
#include "core/missing.hpp"
#include "hle/sullivan.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_checks.hpp"
#include "stats/confidence.hpp"
#include "tables/common.hpp"
#include "tables/gap.hpp"
#include "tables/life.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace heq::gap {

namespace {

struct Row {
  life::Band band;
  double prevalence, variance;
  std::size_t line;
};

}  // namespace

void run_hle(const HleOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (o.prevalence.empty()) throw UsageError("give --prevalence COL");
  if (o.sample_size.empty() == o.prevalence_se.empty())
    throw UsageError("give one of --sample-size COL or --prevalence-se COL");
  life::check_a0(o.a0);
  const std::size_t age_col = in.column(o.age), deaths_col = in.column(o.deaths),
                    pop_col = in.column(o.population);
  const std::size_t prev_col = in.column(o.prevalence);
  const std::size_t spread_col = in.column(o.sample_size.empty() ? o.prevalence_se : o.sample_size);
  const double scale = o.percent ? 100 : 1;

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  std::vector<std::string> cols = rates::group_columns(o.grouping, {"startage"});
  cols.insert(cols.end() - 1, {"pops_used", "dths_used", "le", "years_not_good"});
  out.begin(cols);

  std::size_t suppressed = 0;
  const auto make_row = [&](const io::Reader& r) {
    Row row{};
    row.line = r.line();
    row.band.age = io::read_age_band(r, age_col).start;
    row.band.deaths = r.number(deaths_col);
    row.band.population = r.number(pop_col);
    row.prevalence = io::read_prevalence(r, prev_col, o.percent);
    const double spread =
        o.sample_size.empty() ? io::read_standard_error(r, spread_col) : r.number(spread_col);
    if (o.sample_size.empty()) {
      row.variance = spread / scale * (spread / scale);
    } else {
      if (!(spread > 0) && !std::isnan(spread))
        io::fail_column(r, spread_col,
                        fmt::format("sample size {} is not above zero", r.field(spread_col)));
      row.variance = row.prevalence * (1 - row.prevalence) / spread;
    }
    return row;
  };

  io::for_each_group<Row>(
      in, keys, o.grouping.sorted, make_row, [&](std::size_t group, std::vector<Row>& rows) {
        io::sort_unique(
            rows, [](const Row& r) { return r.band.age; }, in, "age band");
        std::vector<life::Band> bands;
        std::vector<double> prevalence, variance;
        for (const Row& r : rows) {
          bands.push_back(r.band);
          prevalence.push_back(r.prevalence);
          variance.push_back(r.variance);
        }
        std::string note = life::check(bands, {});
        for (std::size_t i = 0; note.empty() && i < rows.size(); ++i)
          if (std::isnan(prevalence[i]))
            note = fmt::format("age band {} has no prevalence", io::format_number(bands[i].age));
        life::LifeTable table;
        Healthy h;
        std::vector<double> pops_used(bands.size()), dths_used(bands.size());
        if (note.empty()) {
          table = life::build(bands, o.a0);
          h = sullivan(table, prevalence, variance);
          life::totals_from(bands, pops_used, dths_used);
        } else {
          ++suppressed;
        }
        const auto write = [&](double age, std::size_t i, bool present) {
          out.texts(keys.key(group));
          out.number(age);
          const bool ok = present && note.empty();
          std::string row_note =
              present ? note : fmt::format("no age band starts at {}", io::format_number(age));
          std::vector<Interval> ci;
          if (ok && !std::isnan(h.variance[i])) {
            for (double level : o.grouping.levels) {
              const double z = stats::z_for_level(level), se = std::sqrt(h.variance[i]);
              ci.push_back({h.value[i] - z * se, h.value[i] + z * se});
            }
          } else if (ok) {
            row_note = "no limits: a band from this age has no sample size or standard error";
          }
          out.number(ok ? h.value[i] : kMissing);
          for (std::size_t l = 0; l < o.grouping.levels.size(); ++l) {
            const Interval c = l < ci.size() ? ci[l] : Interval{};
            out.number(c.lower).number(c.upper);
          }
          out.number(ok ? pops_used[i] : kMissing).number(ok ? dths_used[i] : kMissing);
          out.number(ok ? table.e[i] : kMissing).number(ok ? table.e[i] - h.value[i] : kMissing);
          if (row_note.empty())
            out.missing();
          else
            out.text(row_note);
          out.end_row();
        };
        life::for_reported_ages(bands, o.le_ages, write);
      });
  diagnostics.warn_count(suppressed, "group", "is", "suppressed; the note column says why");
  out.finish();
}

}  // namespace heq::gap
