#include "tables/aggregate.hpp"

#include "core/error.hpp"
#include "io/key_table.hpp"
#include "io/number.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_map>

namespace heq::tables {

namespace {

// The lookup file held as key -> the values of the lookup columns --by uses.
class Lookup {
 public:
  Lookup(const io::ReaderOptions& options, const std::string& on,
         const std::vector<std::string>& wanted) {
    io::Reader r(options);
    const std::size_t key = r.column(on);
    for (const std::string& name : wanted) {
      if (!r.find_column(name))
        throw DataError(
            Location{r.name(), 0, 0},
            fmt::format(
                "--by column '{}' is in neither the input nor the lookup; the lookup has: {}", name,
                fmt::join(r.header(), ", ")));
      columns_.push_back(r.column(name));
    }
    std::unordered_map<std::string, std::size_t> lines;
    while (r.next()) {
      std::string k(r.field(key));
      const auto [it, added] = rows_.try_emplace(k, std::vector<std::string>{});
      if (!added)
        throw DataError(r.at(key),
                        fmt::format("key '{}' appears twice in the lookup (lines {} and {}); "
                                    "each {} must map to one row",
                                    k, lines[k], r.line(), on));
      lines[k] = r.line();
      for (std::size_t c : columns_) it->second.emplace_back(r.field(c));
    }
    name_ = r.name();
  }
  const std::vector<std::string>* find(std::string_view key) const {
    key_.assign(key);
    const auto it = rows_.find(key_);
    return it == rows_.end() ? nullptr : &it->second;
  }
  const std::string& name() const { return name_; }

 private:
  std::vector<std::size_t> columns_;
  std::unordered_map<std::string, std::vector<std::string>> rows_;
  std::string name_;
  mutable std::string key_;
};

// Where each --by value comes from: an input column, or the n-th wanted lookup column.
struct KeyPart {
  bool from_lookup;
  std::size_t index;
};

// Every group's running sums in flat arrays (group g's column i at g * width + i): no
// allocation per group, so memory follows the number of groups at a few words each.
struct Totals {
  std::size_t width;
  std::vector<double> sum, compensation;  // Neumaier: sums of many rows stay exact longer
  std::vector<std::size_t> missing;       // rows without a value, per summed column
  std::vector<std::size_t> rows;          // per group

  void add_group() {
    sum.resize(sum.size() + width, 0);
    compensation.resize(compensation.size() + width, 0);
    missing.resize(missing.size() + width, 0);
    rows.push_back(0);
  }
  void clear() {
    sum.clear();
    compensation.clear();
    missing.clear();
    rows.clear();
  }
  void add(std::size_t g, std::size_t i, double x) {
    const std::size_t at = g * width + i;
    const double s = sum[at], t = s + x;
    compensation[at] += std::abs(s) >= std::abs(x) ? (s - t) + x : (x - t) + s;
    sum[at] = t;
  }
  bool any_missing(std::size_t g) const {
    for (std::size_t i = 0; i < width; ++i)
      if (missing[g * width + i]) return true;
    return false;
  }
};

// Numbers as numbers (deciles 1..10, ages 0, 1, 5), numbers before text, text by bytes.
bool key_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    double x = 0, y = 0;
    const bool nx = io::parse_number(a[i], x) == io::NumberStatus::ok;
    const bool ny = io::parse_number(b[i], y) == io::NumberStatus::ok;
    if (nx && ny) {
      if (x != y) return x < y;
    } else if (nx != ny) {
      return nx;
    }
    if (!(nx && ny) && a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

}  // namespace

void run_aggregate(const AggregateOptions& o, io::Reader& in, io::Writer& out,
                   Diagnostics& diagnostics) {
  if (o.sum.empty()) throw UsageError("give --sum COLS: the columns to add up");
  if (o.lookup.path.empty() != o.on.empty())
    throw UsageError(
        "--lookup FILE and --on COL go together: the key column joins each row to the lookup");
  if (o.sort && o.grouping.sorted)
    throw UsageError("--sort orders every group, so it cannot stream: drop --sorted");
  for (const std::string& s : o.sum) {
    if (std::count(o.sum.begin(), o.sum.end(), s) > 1)
      throw UsageError(fmt::format("--sum names '{}' twice", s));
    if (std::find(o.grouping.by.begin(), o.grouping.by.end(), s) != o.grouping.by.end())
      throw UsageError(fmt::format("'{}' is in both --by and --sum", s));
  }
  for (std::size_t i = 0; i < o.grouping.by.size(); ++i)
    if (std::count(o.grouping.by.begin(), o.grouping.by.end(), o.grouping.by[i]) > 1)
      throw UsageError(fmt::format("--by names '{}' twice", o.grouping.by[i]));

  // --by columns from the input where it has them, else from the lookup.
  std::vector<KeyPart> parts;
  std::vector<std::string> from_lookup;
  std::unique_ptr<Lookup> lookup;
  std::optional<std::size_t> on_col;
  if (!o.lookup.path.empty()) {
    on_col = in.column(o.on);
    for (const std::string& name : o.grouping.by)
      if (!in.find_column(name)) from_lookup.push_back(name);
    lookup = std::make_unique<Lookup>(o.lookup, o.on, from_lookup);
  }
  std::size_t next_lookup = 0;
  for (const std::string& name : o.grouping.by) {
    if (auto c = in.find_column(name)) {
      parts.push_back({false, *c});
    } else if (lookup) {
      parts.push_back({true, next_lookup++});
    } else {
      in.column(name);  // the usual "not found" error
    }
  }
  std::vector<std::size_t> sum_cols;
  for (const std::string& name : o.sum) sum_cols.push_back(in.column(name));

  std::vector<std::string> cols = o.grouping.by;
  cols.insert(cols.end(), o.sum.begin(), o.sum.end());
  cols.push_back("rows");
  cols.push_back("note");
  out.begin(cols);

  Totals totals{sum_cols.size(), {}, {}, {}, {}};
  io::KeyTable ids;    // unsorted: every group's key
  io::SeenKeys begun;  // --sorted: the keys of groups begun
  std::string composite, last;
  std::vector<std::string> key;
  std::size_t dropped = 0, first_dropped_line = 0, with_missing = 0;
  std::string first_dropped;

  const auto write = [&](std::size_t g) {
    with_missing += totals.any_missing(g);
    out.texts(key);
    std::string note;
    for (std::size_t i = 0; i < sum_cols.size(); ++i) {
      const std::size_t at = g * totals.width + i, m = totals.missing[at];
      if (m) {
        out.missing();
        note += fmt::format("{}{} is missing on {} row{}", note.empty() ? "" : "; ", o.sum[i], m,
                            m == 1 ? "" : "s");
      } else {
        out.number(totals.sum[at] + totals.compensation[at]);
      }
    }
    out.number(static_cast<double>(totals.rows[g]));
    if (note.empty())
      out.missing();
    else
      out.text(note);
    out.end_row();
  };

  while (in.next()) {
    const std::vector<std::string>* joined = nullptr;
    if (lookup) {
      joined = lookup->find(in.field(*on_col));
      if (!joined) {
        if (!o.drop_unmatched)
          in.fail(*on_col, fmt::format("{} '{}' is not in the lookup {}; add it there, or give "
                                       "--unmatched drop to leave such rows out",
                                       o.on, in.field(*on_col), lookup->name()));
        if (!dropped++) {
          first_dropped = in.field(*on_col);
          first_dropped_line = in.line();
        }
        continue;
      }
    }
    composite.clear();
    for (const KeyPart& p : parts)
      io::append_key_part(composite,
                          p.from_lookup ? std::string_view((*joined)[p.index]) : in.field(p.index));
    std::size_t g;
    if (o.grouping.sorted) {
      if (totals.rows.empty() || composite != last) {
        if (!totals.rows.empty()) write(0);
        io::split_key_parts(composite, key);
        if (!begun.insert(io::key_hash(composite))) {
          std::string shown;
          for (const std::string& k : key) shown += (shown.empty() ? "" : ", ") + k;
          throw DataError(
              in.here(), fmt::format("the group ({}) appears again after its rows ended; --sorted "
                                     "needs each group's rows together: drop --sorted, or sort the "
                                     "input by the --by columns",
                                     shown));
        }
        totals.clear();
        totals.add_group();
        last = composite;
      }
      g = 0;
    } else {
      g = ids.find_or_add(composite);
      if (g == totals.rows.size()) totals.add_group();
    }
    ++totals.rows[g];
    for (std::size_t i = 0; i < sum_cols.size(); ++i) {
      const double x = in.number(sum_cols[i]);
      if (std::isnan(x))
        ++totals.missing[g * totals.width + i];
      else
        totals.add(g, i, x);
    }
  }

  if (o.grouping.sorted) {
    if (!totals.rows.empty()) write(0);
  } else {
    std::vector<std::size_t> order(ids.size());
    for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
    if (o.sort) {
      std::vector<std::vector<std::string>> keys(ids.size());
      for (std::size_t g = 0; g < keys.size(); ++g) io::split_key_parts(ids.bytes(g), keys[g]);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return key_less(keys[a], keys[b]); });
    }
    for (std::size_t g : order) {
      io::split_key_parts(ids.bytes(g), key);
      write(g);
    }
  }
  if (dropped)
    diagnostics.warn(
        fmt::format("{} row{} dropped: {} not in the lookup (the first: '{}' on line {})", dropped,
                    dropped == 1 ? "" : "s", dropped == 1 ? "its key is" : "their keys are",
                    first_dropped, first_dropped_line));
  diagnostics.warn_count(with_missing, "group", "has",
                         "a missing value: that sum is empty (see the note column)");
  out.finish();
}

}  // namespace heq::tables
