#include "tables/compare.hpp"
#include "core/missing.hpp"
#include "io/groups.hpp"
#include "io/row_checks.hpp"

#include "core/error.hpp"
#include "io/number.hpp"
#include "io/row_store.hpp"
#include "stats/confidence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace heq::tables {

namespace {

struct Benchmark {
  double value;
  std::size_t line;
};

std::vector<std::size_t> columns(const io::Reader& r, const std::vector<std::string>& names) {
  std::vector<std::size_t> cols;
  for (const std::string& n : names) cols.push_back(r.column(n));
  return cols;
}

// The limits of the method's level, never another level's: the value's own prefixed
// columns first (sii_lower99_8cl), then the plain ones; lowercl/uppercl only for 95%.
std::pair<std::size_t, std::size_t> method_limits(const CompareOptions& o, const io::Reader& in) {
  const double level = o.method == CompareMethod::ci998 ? 0.998 : 0.95;
  if (!o.lower.empty() || !o.upper.empty()) {
    const auto found = stats::find_limit_columns(in.header(), {"", o.lower, o.upper, std::nullopt});
    if (found->level_said && std::abs(found->level - level) > 1e-9)
      throw UsageError(fmt::format("--method {} compares {} limits, but '{}' holds {} ones",
                                   level == 0.95 ? "ci95" : "ci998", stats::level_text(level),
                                   found->lower, stats::level_text(found->level)));
    return {in.column(found->lower), in.column(found->upper)};
  }
  std::vector<std::string> prefixes;
  if (o.value != "value") prefixes.push_back(o.value + "_");
  prefixes.push_back("");
  std::string tried;
  for (const std::string& prefix : prefixes) {
    std::vector<std::pair<std::string, std::string>> names{
        {stats::lower_name(prefix, level, true), stats::upper_name(prefix, level, true)}};
    if (level == 0.95) names.insert(names.begin(), {prefix + "lowercl", prefix + "uppercl"});
    for (const auto& [lo, hi] : names) {
      if (in.find_column(lo) && in.find_column(hi)) return {in.column(lo), in.column(hi)};
      tried += (tried.empty() ? "" : ", ") + lo;
    }
  }
  throw DataError(
      Location{in.name(), 0, 0},
      fmt::format("--method {} compares {} limits and the input has none (looked for {}){}",
                  level == 0.95 ? "ci95" : "ci998", stats::level_text(level), tried,
                  level == 0.95 ? "" : ": write them upstream with --confidence 95,99.8"));
}

const char* verdict(int direction, Polarity p) {  // -1 lower, 0 similar, 1 higher
  if (direction == 0) return "Similar";
  if (p == Polarity::none) return direction > 0 ? "Higher" : "Lower";
  return (direction > 0) == (p == Polarity::high_good) ? "Better" : "Worse";
}

const char* quintile_word(std::size_t q, Polarity p) {  // q = 1 (lowest values) .. 5
  static const char* none[] = {"Lowest", "Lower", "Similar", "Higher", "Highest"};
  static const char* high[] = {"Worst", "Worse", "Middle", "Better", "Best"};
  static const char* low[] = {"Best", "Better", "Middle", "Worse", "Worst"};
  return (p == Polarity::none ? none : p == Polarity::high_good ? high : low)[q - 1];
}

}  // namespace

bool parse_polarity(std::string_view t, Polarity& out) {
  if (t == "high-good" || t == "High is good") return out = Polarity::high_good, true;
  if (t == "low-good" || t == "Low is good") return out = Polarity::low_good, true;
  if (t == "none" || t == "No judgement" || t == "") return out = Polarity::none, true;
  return false;
}

void run_compare(const CompareOptions& o, io::Reader& in, io::Writer& out,
                 Diagnostics& diagnostics) {
  const bool own_file = !o.benchmark_file.path.empty();
  if (o.benchmark.empty() && !own_file)
    throw UsageError(
        "give --benchmark VALUE (the benchmark's --area value), or --benchmark-file FILE");
  const std::size_t area_col = in.column(o.area);
  const std::size_t value_col = in.column(o.value);
  const std::vector<std::size_t> match_cols = columns(in, o.match);
  std::size_t lower_col = 0, upper_col = 0;
  if (o.method != CompareMethod::quintiles) std::tie(lower_col, upper_col) = method_limits(o, in);
  for (const char* c : {"benchmark_value", "compared"})
    if (in.find_column(c))
      throw DataError(Location{in.name(), 0, 0},
                      fmt::format("the input already has a column '{}'; rename it", c));

  std::unordered_map<std::string, Benchmark> benchmarks;
  const auto add_benchmark = [&](const io::Reader& r, std::size_t value,
                                 const std::vector<std::size_t>& cols) {
    const auto [it, added] =
        benchmarks.try_emplace(io::key_of(r, cols), Benchmark{r.number(value), r.line()});
    if (!added)
      throw DataError(
          r.here(),
          fmt::format("a second benchmark row for the same {} (lines {} and {}): give --match "
                      "the columns that tell them apart",
                      o.match.empty() ? "input" : "--match values", it->second.line, r.line()));
  };
  if (own_file) {
    io::Reader b(o.benchmark_file);
    const std::size_t v = b.column(o.value);
    const std::vector<std::size_t> cols = columns(b, o.match);
    const std::optional<std::size_t> area =
        o.benchmark.empty() ? std::nullopt : b.find_column(o.area);
    while (b.next())
      if (!area || b.field(*area) == o.benchmark) add_benchmark(b, v, cols);
  }

  io::RowStore rows(in.header().size());
  std::vector<std::string> keys;
  std::vector<double> values, lowers, uppers;
  std::vector<bool> is_benchmark;
  std::vector<Polarity> polarities;
  // A plain index, not std::optional: GCC 12 misreports optionals as uninitialised here.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const std::size_t polarity_col = o.polarity_column.empty() ? none : in.column(o.polarity_column);
  while (in.next()) {
    Polarity p = o.polarity;
    if (polarity_col != none && !parse_polarity(in.field(polarity_col), p))
      io::fail_column(
          in, polarity_col,
          fmt::format("\"{}\" is not high-good, low-good or none", in.field(polarity_col)));
    polarities.push_back(p);
    rows.add(in);
    keys.push_back(io::key_of(in, match_cols));
    values.push_back(in.number(value_col));
    lowers.push_back(o.method == CompareMethod::quintiles ? kMissing : in.number(lower_col));
    uppers.push_back(o.method == CompareMethod::quintiles ? kMissing : in.number(upper_col));
    const bool own = !own_file && in.field(area_col) == o.benchmark;
    is_benchmark.push_back(own);
    if (own) add_benchmark(in, value_col, match_cols);
  }

  // Quintiles: NTILE(5) over each match group's areas by value, ties in row order.
  std::vector<std::size_t> quintile(values.size(), 0);
  if (o.method == CompareMethod::quintiles) {
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!is_benchmark[i] && !std::isnan(values[i])) groups[keys[i]].push_back(i);
    for (auto& [key, members] : groups) {
      std::stable_sort(members.begin(), members.end(),
                       [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
      const std::size_t n = members.size(), small = n / 5, extra = n % 5;
      std::size_t pos = 0;
      for (std::size_t q = 1; q <= 5; ++q)
        for (std::size_t k = 0; k < small + (q <= extra ? 1 : 0); ++k) quintile[members[pos++]] = q;
    }
  }

  std::vector<std::string> cols = in.header();
  cols.push_back("benchmark_value");
  cols.push_back("compared");
  out.begin(cols);
  std::size_t not_compared = 0, no_benchmark = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t c = 0; c < in.header().size(); ++c) out.text(rows.field(i, c));
    const auto it = benchmarks.find(keys[i]);
    const double bench = it == benchmarks.end() ? kMissing : it->second.value;
    no_benchmark += it == benchmarks.end();
    out.number(bench);
    if (is_benchmark[i]) {  // the benchmark is not compared with itself
      out.missing();
    } else if (o.method == CompareMethod::quintiles) {
      if (quintile[i]) {
        out.text(quintile_word(quintile[i], polarities[i]));
      } else {
        out.text("Not compared");
        ++not_compared;
      }
    } else if (std::isnan(bench) || std::isnan(lowers[i]) || std::isnan(uppers[i])) {
      out.text("Not compared");
      ++not_compared;
    } else {
      out.text(verdict(uppers[i] < bench ? -1 : lowers[i] > bench ? 1 : 0, polarities[i]));
    }
    out.end_row();
  }
  diagnostics.warn_count(no_benchmark, "row", "has",
                         "no benchmark row with the same --match values");
  diagnostics.warn_count(not_compared, "row", "is",
                         "not compared: a missing value, limit or benchmark");
  out.finish();
}

}  // namespace heq::tables
