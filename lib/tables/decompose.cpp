#include "core/age_label.hpp"
#include "core/error.hpp"
#include "core/missing.hpp"
#include "gap/arriaga.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_checks.hpp"
#include "tables/decompose_sides.hpp"
#include "tables/gap.hpp"
#include "tables/life.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

namespace heq::gap {

using detail::gather;
using detail::Row;
using detail::same_layout;
using detail::Side;

namespace {

// The label of the row that carries the health part when causes split the mortality part.
constexpr const char* kHealthRow = "(ill health)";

}  // namespace

void run_decompose(const DecomposeOptions& o, io::Reader& in, io::Writer& out,
                   Diagnostics& diagnostics) {
  const bool against = check_subgroups(o.group, o.from, o.to, o.against);
  if (o.measure != Measure::le && o.method != Method::stepwise)
    throw UsageError(fmt::format(
        "Arriaga's method decomposes life expectancy; --measure {} needs --method stepwise",
        o.measure == Measure::sii ? "sii" : "edagger"));
  if (o.measure == Measure::sii) return run_decompose_sii(o, against, in, out, diagnostics);
  if (!o.quantile.empty()) throw UsageError("--quantile is for --measure sii");
  if (o.sum_over == "quantile") throw UsageError("--sum-over quantile needs --measure sii");
  if (!o.health.empty() && o.method == Method::stepwise)
    throw UsageError(
        "--health splits the HLE gap by Arriaga's method: give --method arriaga or symmetric");
  life::check_a0(o.a0);
  const std::size_t group_col = in.column(o.group), age_col = in.column(o.age);
  const std::size_t deaths_col = in.column(o.deaths), pop_col = in.column(o.population);
  const std::optional<std::size_t> cause_col =
      o.cause.empty() ? std::nullopt : std::optional<std::size_t>(in.column(o.cause));
  if (!o.sum_over.empty() && !cause_col) throw UsageError("--sum-over needs --cause");
  const bool per_age = o.sum_over != "age", per_cause = cause_col && o.sum_over != "cause";

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  std::vector<std::string> cols = o.grouping.by;
  if (against) cols.push_back(o.group);
  if (per_age) cols.push_back("startage");
  if (per_cause) cols.push_back("cause");
  const std::optional<std::size_t> health_col =
      o.health.empty() ? std::nullopt : std::optional<std::size_t>(in.column(o.health));
  cols.push_back("contribution");
  cols.push_back("share");
  if (health_col)
    for (const char* c : {"mortality", "health", "ule_mortality", "ule_health"}) cols.push_back(c);
  cols.push_back("note");
  out.begin(cols);

  std::size_t failed = 0, guarded = 0;
  const auto make_row = [&](const io::Reader& r) {
    Row row;
    row.line = r.line();
    row.subgroup = std::string(r.field(group_col));
    if (cause_col) row.cause = std::string(r.field(*cause_col));
    row.age = io::read_age_band(r, age_col).start;
    row.deaths = r.number(deaths_col);
    row.population = r.number(pop_col);
    row.prevalence = 0;
    if (health_col) {
      row.prevalence = io::read_prevalence(r, *health_col, o.percent);
      if (std::isnan(row.prevalence))
        io::fail_column(r, *health_col, "every band needs a prevalence of ill health");
    }
    return row;
  };

  // One pair's decomposition: the gap from subgroup `from_label` to `to_label`.
  const auto decompose = [&](const std::vector<std::string>& key, const std::vector<Row>& rows,
                             const std::string& from_label, const std::string& to_label) {
    std::vector<std::string> causes;
    std::vector<const Row*> from_rows, to_rows;
    const auto keys_out = [&] {
      out.texts(key);
      if (against) out.text(to_label);
    };
    for (const Row& r : rows) {
      if (r.subgroup != from_label && r.subgroup != to_label) continue;
      (r.subgroup == from_label ? from_rows : to_rows).push_back(&r);
      if (cause_col && std::find(causes.begin(), causes.end(), r.cause) == causes.end())
        causes.push_back(r.cause);
    }
    const auto fail_group = [&](const std::string& why) {
      ++failed;
      keys_out();
      if (per_age) out.missing();
      if (per_cause) out.missing();
      out.missing().missing();
      if (health_col) out.missing().missing().missing().missing();
      out.text(why);
      out.end_row();
    };
    // Gather (and so check) both sides' rows before asking whether one is missing.
    const Side a = gather(from_rows, causes, in, pop_col), b = gather(to_rows, causes, in, pop_col);
    if (from_rows.empty() || to_rows.empty()) {
      fail_group(fmt::format("no rows for subgroup '{}' in this group",
                             from_rows.empty() ? from_label : to_label));
      return;
    }
    for (const auto* side : {&a, &b}) {
      const std::string why = life::check(side->bands, {});
      if (!why.empty()) {
        fail_group(fmt::format("subgroup '{}': {}", side == &a ? from_label : to_label, why));
        return;
      }
    }
    if (!same_layout(a.bands, b.bands)) {
      fail_group("the two subgroups' age bands differ");
      return;
    }
    std::size_t k = 0;
    while (k < a.bands.size() && a.bands[k].age != o.age_at) ++k;
    if (k == a.bands.size()) {
      fail_group(fmt::format("no age band starts at {} (--age-at)", io::format_number(o.age_at)));
      return;
    }
    const life::LifeTable ta = life::build(a.bands, o.a0), tb = life::build(b.bands, o.a0);
    const bool symmetric = o.method == Method::symmetric;
    const auto measure = [&](const life::LifeTable& t) {
      return o.measure == Measure::edagger ? life::lifespan(t, k).edagger : t.e[k];
    };
    const std::vector<double> delta = o.method == Method::stepwise
                                          ? stepwise(a.bands, b.bands, k, o.a0, measure)
                                      : symmetric ? arriaga_symmetric(ta, tb, k)
                                                  : arriaga(ta, tb, k);
    // With --health: the HLE gap's parts, and those of the years in ill health (ULE).
    HealthParts hle, ule;
    double gap = measure(tb) - measure(ta);
    if (health_col) {
      hle = decompose_health(ta, tb, a.healthy, b.healthy, k, symmetric);
      std::vector<double> ill_a, ill_b;
      for (std::size_t i = 0; i < a.healthy.size(); ++i) {
        ill_a.push_back(1 - a.healthy[i]);
        ill_b.push_back(1 - b.healthy[i]);
      }
      ule = decompose_health(ta, tb, ill_a, ill_b, k, symmetric);
      gap = 0;
      for (std::size_t i = 0; i < hle.health.size(); ++i) gap += hle.mortality[i] + hle.health[i];
    }
    const auto share = [&](double c) { return gap != 0 ? 100 * c / gap : kMissing; };
    const std::string gap_note = gap == 0 ? "the gap is 0: no shares" : "";
    // One output row; `parts` (mortality, health, ule_mortality, ule_health) with --health.
    using Parts = std::array<double, 4>;
    const auto write = [&](const double* age, const std::string* cause, double contribution,
                           const std::string& note, const Parts& parts) {
      keys_out();
      if (age) out.number(*age);
      if (cause) out.text(*cause);
      out.number(contribution).number(share(contribution));
      if (health_col)
        for (double v : parts) out.number(v);
      const std::string& n = note.empty() ? gap_note : note;
      if (n.empty())
        out.missing();
      else
        out.text(n);
      out.end_row();
    };
    const Parts none{kMissing, kMissing, kMissing, kMissing};
    const std::string health_label = kHealthRow;
    std::vector<Parts> cause_totals(causes.size(), Parts{0, 0, 0, 0});
    Parts health_total{0, 0, 0, 0};
    std::string cause_notes;
    for (std::size_t i = k; i < a.bands.size(); ++i) {
      const std::size_t j = i - k;
      const Parts band =
          health_col ? Parts{hle.mortality[j], hle.health[j], ule.mortality[j], ule.health[j]}
                     : none;
      const double contribution = health_col ? band[0] + band[1] : delta[j];
      if (!cause_col) {
        write(&a.bands[i].age, nullptr, contribution, "", band);
        continue;
      }
      std::vector<double> m1, m2;
      for (std::size_t c = 0; c < causes.size(); ++c) {
        m1.push_back(a.cause_deaths[i][c] / a.bands[i].population);
        m2.push_back(b.cause_deaths[i][c] / b.bands[i].population);
      }
      // Causes of death split the mortality parts; ill health is a part of its own.
      const CauseSplit split = split_by_cause(health_col ? band[0] : contribution, m1, m2);
      const CauseSplit ule_split = health_col ? split_by_cause(band[2], m1, m2) : CauseSplit{};
      if (!split.note.empty()) {
        ++guarded;
        cause_notes = "in some age bands " + split.note.substr(0, split.note.find(':')) +
                      split.note.substr(split.note.find(':'));
      }
      const auto cause_parts = [&](std::size_t c) {
        return health_col ? Parts{split.contribution[c], 0, ule_split.contribution[c], 0} : none;
      };
      const Parts health_parts{0, band[1], 0, band[3]};
      if (!per_age) {
        for (std::size_t c = 0; c < causes.size(); ++c)
          for (std::size_t v = 0; v < 4; ++v)
            cause_totals[c][v] +=
                health_col ? cause_parts(c)[v] : (v == 0 ? split.contribution[c] : 0);
        for (std::size_t v = 0; v < 4; ++v) health_total[v] += health_col ? health_parts[v] : 0;
      } else if (!per_cause) {
        write(&a.bands[i].age, nullptr, contribution, split.note, band);
      } else {
        for (std::size_t c = 0; c < causes.size(); ++c)
          write(&a.bands[i].age, &causes[c], split.contribution[c], split.note, cause_parts(c));
        if (health_col) write(&a.bands[i].age, &health_label, band[1], "", health_parts);
      }
    }
    if (!per_age) {
      for (std::size_t c = 0; c < causes.size(); ++c)
        write(nullptr, &causes[c], cause_totals[c][0], cause_notes,
              health_col ? cause_totals[c] : none);
      if (health_col) write(nullptr, &health_label, health_total[1], "", health_total);
    }
  };

  detail::for_each_pair(in, keys, o.grouping.sorted, o.from, o.to, against ? o.against : "",
                        make_row, decompose);
  diagnostics.warn_count(failed, "group", "has", "no decomposition; the note column says why");
  diagnostics.warn_count(guarded, "age band", "has",
                         "nearly equal death rates: causes split by their shares of deaths");
  out.finish();
}

}  // namespace heq::gap
