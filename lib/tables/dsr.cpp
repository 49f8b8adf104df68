#include "tables/dsr.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/age_label.hpp"
#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "rates/dsr.hpp"
#include "rates/standard.hpp"
#include "tables/common.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <optional>

namespace heq::rates {

namespace {

struct Row {
  AgeLabel age;
  double count, population, weight, frequency;
  std::size_t line;
};

struct Columns {
  std::size_t count, population;
  std::optional<std::size_t> stdpop, age, frequency;
};

// A band missing from a group's rows (sorted by start age), in words; empty: none. Seen
// from the labels' own ends, and for bare start ages from the standard's bands: a band
// over two or more of them where the group's other bands each cover one (0-4 and the
// open band may span several: ESP2013 splits 0 and 1-4, and 90-94 and 95+).
std::string missing_from(const std::vector<Row>& rows, const StandardPopulation* standard,
                         std::string& overlap) {
  std::vector<double> starts, ends;
  for (const Row& r : rows) {
    if (!starts.empty() && starts.back() == r.age.start) continue;  // frequency rows
    starts.push_back(r.age.start);
    ends.push_back(r.age.end);
  }
  if (overlap.empty()) overlap = overlapping_band(starts, ends);
  std::string missing = missing_band(starts, ends, false);
  if (!missing.empty() || !standard) return missing;
  std::size_t single = 0, wide = starts.size();
  for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
    if (starts[i] == 0 || !std::isnan(ends[i])) continue;
    const std::size_t n = standard_bands(*standard, starts[i], starts[i + 1]);
    if (n == 1) ++single;
    if (n >= 2 && wide == starts.size()) wide = i;
  }
  if (!single || wide == starts.size()) return "";
  double next_edge = starts[wide + 1];
  for (double edge : standard->starts)
    if (edge > starts[wide]) {
      next_edge = edge;
      break;
    }
  return fmt::format(
      "the band from {} runs to the next band's start, {}, over {} {} bands while the others "
      "cover one each: is the band from {} missing? (label it \"{}-{}\" if it is one wide band)",
      io::format_number(starts[wide]), io::format_number(starts[wide + 1]),
      standard_bands(*standard, starts[wide], starts[wide + 1]), standard->name,
      io::format_number(next_edge), io::format_number(starts[wide]),
      io::format_number(starts[wide + 1] - 1));
}

}  // namespace

void run_dsr(const DsrOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (!(o.multiplier > 0)) throw UsageError("--multiplier must be above zero");
  const StandardPopulation* standard = nullptr;
  if (o.stdpop.empty()) {
    standard = standard_population(o.standard);
    if (!standard)
      throw UsageError(fmt::format("--standard '{}': expected esp2013 or esp1976", o.standard));
    if (o.age.empty())
      throw UsageError("give --stdpop COL, or --age COL to join a built-in standard");
  }
  if (!o.frequency.empty() && o.age.empty())
    throw UsageError("--frequency needs --age: rows are joined into age bands by it");
  Columns col{in.column(o.count), in.column(o.population), std::nullopt, std::nullopt,
              std::nullopt};
  if (!o.stdpop.empty()) col.stdpop = in.column(o.stdpop);
  if (!o.age.empty()) col.age = in.column(o.age);
  if (!o.frequency.empty()) col.frequency = in.column(o.frequency);

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  out.begin(group_columns(o.grouping, {"total_count", "total_pop"}));

  std::size_t zeroed = 0, small = 0, gaps = 0;
  std::string overlap;  // the first band label that runs past the next band
  const auto make_row = [&](const io::Reader& r) {
    Row row{};
    row.line = r.line();
    row.count = count_or_zero(io::read_count(r, col.count), zeroed);
    row.population = io::read_denominator(r, col.population, "populations", true);
    row.weight =
        col.stdpop ? io::read_non_negative(r, *col.stdpop, "standard population") : kMissing;
    if (col.age) row.age = io::read_age_band(r, *col.age);
    row.frequency = col.frequency ? io::read_non_negative(r, *col.frequency, "event frequency") : 1;
    return row;
  };

  std::vector<DsrBand> bands;
  const auto on_group = [&](std::size_t group, std::vector<Row>& rows) {
    bands.clear();
    if (!col.age) {
      for (const Row& r : rows) bands.push_back({r.count, r.count, r.population, r.weight});
    } else {
      std::stable_sort(rows.begin(), rows.end(),
                       [](const Row& a, const Row& b) { return a.age.start < b.age.start; });
      for (std::size_t i = 0; i < rows.size();) {
        std::size_t end = i;
        DsrBand band{0, 0, rows[i].population, rows[i].weight};
        for (; end < rows.size() && rows[end].age.start == rows[i].age.start; ++end) {
          const Row& r = rows[end];
          if (end > i && !col.frequency)
            throw DataError(Location{in.name(), r.line, 0},
                            fmt::format("age band {} appears twice in one group (lines {} and {})",
                                        io::format_number(r.age.start), rows[i].line, r.line));
          if (r.population != band.population)
            throw DataError(
                Location{in.name(), r.line, col.population + 1},
                fmt::format("age band {}: population {} differs from {} on line {}; it must be the "
                            "same on every frequency row",
                            io::format_number(r.age.start), io::format_number(r.population),
                            io::format_number(band.population), rows[i].line));
          if (col.stdpop && r.weight != band.weight)
            throw DataError(Location{in.name(), r.line, *col.stdpop + 1},
                            fmt::format("age band {}: standard population differs from line {}",
                                        io::format_number(r.age.start), rows[i].line));
          band.events += r.frequency * r.count;
          band.events_squared += r.frequency * r.frequency * r.count;
        }
        if (standard) {
          // The band runs to the next band's start; the last is open unless its label ends.
          const double stop = end < rows.size() ? rows[end].age.start
                                                : (std::isnan(rows[i].age.end)
                                                       ? std::numeric_limits<double>::infinity()
                                                       : rows[i].age.end);
          band.weight = standard_weight(*standard, rows[i].age.start, stop);
          if (std::isnan(band.weight)) {
            std::string edges;
            for (double s : standard->starts)
              edges += (edges.empty() ? "" : ", ") + io::format_number(s);
            throw DataError(
                Location{in.name(), rows[i].line, *col.age + 1},
                fmt::format("age band {} (to {}) has no {} weight; its bands start at {}",
                            io::format_number(rows[i].age.start),
                            std::isinf(stop) ? "the open end" : io::format_number(stop),
                            standard->name, edges));
          }
        }
        bands.push_back(band);
        i = end;
      }
    }
    Dsr d;
    std::string missing = col.age ? missing_from(rows, standard, overlap) : "";
    const bool gap = !missing.empty();
    if (!gap) {
      d = dsr(bands, o.multiplier, o.grouping.levels);
    } else {
      for (const DsrBand& b : bands) {
        d.total_count += b.events;
        d.total_population += b.population;
      }
      d.note = std::move(missing);
      ++gaps;
    }
    if (!d.note.empty() && !gap) ++small;
    out.texts(keys.key(group));
    out.number(d.total_count).number(d.total_population);
    write_result(out, d.value, d.ci, o.grouping.levels.size(), d.note);
    out.end_row();
  };
  io::for_each_group<Row>(in, keys, o.grouping.sorted, make_row, on_group);

  diagnostics.warn_count(zeroed, "missing count", "was", "read as 0, as the UK method does");
  if (!overlap.empty())
    diagnostics.warn(overlap + "; bands are read by their start ages: check the labels");
  diagnostics.warn_count(gaps, "group", "has", "a missing age band: no DSR (see the note column)");
  diagnostics.warn_count(small, "group", "has",
                         "fewer than 10 events: no DSR (see the note column)");
  out.finish();
}

}  // namespace heq::rates
