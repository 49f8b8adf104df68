#pragma once
// --by grouping: each distinct combination of the key columns gets a number in order of
// first appearance, and rows are handed to the method one group at a time. Unsorted
// input is held in memory (as the parsed rows a method needs, not as text); with
// `sorted` a group is handed on as soon as the next one starts, so memory stays flat.
#include "io/reader.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace heq::io {

class GroupKeys {
 public:
  GroupKeys(const Reader& reader, const std::vector<std::string>& by, bool sorted = false);

  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return keys_.size(); }
  const std::vector<std::string>& key(std::size_t id) const { return keys_[id]; }

  // The group number of the reader's current row (a new one if the key is new).
  std::size_t assign(const Reader& reader);

 private:
  std::vector<std::size_t> columns_;
  std::vector<std::string> names_;
  bool sorted_;
  std::unordered_map<std::string, std::size_t> ids_;
  std::vector<std::vector<std::string>> keys_;
  std::string composite_;
  std::string last_composite_;
  std::size_t last_id_ = static_cast<std::size_t>(-1);
};

// Reads every row, turns it into a Row with make_row(reader), and calls
// on_group(group_id, rows) once per group, in order of first appearance.
template <class Row, class MakeRow, class OnGroup>
void for_each_group(Reader& reader, GroupKeys& keys, bool sorted, MakeRow&& make_row,
                    OnGroup&& on_group) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  if (sorted) {
    std::vector<Row> rows;
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
  std::vector<std::vector<Row>> groups;
  while (reader.next()) {
    const std::size_t id = keys.assign(reader);
    if (id == groups.size()) groups.emplace_back();
    groups[id].push_back(make_row(reader));
  }
  for (std::size_t id = 0; id < groups.size(); ++id) {
    on_group(id, groups[id]);
    std::vector<Row>().swap(groups[id]);
  }
}

}  // namespace heq::io
