#include "tables/aggregate.hpp"

#include "core/error.hpp"
#include "io/number.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

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

struct Group {
  std::vector<std::string> key;
  std::vector<double> sum, compensation;  // Neumaier: sums of many rows stay exact longer
  std::vector<std::size_t> missing;       // rows without a value, per summed column
  std::size_t rows = 0;
};

void add(Group& g, std::size_t i, double x) {
  const double s = g.sum[i], t = s + x;
  g.compensation[i] += std::abs(s) >= std::abs(x) ? (s - t) + x : (x - t) + s;
  g.sum[i] = t;
}

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
  if (o.sort && o.sorted)
    throw UsageError("--sort orders every group, so it cannot stream: drop --sorted");
  for (const std::string& s : o.sum) {
    if (std::count(o.sum.begin(), o.sum.end(), s) > 1)
      throw UsageError(fmt::format("--sum names '{}' twice", s));
    if (std::find(o.by.begin(), o.by.end(), s) != o.by.end())
      throw UsageError(fmt::format("'{}' is in both --by and --sum", s));
  }
  for (std::size_t i = 0; i < o.by.size(); ++i)
    if (std::count(o.by.begin(), o.by.end(), o.by[i]) > 1)
      throw UsageError(fmt::format("--by names '{}' twice", o.by[i]));

  // --by columns from the input where it has them, else from the lookup.
  std::vector<KeyPart> parts;
  std::vector<std::string> from_lookup;
  std::unique_ptr<Lookup> lookup;
  std::optional<std::size_t> on_col;
  if (!o.lookup.path.empty()) {
    on_col = in.column(o.on);
    for (const std::string& name : o.by)
      if (!in.find_column(name)) from_lookup.push_back(name);
    lookup = std::make_unique<Lookup>(o.lookup, o.on, from_lookup);
  }
  std::size_t next_lookup = 0;
  for (const std::string& name : o.by) {
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

  std::vector<std::string> cols = o.by;
  cols.insert(cols.end(), o.sum.begin(), o.sum.end());
  cols.push_back("rows");
  cols.push_back("note");
  out.begin(cols);

  const auto write = [&](const Group& g) {
    out.texts(g.key);
    std::string note;
    for (std::size_t i = 0; i < sum_cols.size(); ++i) {
      if (g.missing[i]) {
        out.missing();
        note += fmt::format("{}{} is missing on {} row{}", note.empty() ? "" : "; ", o.sum[i],
                            g.missing[i], g.missing[i] == 1 ? "" : "s");
      } else {
        out.number(g.sum[i] + g.compensation[i]);
      }
    }
    out.number(static_cast<double>(g.rows));
    if (note.empty())
      out.missing();
    else
      out.text(note);
    out.end_row();
  };

  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> ids;
  std::unordered_set<std::string> finished;  // --sorted: keys already written
  std::string composite, last;
  std::size_t dropped = 0, first_dropped_line = 0, with_missing = 0;
  std::string first_dropped;
  Group current;

  const auto fresh = [&](std::vector<std::string> key) {
    Group g;
    g.key = std::move(key);
    g.sum.assign(sum_cols.size(), 0);
    g.compensation.assign(sum_cols.size(), 0);
    g.missing.assign(sum_cols.size(), 0);
    return g;
  };
  const auto close = [&](const Group& g) {
    with_missing +=
        std::any_of(g.missing.begin(), g.missing.end(), [](std::size_t m) { return m > 0; });
    write(g);
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
    for (const KeyPart& p : parts) {
      composite += p.from_lookup ? std::string_view((*joined)[p.index]) : in.field(p.index);
      composite += '\x1f';
    }
    const auto key = [&] {
      std::vector<std::string> k;
      for (const KeyPart& p : parts)
        k.emplace_back(p.from_lookup ? std::string_view((*joined)[p.index]) : in.field(p.index));
      return k;
    };
    Group* g;
    if (o.sorted) {
      if (current.rows == 0 || composite != last) {
        if (current.rows) {
          close(current);
          finished.insert(last);
        }
        if (finished.count(composite)) {
          std::string shown;
          for (const std::string& k : key()) shown += (shown.empty() ? "" : ", ") + k;
          throw DataError(
              in.here(), fmt::format("the group ({}) appears again after its rows ended; --sorted "
                                     "needs each group's rows together: drop --sorted, or sort the "
                                     "input by the --by columns",
                                     shown));
        }
        current = fresh(key());
        last = composite;
      }
      g = &current;
    } else {
      const auto [it, added] = ids.try_emplace(composite, groups.size());
      if (added) groups.push_back(fresh(key()));
      g = &groups[it->second];
    }
    ++g->rows;
    for (std::size_t i = 0; i < sum_cols.size(); ++i) {
      const double x = in.number(sum_cols[i]);
      if (std::isnan(x))
        ++g->missing[i];
      else
        add(*g, i, x);
    }
  }

  if (o.sorted) {
    if (current.rows) close(current);
  } else {
    if (o.sort)
      std::stable_sort(groups.begin(), groups.end(),
                       [](const Group& a, const Group& b) { return key_less(a.key, b.key); });
    for (const Group& g : groups) close(g);
  }
  if (dropped)
    diagnostics.warn(
        fmt::format("{} row{} dropped: {} not in the lookup (the first: '{}' on line {})", dropped,
                    dropped == 1 ? "" : "s", dropped == 1 ? "its key is" : "their keys are",
                    first_dropped, first_dropped_line));
  if (with_missing)
    diagnostics.warn(
        fmt::format("{} group{} a missing value: that sum is empty (see the note column)",
                    with_missing, with_missing == 1 ? " has" : "s have"));
  out.finish();
}

}  // namespace heq::tables
