#include "io/groups.hpp"

#include <fmt/format.h>

#include <cstring>

namespace heq::io {

GroupKeys::GroupKeys(const Reader& reader, const std::vector<std::string>& by, bool sorted)
    : names_(by), sorted_(sorted) {
  for (std::size_t i = 0; i < by.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (by[i] == by[j]) throw UsageError(fmt::format("--by names '{}' twice", by[i]));
  for (const std::string& name : by) columns_.push_back(reader.column(name));
}

std::size_t GroupKeys::assign(const Reader& reader) {
  // Rows of one group usually follow each other: compare in place before building a key.
  if (last_id_ != static_cast<std::size_t>(-1)) {
    bool same = true;
    for (std::size_t i = 0; i < columns_.size() && same; ++i)
      same = reader.field(columns_[i]) == last_fields_[i];
    if (same) return last_id_;
  }
  // Length-prefixed parts keep ("a,b","c") and ("a","b,c") apart.
  composite_.clear();
  for (std::size_t c : columns_) {
    const std::string_view v = reader.field(c);
    const std::uint32_t n = static_cast<std::uint32_t>(v.size());
    composite_.append(reinterpret_cast<const char*>(&n), sizeof n);
    composite_.append(v);
  }
  last_fields_.resize(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i)
    last_fields_[i].assign(reader.field(columns_[i]));

  if (sorted_) {
    // A new group starts; the one before is finished and must not come back.
    if (last_id_ != static_cast<std::size_t>(-1))
      seen_.insert(std::hash<std::string>{}(last_composite_));
    if (seen_.count(std::hash<std::string>{}(composite_))) {
      std::string shown;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i) shown += ", ";
        shown += fmt::format("{}={}", names_[i], reader.field(columns_[i]));
      }
      throw DataError(reader.here(),
                      fmt::format("--sorted, but the rows of group ({}) are not together; drop "
                                  "--sorted or sort the input by the --by columns",
                                  shown));
    }
    // The finished group's key stays readable: it is handed on only now, as this one starts.
    std::swap(previous_, current_);
    current_.resize(columns_.size());
    for (std::size_t i = 0; i < columns_.size(); ++i) current_[i].assign(reader.field(columns_[i]));
    last_composite_ = composite_;
    return last_id_ = count_++;
  }

  auto [it, inserted] = ids_.try_emplace(composite_, keys_.size());
  if (inserted) {
    std::vector<std::string> key;
    key.reserve(columns_.size());
    for (std::size_t c : columns_) key.emplace_back(reader.field(c));
    keys_.push_back(std::move(key));
    ++count_;
  }
  last_composite_ = composite_;
  last_id_ = it->second;
  return last_id_;
}

std::string key_of(const Reader& reader, const std::vector<std::size_t>& columns) {
  std::string key;
  for (std::size_t c : columns) {
    key += reader.field(c);
    key += '\x1f';
  }
  return key;
}

}  // namespace heq::io
