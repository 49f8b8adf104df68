#include "tables/rates.hpp"
#include "io/row_checks.hpp"

#include "core/error.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/split_fold.hpp"
#include "rates/basic.hpp"
#include "tables/common.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::rates {

namespace {

struct Counts {
  double count, population;
};

const char* tool_name(CountStatistic s) {
  return s == CountStatistic::rate ? "heq-rate" : "heq-prop";
}

// Reads and checks one row's count and population (missing values pass as NaN).
// Inlined: a call, its saved registers and its result through the stack were a quarter
// of its cost on every row.
[[gnu::always_inline]] inline Counts read_counts(const io::Reader& in, std::size_t count_col,
                                                 std::size_t pop_col, CountStatistic statistic) {
  const Counts c{io::read_count(in, count_col), io::read_denominator(in, pop_col, "denominators")};
  if (statistic == CountStatistic::proportion)
    io::check_count_within(in, count_col, pop_col, c.count, c.population);
  return c;
}

// Into `e`, reused group after group.
void estimate(const CountOptions& o, double count, double population, Estimate& e) {
  if (o.statistic == CountStatistic::rate)
    crude_rate(count, population, o.multiplier, o.grouping.levels, e);
  else
    proportion(count, population, o.multiplier, o.grouping.levels, e);
}

}  // namespace

void run_counts(const CountOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  if (!(o.multiplier > 0)) throw UsageError("--multiplier must be above zero");
  const std::size_t count_col = in.column(o.count);
  const std::size_t pop_col = in.column(o.population);
  const std::vector<std::string> results = result_columns(o.grouping.levels);
  std::size_t missing = 0;

  if (o.grouping.by.empty()) {
    std::vector<std::string> appended(results.begin(), results.end() - 1);  // all but note
    check_no_clash(in, appended, tool_name(o.statistic));
    const PassThrough pass(in);
    std::vector<std::string> cols = pass.names();
    cols.insert(cols.end(), results.begin(), results.end());
    out.begin(cols);
    while (in.next()) {
      const Counts c = read_counts(in, count_col, pop_col, o.statistic);
      for (std::size_t i : pass.columns()) out.text(in.field(i));
      Estimate e;
      estimate(o, c.count, c.population, e);
      if (!e.note.empty()) ++missing;
      const std::string note =
          PassThrough::join(pass.upstream([&](std::size_t i) { return in.field(i); }), e.note);
      write_result(out, e.value, e.ci, o.grouping.levels.size(), note);
      out.end_row();
    }
  } else {
    io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
    std::vector<std::string> cols = o.grouping.by;
    cols.push_back(o.count);
    cols.push_back(o.population);
    cols.insert(cols.end(), results.begin(), results.end());
    out.begin(cols);
    io::fold_sums(
        in, keys, o.grouping.sorted, o.grouping.threads, out, missing, Counts{0, 0},
        [&](Counts& total, const io::Reader& r, auto& tally) {  // a missing value: a missing total
          const Counts c = read_counts(r, count_col, pop_col, o.statistic);
          tally.note(c.count);
          tally.note(c.population);
          total.count += c.count;
          total.population += c.population;
        },
        [](Counts& total, const Counts& more) {
          total.count += more.count;
          total.population += more.population;
        },
        [&](std::size_t& missed, io::Writer& out, const std::vector<std::string>& key,
            const Counts& total) {
          out.texts(key);
          out.number(total.count).number(total.population);
          thread_local Estimate e;  // each thread's, its storage kept from group to group
          estimate(o, total.count, total.population, e);
          if (!e.note.empty()) {
            e.note += " (a row of the group has none)";
            ++missed;
          }
          write_result(out, e.value, e.ci, o.grouping.levels.size(), e.note);
          out.end_row();
        },
        [](std::size_t& missed, std::size_t more) { missed += more; });
  }
  diagnostics.warn_count(missing, "result", "has",
                         "no value: a count or population is missing (see the note column)");
  out.finish();
}

void run_mean(const MeanOptions& o, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  const std::size_t value_col = in.column(o.value);
  io::GroupKeys keys(in, o.grouping.by, o.grouping.sorted);
  out.begin(group_columns(o.grouping, {"value_sum", "value_count", "stdev"}));
  std::size_t skipped = 0;
  std::vector<double> present;
  io::for_each_group<double>(
      in, keys, o.grouping.sorted, [&](const io::Reader& r) { return r.number(value_col); },
      [&](std::size_t group, std::vector<double>& values) {
        present.clear();
        for (double v : values) {
          if (std::isnan(v))
            ++skipped;
          else
            present.push_back(v);
        }
        const Mean m = mean(present, o.grouping.levels);
        out.texts(keys.key(group));
        out.number(m.sum).number(m.count).number(m.sd);
        write_result(out, m.estimate.value, m.estimate.ci, o.grouping.levels.size(),
                     m.estimate.note);
        out.end_row();
      });
  diagnostics.warn_count(skipped, "missing value", "was", "left out of the means");
  out.finish();
}

}  // namespace heq::rates
