#include "tables/life.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/age_label.hpp"
#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/split_groups.hpp"
#include "stats/confidence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>

namespace heq::life {

namespace {

// The package's rule 6 always uses the 95% z, whatever levels are asked for.
constexpr double kZ95 = 1.959963984540054;

struct Row {
  Band band;
  std::size_t line;
  double a0 = kMissing;    // --a0-column
  std::optional<Sex> sex;  // --a0 ak|cd
};

struct Columns {
  std::size_t age;
  std::optional<std::size_t> deaths, population, rate, a0, sex;
};

Columns find_columns(const TableOptions& t, const io::Reader& in) {
  Columns c{in.column(t.age), {}, {}, {}, {}, {}};
  if (t.rate.empty()) {
    c.deaths = in.column(t.deaths);
    c.population = in.column(t.population);
  } else {
    c.rate = in.column(t.rate);
    c.population = in.find_column(t.population);  // for limits, where present
  }
  if (!t.a0_column.empty()) c.a0 = in.column(t.a0_column);
  if (t.a0_rule) c.sex = in.column(t.sex);
  return c;
}

std::optional<Sex> read_sex(const io::Reader& r, std::size_t col) {
  std::string v(r.field(col));
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (v == "male" || v == "males" || v == "m" || v == "men" || v == "1") return Sex::male;
  if (v == "female" || v == "females" || v == "f" || v == "women" || v == "2") return Sex::female;
  return std::nullopt;
}

// The group's a0: the --a0 value, its first band's --a0-column, or a rule from m0.
// Empty reason: `a0` holds it.
std::string group_a0(const TableOptions& t, const std::vector<Row>& rows, double& a0) {
  a0 = t.a0;
  const Row& first = rows.front();
  if (first.band.age != 0) return "";
  if (!t.a0_column.empty()) {
    a0 = first.a0;
    if (!(a0 > 0 && a0 < 1))
      return fmt::format("a0 from column '{}' is {}; it must be between 0 and 1", t.a0_column,
                         io::format_number(a0));
    return "";
  }
  if (!t.a0_rule) return "";
  if (rows.size() < 2 || rows[1].band.age != 1)
    return "--a0 ak and cd need a first band of one year (0, then 1)";
  if (!first.sex)
    return fmt::format("--a0 ak and cd need the sex (male or female) in column '{}'", t.sex);
  const Band& b = first.band;
  const double m0 = std::isnan(b.rate) ? b.deaths / b.population : b.rate;
  a0 = a0_from_m0(m0, *first.sex, *t.a0_rule);
  return "";
}

// What run_life keeps from group to group: counts and the first overlap for its warnings,
// and scratch. One per thread when a file is split (io/split_groups.hpp).
struct State {
  std::map<std::string, std::size_t> layouts;  // description -> groups
  std::vector<double> last_ages, last_ends;    // the previous group's layout...
  std::size_t* last_layout_count = nullptr;    // ...its entry in `layouts`...
  std::string layout_note;                     // ...and what check_layout said of it
  std::size_t groups = 0, suppressed = 0, wide = 0;
  std::vector<double> pops_used, dths_used, ages, ends;
  std::string overlap;  // the first band label that runs past the next band
  std::vector<Band> bands;
  LifeTable table;

  State() = default;
  State(const State&) : State() {}  // another thread's starts afresh (no pointer into ours)
  State& operator=(const State&) = delete;
  // `later`'s groups came after these.
  void merge(const State& later) {
    for (const auto& [layout, count] : later.layouts) layouts[layout] += count;
    groups += later.groups;
    suppressed += later.suppressed;
    wide += later.wide;
    if (overlap.empty()) overlap = later.overlap;
  }
};

// Zero when a and b have the same bits.
std::uint64_t bits_apart(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) ^ std::bit_cast<std::uint64_t>(b);
}

}  // namespace

void check_a0(double a0) {
  if (!(a0 > 0 && a0 < 1)) throw UsageError("--a0 must be between 0 and 1");
}

double start_age(std::string_view label) { return parse_age_label(label).start; }

void totals_from(const std::vector<Band>& bands, std::vector<double>& pops_used,
                 std::vector<double>& dths_used) {
  pops_used.resize(bands.size());  // every entry is written below: not filled first
  dths_used.resize(bands.size());
  double p = 0, d = 0;
  for (std::size_t i = bands.size(); i-- > 0;) {
    pops_used[i] = p += bands[i].population;
    dths_used[i] = d += bands[i].deaths;
  }
}

std::vector<std::string> output_columns(const TableOptions& t) {
  std::vector<std::string> cols = t.grouping.by;
  cols.push_back("startage");
  if (t.table) {
    for (const char* c : {"n", "mx", "ax", "qx", "px", "lx", "dx", "Lx", "Tx", "ex", "variance"})
      cols.push_back(c);
  } else {
    cols.push_back("value");
    for (const std::string& c : stats::limit_columns("", t.grouping.levels)) cols.push_back(c);
    cols.push_back("pops_used");
    cols.push_back("dths_used");
  }
  if (t.lifespan)
    for (const char* c :
         {"edagger", "gini_aad", "theil_aad", "h", "gini_rl", "theil_rl", "mld_aad", "mld_rl",
          "variance_aad", "sd_aad", "cov_aad", "cov_rl", "aid", "drewnowski_aad", "drewnowski_rl",
          "q25_aad", "median_aad", "q75_aad", "iqr_aad"})
      cols.push_back(c);
  cols.push_back("note");
  return cols;
}

void run_life(const TableOptions& t, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  check_a0(t.a0);
  if (t.layout.rule == LayoutRule::phe && t.layout.first_age != 0)
    throw UsageError("--bands phe starts at 0: drop --first-age, or give --bands LIST");
  if (!(t.layout.first_age >= 0)) throw UsageError("--first-age must be 0 or more");
  if (!t.a0_column.empty() && t.a0_rule)
    throw UsageError("give --a0-column or --a0 ak|cd, not both");
  if (t.layout.rule == LayoutRule::list) {
    if (t.layout.ages.empty() || t.layout.ages.front() != t.layout.first_age)
      throw UsageError(fmt::format("--bands: the first start age must be {}",
                                   io::format_number(t.layout.first_age)));
    for (std::size_t i = 1; i < t.layout.ages.size(); ++i)
      if (!(t.layout.ages[i] > t.layout.ages[i - 1]))
        throw UsageError(fmt::format("--bands: start ages must increase ({} comes after {})",
                                     io::format_number(t.layout.ages[i]),
                                     io::format_number(t.layout.ages[i - 1])));
  }
  const Columns col = find_columns(t, in);
  const bool rates_only = col.rate && !col.population;
  io::GroupKeys keys(in, t.grouping.by, t.grouping.sorted);
  out.begin(output_columns(t));

  std::vector<double> z;
  for (double level : t.grouping.levels) z.push_back(stats::z_for_level(level));
  State state;

  // Inlined into the row loop: as a call it returned its row through memory, row by row.
  const auto make_row = [&](const io::Reader& r) __attribute__((always_inline)) {
    Row row;
    row.line = r.line();
    const AgeLabel age = io::read_age_band(r, col.age);
    row.band.age = age.start;
    row.band.end = age.end;
    row.band.population = col.population ? r.number(*col.population) : kMissing;
    if (col.rate) {
      row.band.rate = r.number(*col.rate);
      row.band.deaths = row.band.rate * row.band.population;  // NaN without populations
    } else {
      row.band.deaths = r.number(*col.deaths);
    }
    if (col.a0) row.a0 = r.number(*col.a0);
    if (col.sex) row.sex = read_sex(r, *col.sex);
    return row;
  };

  const auto on_group = [&](State& s, io::Writer& out, const std::vector<std::string>& key,
                            std::vector<Row>& rows) {
    auto& [layouts, last_ages, last_ends, last_layout_count, layout_note, groups, suppressed, wide,
           pops_used, dths_used, ages, ends, overlap, bands, table] = s;
    ++groups;
    // Most groups share one layout: it is described and checked once, not per group.
    // Compared bit for bit, as a bare start age's end is NaN. Bands that are the previous
    // group's layout as they come are in order with no age twice (that layout was sorted
    // and checked): only a group with another layout is sorted and checked here.
    const std::size_t k = rows.size();
    bands.resize(k);
    bool same = last_layout_count && last_ages.size() == k;
    if (same) {
      std::uint64_t differ = 0;  // or-ed, not tested band by band: branches cost more
      for (std::size_t i = 0; i < k; ++i) {
        bands[i] = rows[i].band;
        differ |= bits_apart(bands[i].age, last_ages[i]) | bits_apart(bands[i].end, last_ends[i]);
      }
      same = differ == 0;
    }
    if (!same) {
      io::sort_unique(
          rows, [](const Row& r) { return r.band.age; }, in, "age band");
      for (std::size_t i = 0; i < k; ++i) bands[i] = rows[i].band;
      ages.resize(k);
      ends.resize(k);
      for (std::size_t i = 0; i < k; ++i) {
        ages[i] = bands[i].age;
        ends[i] = bands[i].end;
      }
      last_layout_count = &layouts[describe_layout(ages)];
      last_ages = ages;
      last_ends = ends;
      layout_note = check_layout(ages, ends, t.layout);
      if (overlap.empty()) overlap = overlapping_band(ages, ends);
    }
    ++*last_layout_count;

    std::string note = check_known_layout(bands, layout_note);
    double a0 = t.a0;
    if (note.empty()) note = group_a0(t, rows, a0);
    if (note.empty()) {
      build(bands, a0, table);
      totals_from(bands, pops_used, dths_used);
    } else {
      ++suppressed;
    }

    const auto write_row = [&](double age, std::size_t i, bool present) {
      out.texts(key);
      out.number(age);
      std::string row_note = note;
      const bool computed = present && note.empty();
      if (computed && rates_only) row_note = "no limits: death rates without populations";
      if (computed && t.layout.first_age != 0)
        row_note +=
            fmt::format("{}life table from age {} (--first-age)", row_note.empty() ? "" : "; ",
                        io::format_number(t.layout.first_age));
      if (!present) row_note = fmt::format("no age band starts at {}", io::format_number(age));
      if (t.table) {
        for (const std::vector<double>* v :
             {&table.n, &table.m, &table.a, &table.q, &table.p, &table.l, &table.d, &table.L,
              &table.T, &table.e, &table.variance})
          out.number(computed ? (*v)[i] : kMissing);
      } else {
        double value = computed ? table.e[i] : kMissing;
        const double se = computed ? std::sqrt(table.variance[i]) : kMissing;
        if (computed && !(table.l[i] > 0)) {
          row_note = "no survivors to this age: an earlier band has q = 1";
        } else if (computed && kZ95 * se > 10) {
          value = kMissing;  // the package's rule 6: the value goes, the limits stay
          row_note = "95% interval wider than 20 years; value suppressed";
          ++wide;
        } else if (computed && std::isinf(value)) {
          value = kMissing;
          row_note = "life expectancy is infinite";
        }
        out.number(value);
        for (double zl : z) {
          out.number(computed ? table.e[i] - zl * se : kMissing);
          out.number(computed ? table.e[i] + zl * se : kMissing);
        }
        out.number(computed ? pops_used[i] : kMissing);
        out.number(computed ? dths_used[i] : kMissing);
      }
      if (t.lifespan) {
        const Lifespan s = computed ? lifespan(table, i) : no_lifespan();
        out.number(s.edagger).number(s.gini).number(s.theil).number(s.h).number(s.gini_rl);
        out.number(s.theil_rl).number(s.mld_aad).number(s.mld_rl);
        out.number(s.variance).number(s.sd).number(s.cov_aad).number(s.cov_rl).number(s.aid);
        out.number(1 - s.gini).number(1 - s.gini_rl);
        out.number(s.q25).number(s.median).number(s.q75).number(s.iqr);
      }
      if (row_note.empty())
        out.missing();
      else
        out.text(row_note);
      out.end_row();
    };

    for_reported_ages(bands, t.le_ages, write_row);
  };

  io::for_each_group_split<Row>(in, keys, t.grouping.sorted, t.grouping.threads, out, state,
                                make_row, on_group,
                                [](State& first, const State& second) { first.merge(second); });
  const auto& [layouts, last_ages, last_ends, last_layout_count, layout_note, groups, suppressed,
               wide, pops_used, dths_used, ages, ends, overlap, bands, table] = state;

  if (layouts.size() > 1 && t.layout.rule == LayoutRule::any) {
    std::string list;
    for (const auto& [layout, count] : layouts)
      list += fmt::format("{}{} in {} group{}", list.empty() ? "" : "; ", layout, count,
                          count == 1 ? "" : "s");
    diagnostics.warn(fmt::format(
        "groups differ in their age bands ({}); give --bands phe or --bands LIST to require one",
        list));
  }
  if (!overlap.empty())
    diagnostics.warn(overlap + "; bands are read by their start ages: check the labels");
  if (suppressed)
    diagnostics.warn(fmt::format("{} of {} group{} {} suppressed; the note column says why",
                                 suppressed, groups, groups == 1 ? "" : "s",
                                 suppressed == 1 ? "is" : "are"));
  if (wide)
    diagnostics.warn(fmt::format(
        "{} life expectanc{} a 95% interval wider than 20 years; the value is suppressed, the "
        "limits kept",
        wide, wide == 1 ? "y has" : "ies have"));
  out.finish();
}

}  // namespace heq::life
