#include "io/groups.hpp"

#include <fmt/format.h>

#include <cstring>
#include <functional>
#include <limits>

namespace heq::io {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::uint64_t hash_of(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

// Splits length-prefixed parts back into the key's values.
void decode(std::string_view composite, std::vector<std::string>& out) {
  out.clear();
  while (!composite.empty()) {
    std::uint32_t n;
    std::memcpy(&n, composite.data(), sizeof n);
    out.emplace_back(composite.substr(sizeof n, n));
    composite.remove_prefix(sizeof n + n);
  }
}

}  // namespace

GroupKeys::GroupKeys(const Reader& reader, const std::vector<std::string>& by, bool sorted)
    : names_(by), sorted_(sorted) {
  for (std::size_t i = 0; i < by.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (by[i] == by[j]) throw UsageError(fmt::format("--by names '{}' twice", by[i]));
  for (const std::string& name : by) columns_.push_back(reader.column(name));
}

const std::vector<std::string>& GroupKeys::key(std::size_t id) const {
  if (sorted_) return id + 1 == count_ ? current_ : previous_;
  decode(std::string_view(arena_).substr(starts_[id], starts_[id + 1] - starts_[id]), shown_);
  return shown_;
}

std::size_t GroupKeys::assign(const Reader& reader) {
  // Rows of one group usually follow each other: compare in place before building a key.
  if (last_id_ != kNone) {
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
  if (sorted_) return assign_new_sorted(reader);
  return last_id_ = find_or_add();
}

std::size_t GroupKeys::assign_new_sorted(const Reader& reader) {
  // A new group starts. Every key is remembered as its group starts, so a key seen before
  // is a group that came back (the current group's own rows never reach here).
  if (!remember(hash_of(composite_))) {
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
  return last_id_ = count_++;
}

bool GroupKeys::remember(std::uint64_t hash) {
  if (hash == 0) hash = 1;
  if (2 * (seen_count_ + 1) > seen_.size()) {
    std::vector<std::uint64_t> old = std::move(seen_);
    seen_.assign(old.empty() ? 64 : 2 * old.size(), 0);
    seen_count_ = 0;
    for (std::uint64_t h : old)
      if (h) remember(h);
  }
  const std::size_t mask = seen_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (seen_[i] == hash) return false;
    if (seen_[i] == 0) {
      seen_[i] = hash;
      ++seen_count_;
      return true;
    }
  }
}

std::size_t GroupKeys::find_or_add() {
  if (2 * (count_ + 1) > slots_.size()) grow();
  const std::uint64_t h = hash_of(composite_);
  const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == 0) {
      if (count_ >= std::numeric_limits<std::uint32_t>::max())
        throw DataError(Location{}, "more than 4,294,967,294 groups");
      slot = {tag, static_cast<std::uint32_t>(count_ + 1)};
      arena_ += composite_;
      starts_.push_back(arena_.size());
      return count_++;
    }
    if (slot.hash != tag) continue;
    const std::size_t id = slot.id - 1;
    if (std::string_view(arena_).substr(starts_[id], starts_[id + 1] - starts_[id]) == composite_)
      return id;
  }
}

void GroupKeys::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    const std::size_t id = slot.id - 1;
    const std::uint64_t h =
        hash_of(std::string_view(arena_).substr(starts_[id], starts_[id + 1] - starts_[id]));
    std::size_t i = h & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
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
