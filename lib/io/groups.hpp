#pragma once
// --by grouping: each distinct combination of the key columns gets a number in order of
// first appearance, and rows are handed to the method one group at a time. Unsorted
// input is held in memory (as the parsed rows a method needs, not as text); with
// `sorted` a group is handed on as soon as the next one starts, so memory stays flat.
#include "io/number.hpp"
#include "io/reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace heq::io {

class GroupKeys {
 public:
  GroupKeys(const Reader& reader, const std::vector<std::string>& by, bool sorted = false);

  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return count_; }
  // A group's key values, valid until the next call. When sorted, only the latest two
  // groups' keys are kept (flat memory): the one being read and the one just finished.
  const std::vector<std::string>& key(std::size_t id) const;

  // The group number of the reader's current row (a new one if the key is new).
  std::size_t assign(const Reader& reader);

 private:
  std::size_t assign_new_sorted(const Reader& reader);
  std::size_t find_or_add();
  void grow();
  // Sorted: records a key's hash; false if it was already there.
  bool remember(std::uint64_t hash);

  std::vector<std::size_t> columns_;
  std::vector<std::string> names_;
  bool sorted_;
  std::size_t count_ = 0;
  // Unsorted: every key once, as its composite bytes one after another (no allocation
  // per group), found through an open-addressing table of (hash, id + 1) slots.
  std::string arena_;
  std::vector<std::size_t> starts_{0};  // key id's bytes are arena_[starts_[id], starts_[id+1])
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id = 0;  // id + 1; 0 is an empty slot
  };
  std::vector<Slot> slots_;
  mutable std::vector<std::string> shown_;  // key(): the decoded key handed out
  // Sorted: hashes of finished keys, open addressing (0 marks an empty slot).
  std::vector<std::uint64_t> seen_;
  std::size_t seen_count_ = 0;
  std::vector<std::string> current_;   // sorted: the latest key
  std::vector<std::string> previous_;  // sorted: the key before it
  std::string composite_;
  std::vector<std::string> last_fields_;  // the previous row's key values
  std::size_t last_id_ = static_cast<std::size_t>(-1);
};

// Reads every row, turns it into a Row with make_row(reader), and calls
// on_group(group_id, rows) once per group, in order of first appearance. `rows` is a
// scratch vector the callback may reorder; it is reused for the next group.
// For tools whose result is a running total of their rows (sums of counts): each group's
// total is kept and updated as its rows arrive, so memory follows the number of groups,
// not rows; `add(total, reader)` folds in the current row; groups end in input order.
// The values of `columns` in the reader's current row as one string (unit separators
// between them), to match rows of two inputs on shared columns.
std::string key_of(const Reader& reader, const std::vector<std::size_t>& columns);

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
      rows.push_back(make_row(reader));
    }
    if (current != none) on_group(current, rows);
    return;
  }
  // All rows in one vector, each group's rows chained by index: no per-group allocations.
  std::vector<Row> all;
  std::vector<std::size_t> next;
  std::vector<std::pair<std::size_t, std::size_t>> ends;  // first and last row of each group
  while (reader.next()) {
    const std::size_t id = keys.assign(reader);
    const std::size_t index = all.size();
    all.push_back(make_row(reader));
    next.push_back(none);
    if (id == ends.size())
      ends.emplace_back(index, index);
    else
      next[std::exchange(ends[id].second, index)] = index;
  }
  for (std::size_t id = 0; id < ends.size(); ++id) {
    rows.clear();
    for (std::size_t i = ends[id].first; i != none; i = next[i]) rows.push_back(all[i]);
    on_group(id, rows);
  }
}

// Sorts a group's rows by a numeric key (an age, a quantile label) and refuses a key
// that appears twice, naming both lines: `what` is e.g. "age band". Row needs `line`.
template <class Row, class Key>
void sort_unique(std::vector<Row>& rows, Key key, const Reader& reader, std::string_view what) {
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
