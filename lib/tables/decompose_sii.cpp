// heq-decompose --measure sii: which ages of which deprivation quantiles drove the change
// (or the gap) in the slope index of inequality of life expectancy, by stepwise
// replacement over every (quantile, age band) cell. The SII is heq-sii's: a
// population-weighted line of each quantile's LE at --age-at on its relative rank, the
// weights being the quantile's population from --age-at up (heq-life's pops_used).
#include "core/error.hpp"
#include "core/missing.hpp"
#include "gap/arriaga.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_checks.hpp"
#include "sii/sii.hpp"
#include "tables/decompose_sides.hpp"
#include "tables/gap.hpp"
#include "tables/life.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace heq::gap {

namespace {

using detail::Row;

// Each quantile's bands on one side, in quantile order (1, the most deprived, first).
using Quantiles = std::map<double, std::vector<const Row*>>;

// The SII of the tables' LE at band k; `why` keeps the first reason a step had none.
double sii_of(std::span<const std::vector<life::Band>> bands,
              std::span<const life::LifeTable> tables, std::span<const double> labels,
              std::size_t k, std::string& why) {
  std::vector<sii::Quantile> q(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    q[t].label = labels[t];
    q[t].value = tables[t].e[k];
    q[t].population = 0;
    for (std::size_t i = k; i < bands[t].size(); ++i) q[t].population += bands[t][i].population;
  }
  sii::Options o;
  o.ci = sii::CiMethod::analytic;
  const sii::Result r = sii::compute(q, o, sii::ErrorSource::none, 0);
  if (!r.note.empty() && why.empty()) why = r.note;
  return r.sii;
}

}  // namespace

void run_decompose_sii(const DecomposeOptions& o, bool against, io::Reader& in, io::Writer& out,
                       Diagnostics& diagnostics) {
  if (o.quantile.empty())
    throw UsageError("--measure sii needs --quantile COL: each row's deprivation quantile");
  if (!o.cause.empty() || !o.health.empty())
    throw UsageError(
        "--measure sii decomposes by quantile and age band: drop --cause and --health");
  if (o.sum_over == "cause") throw UsageError("--sum-over cause needs --cause");
  life::check_a0(o.a0);
  const std::size_t group_col = in.column(o.group), quantile_col = in.column(o.quantile);
  const std::size_t age_col = in.column(o.age), deaths_col = in.column(o.deaths);
  const std::size_t pop_col = in.column(o.population);
  const bool per_quantile = o.sum_over != "quantile", per_age = o.sum_over != "age";

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  std::vector<std::string> cols = o.grouping.by;
  if (against) cols.push_back(o.group);
  if (per_quantile) cols.push_back(o.quantile);
  if (per_age) cols.push_back("startage");
  for (const char* c : {"contribution", "share", "note"}) cols.push_back(c);
  out.begin(cols);

  std::size_t failed = 0;
  const auto make_row = [&](const io::Reader& r) {
    Row row;
    row.line = r.line();
    row.subgroup = std::string(r.field(group_col));
    row.quantile = r.number(quantile_col);
    if (std::isnan(row.quantile))
      io::fail_column(r, quantile_col, "every row needs a quantile number (1 = most deprived)");
    row.age = io::read_age_band(r, age_col).start;
    row.deaths = r.number(deaths_col);
    row.population = r.number(pop_col);
    row.prevalence = 0;
    return row;
  };

  const auto decompose = [&](const std::vector<std::string>& key, const std::vector<Row>& rows,
                             const std::string& from_label, const std::string& to_label) {
    const auto keys_out = [&] {
      out.texts(key);
      if (against) out.text(to_label);
    };
    const auto fail_group = [&](const std::string& why) {
      ++failed;
      keys_out();
      if (per_quantile) out.missing();
      if (per_age) out.missing();
      out.missing().missing().text(why);
      out.end_row();
    };
    Quantiles from_rows, to_rows;
    for (const Row& r : rows) {
      if (r.subgroup == from_label) from_rows[r.quantile].push_back(&r);
      if (r.subgroup == to_label) to_rows[r.quantile].push_back(&r);
    }
    // Gather (and so check) every side's rows before asking whether one is missing.
    std::vector<std::vector<life::Band>> a, b;
    std::vector<double> labels;
    for (const auto& [q, side] : from_rows) {
      a.push_back(detail::gather(side, {}, in, pop_col).bands);
      labels.push_back(q);
    }
    for (const auto& [q, side] : to_rows) b.push_back(detail::gather(side, {}, in, pop_col).bands);
    if (from_rows.empty() || to_rows.empty())
      return fail_group(fmt::format("no rows for subgroup '{}' in this group",
                                    from_rows.empty() ? from_label : to_label));
    bool same_quantiles = from_rows.size() == to_rows.size();
    for (auto i = from_rows.begin(), j = to_rows.begin(); same_quantiles && i != from_rows.end();
         ++i, ++j)
      same_quantiles = i->first == j->first;
    if (!same_quantiles) return fail_group("the two subgroups' quantiles differ");
    if (a.size() < 2) return fail_group("fewer than 2 quantiles: no SII");
    for (std::size_t t = 0; t < a.size(); ++t)
      for (const auto* side : {&a, &b}) {
        const std::string why = life::check((*side)[t], {});
        if (!why.empty())
          return fail_group(fmt::format("subgroup '{}', quantile {}: {}",
                                        side == &a ? from_label : to_label,
                                        io::format_number(labels[t]), why));
        if (!detail::same_layout((*side)[t], a[0]))
          return fail_group("the age bands differ between quantiles or subgroups");
      }
    std::size_t k = 0;
    while (k < a[0].size() && a[0][k].age != o.age_at) ++k;
    if (k == a[0].size())
      return fail_group(
          fmt::format("no age band starts at {} (--age-at)", io::format_number(o.age_at)));

    // life::check has passed every table, so each quantile has people from --age-at and
    // a finite LE; a step without an SII is still refused rather than written.
    std::string why;
    const std::vector<std::vector<double>> delta =
        stepwise_tables(a, b, k, o.a0,
                        [&](std::span<const std::vector<life::Band>> bands,
                            std::span<const life::LifeTable> tables) {
                          return sii_of(bands, tables, labels, k, why);
                        });
    if (!why.empty()) return fail_group(why);
    double change = 0;
    for (const auto& d : delta)
      for (double c : d) change += c;
    const auto write = [&](const double* quantile, const double* age, double contribution) {
      keys_out();
      if (quantile) out.number(*quantile);
      if (age) out.number(*age);
      out.number(contribution);
      if (change != 0)
        out.number(100 * contribution / change).missing();
      else
        out.missing().text("the change is 0: no shares");
      out.end_row();
    };
    if (!per_quantile) {  // one row per band, summed over quantiles
      for (std::size_t i = k; i < a[0].size(); ++i) {
        double sum = 0;
        for (const auto& d : delta) sum += d[i - k];
        write(nullptr, &a[0][i].age, sum);
      }
      return;
    }
    for (std::size_t t = 0; t < a.size(); ++t) {
      if (!per_age) {
        double sum = 0;
        for (double c : delta[t]) sum += c;
        write(&labels[t], nullptr, sum);
        continue;
      }
      for (std::size_t i = k; i < a[t].size(); ++i)
        write(&labels[t], &a[t][i].age, delta[t][i - k]);
    }
  };

  detail::for_each_pair(in, keys, o.grouping.sorted, o.from, o.to, against ? o.against : "",
                        make_row, decompose);
  diagnostics.warn_count(failed, "group", "has", "no decomposition; the note column says why");
  out.finish();
}

}  // namespace heq::gap
