#pragma once
// --by grouping: each distinct combination of the key columns gets a number in order of
// first appearance, and rows are handed to the method one group at a time. Unsorted
// input is held in memory (as the parsed rows a method needs, not as text, and in runs
// of narrow columns where the row is plain words: io/run_store.hpp); with
// `sorted` a group is handed on as soon as the next one starts, so memory stays flat.
#include "io/blocks.hpp"
#include "io/bytes.hpp"
#include "io/key_table.hpp"
#include "io/number.hpp"
#include "io/reader.hpp"
#include "io/run_store.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace heq::io {

class GroupKeys {
 public:
  GroupKeys(const Reader& reader, const std::vector<std::string>& by, bool sorted = false);
  // Sorted keys of a split input's rest (io/split_fold.hpp), read by a worker: as cheap
  // as the first part's (a group that comes back within the rest is refused as it comes),
  // and they keep what may_follow and follow_first need: every key's hash, and the first.
  static GroupKeys rest_of_split(const Reader& reader, const std::vector<std::string>& by);

  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return count_; }
  // A group's key values, valid until the next call. When sorted, only the latest two
  // groups' keys are kept (flat memory): the one being read and the one just finished.
  const std::vector<std::string>& key(std::size_t id) const;

  // The group number of the reader's current row (a new one if the key is new). Rows of
  // one group usually follow each other: the row whose key span equals the previous
  // row's is answered inline, everything else out of line.
  // Unsorted: the group number here of `other`'s group `id`, a new one if its key is new
  // (to merge the groups of a split input, io/split_fold.hpp).
  std::size_t adopt(const GroupKeys& other, std::size_t id);
  // Sorted, with `other` the keys of the input's rest (rest_of_split): whether its groups
  // may follow the ones here, none of them a group begun here already except that its
  // first may carry on the group being read (then `carries_on`).
  bool may_follow(const GroupKeys& other, bool& carries_on) const;
  // Sorted: a group begun here with the key of `other`'s first group (rest_of_split), as
  // if its row came next.
  std::size_t follow_first(const GroupKeys& other);

  std::size_t assign(const Reader& reader) {
    if (span_valid_ && reader.fields_in_line()) {  // (a valid span means adjacent columns)
      const std::string_view first = reader.field(first_column_), last = reader.field(last_column_);
      if (bytes::same(std::string_view(first.data(), static_cast<std::size_t>(
                                                         last.data() + last.size() - first.data())),
                      last_span_))
        return last_id_;
    }
    return assign_otherwise(reader);
  }

 private:
  std::size_t assign_otherwise(const Reader& reader);
  std::size_t assign_new_sorted(const Reader& reader);
  // Sorted: whether a group with this key (hash, first value) has not begun before.
  bool begins_anew(std::uint64_t hash, std::string_view first);
  // Sorted, keys in order: the table of every key's hash, built only when it is needed.
  void hash_every_key();
  // The row's value of the first key column (empty without key columns).
  std::string_view first_field(const Reader& reader) const;

  std::vector<std::size_t> columns_;
  std::vector<std::string> names_;
  bool sorted_;
  std::size_t count_ = 0;
  KeyTable table_;                          // unsorted: every key
  mutable std::vector<std::string> shown_;  // key(): the decoded key handed out
  SeenKeys seen_;                           // sorted: the keys of groups begun
  // Sorted input usually has its first key column in order (area codes rising, sexes or
  // deciles within each): while every new group's first value is above all before it, or
  // equals the latest one with a key new under it, no group can have come back, and no
  // table lookup (a cache miss a group) is needed. `ordered_` stays true while that holds;
  // the keys under the latest first value are `under_first_`, every key's hash `hashes_`
  // (to fill seen_ the moment it does not).
  bool ordered_ = true;
  std::vector<std::uint64_t> under_first_;
  std::vector<std::uint64_t> hashes_;
  // rest_of_split: every key's hash in order (ordered_ or not), the first key, its first
  // value, and how many keys from the first on share that first value.
  bool rest_ = false;
  std::vector<std::uint64_t> rest_hashes_;
  std::string first_key_;
  std::string first_first_;
  std::size_t leading_ = 0;
  std::vector<std::string> current_;   // sorted: the latest key
  std::vector<std::string> previous_;  // sorted: the key before it
  std::string composite_;
  std::vector<std::string> last_fields_;  // unsorted: the previous row's key values
  // When the key columns are adjacent: the previous row's bytes from the first key field
  // to the end of the last, compared as one span (valid only if taken from a plain line).
  bool adjacent_ = false;
  std::size_t first_column_ = 0, last_column_ = 0;  // columns_' ends, when adjacent_
  std::string last_span_;
  bool span_valid_ = false;
  std::size_t last_id_ = static_cast<std::size_t>(-1);
};

// The values of `columns` in the reader's current row as one composite key (values
// length-prefixed, as group keys are), to match rows of two inputs on shared columns.
std::string key_of(const Reader& reader, const std::vector<std::size_t>& columns);

// For tools whose result is a running total of their rows (sums of counts): each group's
// total is kept and updated as its rows arrive, so memory follows the number of groups,
// not rows; `add(total, reader)` folds in the current row; groups end in input order.
template <class Total, class Add, class OnGroup>
void fold_groups(Reader& reader, GroupKeys& keys, bool sorted, const Total& start, Add&& add,
                 OnGroup&& on_group) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  if (sorted) {
    std::size_t current = none;
    Total total = start;
    while (reader.next()) {
      const std::size_t id = keys.assign(reader);
      if (id != current) {
        if (current != none) on_group(current, total);
        total = start;
        current = id;
      }
      add(total, reader);
    }
    if (current != none) on_group(current, total);
    return;
  }
  std::vector<Total> totals;
  while (reader.next()) {
    const std::size_t id = keys.assign(reader);
    if (id == totals.size()) totals.push_back(start);
    add(totals[id], reader);
  }
  for (std::size_t id = 0; id < totals.size(); ++id) on_group(id, totals[id]);
}

inline constexpr const char* too_many_rows =
    "more rows than heq holds for unsorted --by input; sort the input by the --by columns and "
    "give --sorted";

// Appends make_row(reader)'s row, built in its place. Pushed as a temporary, the row was
// written to the stack field by field and copied in 16-byte pieces (wider loads than the
// stores before them, which store forwarding cannot serve), some 12 instructions a row more.
template <class Row, class MakeRow>
inline __attribute__((always_inline)) void append_made(std::vector<Row>& rows, MakeRow& make_row,
                                                       const Reader& reader) {
  struct Made {
    MakeRow& make;
    const Reader& reader;
    operator Row() const { return make(reader); }  // the result initialises the new element
  };
  rows.emplace_back(Made{make_row, reader});
}

// Reads every row, turns it into a Row with make_row(reader), and calls
// on_group(group_id, rows) once per group, in order of first appearance. `rows` is a
// scratch vector the callback may reorder; it is reused for the next group.
template <class Row, class MakeRow, class OnGroup>
void for_each_group(Reader& reader, GroupKeys& keys, bool sorted, MakeRow&& make_row,
                    OnGroup&& on_group) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<Row> rows;
  if (sorted) {
    std::size_t current = none;
    while (reader.next()) {
      const std::size_t id = keys.assign(reader);
      if (id != current) {
        if (current != none) on_group(current, rows);
        rows.clear();
        current = id;
      }
      append_made(rows, make_row, reader);
    }
    if (current != none) on_group(current, rows);
    return;
  }
  if constexpr (run_storable<Row>) {
    RunStore<Row> store;
    while (reader.next()) {
      const std::size_t id = keys.assign(reader);
      if (store.full()) throw DataError(reader.here(), too_many_rows);
      store.add(id, make_row(reader));
    }
    store.finish();
    for (std::size_t id = 0; id < store.groups(); ++id) {
      store.rows(id, rows);
      on_group(id, rows);
    }
    return;
  }
  // Rows with text in them whole, in blocks of 8,192 (no copy as the store grows), each
  // group's rows chained by a 32-bit index: no per-group allocations.
  Blocks<Row, 13> held;
  Blocks<std::uint32_t, 13> next;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // first and last row of each group
  constexpr std::uint32_t end_of_chain = static_cast<std::uint32_t>(-1);
  while (reader.next()) {
    const std::size_t id = keys.assign(reader);
    if (held.size() == end_of_chain) throw DataError(reader.here(), too_many_rows);
    const auto index = static_cast<std::uint32_t>(held.size());
    held.push_back(make_row(reader));
    next.push_back(end_of_chain);
    if (id == ends.size())
      ends.emplace_back(index, index);
    else
      next[std::exchange(ends[id].second, index)] = index;
  }
  for (std::size_t id = 0; id < ends.size(); ++id) {
    rows.clear();
    for (std::uint32_t i = ends[id].first; i != end_of_chain; i = next[i]) rows.push_back(held[i]);
    on_group(id, rows);
  }
}

// Sorts a group's rows by a numeric key (an age, a quantile label) and refuses a key
// that appears twice, naming both lines: `what` is e.g. "age band". Row needs `line`.
template <class Row, class Key>
void sort_unique(std::vector<Row>& rows, Key key, const Reader& reader, std::string_view what) {
  // Most groups come in order: rising keys are sorted with none twice.
  const auto rising = [&] {
    for (std::size_t i = 1; i < rows.size(); ++i)
      if (!(key(rows[i - 1]) < key(rows[i]))) return false;
    return true;
  };
  if (rising()) return;
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (key(rows[i]) == key(rows[i - 1])) {
      const auto [first, second] = std::minmax(rows[i - 1].line, rows[i].line);
      throw DataError(Location{reader.name(), second, 0},
                      fmt::format("{} {} appears twice in one group (lines {} and {})", what,
                                  format_number(key(rows[i])), first, second));
    }
}

}  // namespace heq::io
