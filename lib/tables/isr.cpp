#include "tables/isr.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/age_label.hpp"
#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/key_table.hpp"
#include "io/number.hpp"
#include "rates/isr.hpp"
#include "tables/common.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

namespace heq::rates {

namespace {

struct Reference {
  double count, population;
};

io::ReaderOptions side_file(const IsrOptions& o, const std::string& path) {
  io::ReaderOptions r;
  r.path = path;
  r.delimiter = o.delimiter;
  r.na_tokens = o.na;
  return r;
}

double start_of(const io::Reader& r, std::size_t col) { return io::read_age_band(r, col).start; }

// Reference counts and populations by age band start.
std::map<double, Reference> read_reference(const IsrOptions& o) {
  io::Reader r(side_file(o, o.reference));
  const std::size_t age = r.column(o.ref_age.empty() ? o.age : o.ref_age);
  const std::size_t count = r.column(o.ref_count), pop = r.column(o.ref_population);
  std::map<double, Reference> ref;
  while (r.next()) {
    const double start = start_of(r, age);
    if (!ref.emplace(start, Reference{r.number(count), r.number(pop)}).second)
      r.fail(age, fmt::format("age band {} appears twice in the reference file",
                              io::format_number(start)));
  }
  return ref;
}

std::string key_text(const std::vector<std::string>& key) {
  std::string s;
  for (const std::string& k : key) io::append_key_part(s, k);
  return s;
}

// Observed totals by group key.
std::map<std::string, double> read_observed(const IsrOptions& o) {
  io::Reader r(side_file(o, o.observed));
  std::vector<std::size_t> cols;
  for (const std::string& b : o.grouping.by) cols.push_back(r.column(b));
  const std::size_t count = r.column(o.observed_count);
  std::map<std::string, double> totals;
  while (r.next()) {
    std::vector<std::string> key;
    for (std::size_t c : cols) key.emplace_back(r.field(c));
    const double v = r.number(count);
    if (v < 0) io::fail_column(r, count, "negative observed total");
    if (!totals.emplace(key_text(key), v).second)
      r.fail(cols.empty() ? count : cols[0], "this group appears twice in the observed totals");
  }
  return totals;
}

}  // namespace

void run_isr(const IsrOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  const bool given_expected = !o.expected.empty();
  if (given_expected) {
    if (!o.ref_count.empty() || !o.ref_population.empty() || !o.reference.empty())
      throw UsageError(
          "--expected gives the expected events: drop --ref-count, --ref-population and "
          "--reference");
    if (o.rate)
      throw UsageError(
          "--rate scales by the reference rate, which --expected does not give: use the ratio, or "
          "give --ref-count and --ref-population");
  } else if (o.ref_count.empty() || o.ref_population.empty()) {
    throw UsageError(
        "give --ref-count and --ref-population (columns of the data or of --reference), or "
        "--expected COL");
  }
  if (!o.reference.empty() && o.age.empty())
    throw UsageError("--reference needs --age: the reference is joined on the age band");
  if (o.multiplier < 0) throw UsageError("--multiplier must be above zero");
  const double multiplier = o.multiplier > 0 ? o.multiplier : (o.rate ? 100000 : 1);

  const std::map<double, Reference> reference =
      o.reference.empty() ? std::map<double, Reference>{} : read_reference(o);
  const std::map<std::string, double> observed =
      o.observed.empty() ? std::map<std::string, double>{} : read_observed(o);
  // With observed totals given separately, the data's counts are not used at all.
  const std::optional<std::size_t> count_col =
      o.observed.empty() ? std::optional<std::size_t>(in.column(o.count)) : std::nullopt;
  std::optional<std::size_t> pop_col, ref_count_col, ref_pop_col, age_col, expected_col;
  if (given_expected) {
    expected_col = in.column(o.expected);
  } else if (o.reference.empty()) {
    pop_col = in.column(o.population);
    ref_count_col = in.column(o.ref_count);
    ref_pop_col = in.column(o.ref_population);
  } else {
    pop_col = in.column(o.population);
    age_col = in.column(o.age);
  }

  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  out.begin(group_columns(o.grouping, {"observed", "expected"}));

  std::size_t zeroed = 0, unmatched = 0;
  const auto make_row = [&](const io::Reader& r) {
    IsrBand b{};
    b.count = count_col ? count_or_zero(io::read_count(r, *count_col), zeroed) : 0;
    if (expected_col) {
      b.expected = r.number(*expected_col);
      if (!(b.expected >= 0))
        io::fail_column(
            r, *expected_col,
            fmt::format("expected events {} must be a number, 0 or more", r.field(*expected_col)));
      b.population = b.ref_count = b.ref_population = kMissing;
      return b;
    }
    b.population = io::read_population(r, *pop_col);
    if (ref_count_col) {
      b.ref_count = r.number(*ref_count_col);
      b.ref_population = r.number(*ref_pop_col);
    } else {
      const double start = start_of(r, *age_col);
      const auto it = reference.find(start);
      if (it == reference.end())
        r.fail(*age_col, fmt::format("age band {} has no row in the reference file {}",
                                     io::format_number(start), o.reference));
      b.ref_count = it->second.count;
      b.ref_population = it->second.population;
    }
    if (b.ref_count < 0 || b.ref_population <= 0)
      throw DataError(r.here(),
                      "reference counts must be 0 or more and reference populations above 0");
    return b;
  };
  // Each group's sums grow as its rows arrive: memory follows groups, not rows.
  io::fold_groups(
      in, keys, o.grouping.sorted, IsrTotals{},
      [&](IsrTotals& totals, const io::Reader& r) { totals.add(make_row(r)); },
      [&](std::size_t group, const IsrTotals& totals) {
        const std::vector<std::string>& key = keys.key(group);
        double total = kMissing;
        std::string note;
        if (!o.observed.empty()) {
          const auto it = observed.find(key_text(key));
          if (it == observed.end()) {
            note = "no observed total for this group in " + o.observed;
            ++unmatched;
          } else {
            total = it->second;
          }
        }
        Isr r = isr_from(totals, total, o.rate, multiplier, o.grouping.levels);
        if (!note.empty()) r = Isr{{kMissing, {}, note}, kMissing, r.expected};
        out.texts(key);
        out.number(r.observed).number(r.expected);
        write_result(out, r.value, r.ci, o.grouping.levels.size(), r.note);
        out.end_row();
      });
  diagnostics.warn_count(zeroed, "missing count", "was", "read as 0, as the UK method does");
  diagnostics.warn_count(unmatched, "group", "has", "no observed total in " + o.observed);
  out.finish();
}

}  // namespace heq::rates
