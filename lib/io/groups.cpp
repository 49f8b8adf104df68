#include "io/groups.hpp"

#include <fmt/format.h>

namespace heq::io {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

}  // namespace

GroupKeys::GroupKeys(const Reader& reader, const std::vector<std::string>& by, bool sorted)
    : names_(by), sorted_(sorted) {
  for (std::size_t i = 0; i < by.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (by[i] == by[j]) throw UsageError(fmt::format("--by names '{}' twice", by[i]));
  for (const std::string& name : by) columns_.push_back(reader.column(name));
  adjacent_ = !columns_.empty();
  for (std::size_t i = 1; i < columns_.size(); ++i)
    adjacent_ = adjacent_ && columns_[i] == columns_[i - 1] + 1;
}

namespace {

// A key's first value ("" for a key of no columns: one group).
std::string_view first_of(const std::vector<std::string>& values) {
  return values.empty() ? std::string_view{} : std::string_view(values.front());
}

// The bytes of a plain row from the first key field to the end of the last.
std::string_view key_span(const Reader& reader, const std::vector<std::size_t>& columns) {
  const std::string_view first = reader.field(columns.front()), last = reader.field(columns.back());
  return {first.data(), static_cast<std::size_t>(last.data() + last.size() - first.data())};
}

}  // namespace

const std::vector<std::string>& GroupKeys::key(std::size_t id) const {
  if (sorted_) return id + 1 == count_ ? current_ : previous_;
  split_key_parts(table_.bytes(id), shown_);
  return shown_;
}

std::size_t GroupKeys::assign_otherwise(const Reader& reader) {
  // Compare in place before building a key, as one span when the key columns are adjacent
  // in a plain line (equal spans are equal fields; unequal spans may still be equal
  // fields, in whitespace-aligned input). assign() has tried the span already.
  const bool span = adjacent_ && reader.fields_in_line();
  if (last_id_ != kNone) {
    bool same = true;
    for (std::size_t i = 0; i < columns_.size() && same; ++i)
      same = reader.field(columns_[i]) == last_fields_[i];
    if (same) {
      span_valid_ = span;
      if (span) last_span_.assign(key_span(reader, columns_));
      return last_id_;
    }
  }
  span_valid_ = span;
  if (span) last_span_.assign(key_span(reader, columns_));
  composite_.clear();
  for (std::size_t c : columns_) append_key_part(composite_, reader.field(c));
  last_fields_.resize(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i)
    last_fields_[i].assign(reader.field(columns_[i]));
  if (sorted_) return assign_new_sorted(reader);
  last_id_ = table_.find_or_add(composite_);
  if (last_id_ == count_) {  // a new key
    const std::string_view first = first_field(reader);
    if (count_ > 0 && first < last_first_) ordered_ = false;
    last_first_.assign(first);
  }
  count_ = table_.size();
  return last_id_;
}

std::size_t GroupKeys::adopt(const GroupKeys& other, std::size_t id) {
  const std::size_t mine = table_.find_or_add(other.table_.bytes(id));
  count_ = table_.size();
  ordered_ = false;  // not followed here
  return mine;
}

bool GroupKeys::may_follow(const GroupKeys& other, bool& carries_on) const {
  carries_on = false;
  std::string mine;
  for (const std::string& value : current_) append_key_part(mine, value);
  // The rest's first group may be this side's latest, carried on across the split.
  const auto carried_on = [&](std::size_t id, std::string_view key) {
    return id == 0 && count_ > 0 && mine == key;
  };
  std::size_t id = 0;
  if (ordered_ && other.ordered_ && count_ > 0) {
    // Keys in order on both sides: only the rest's leading keys under this side's latest
    // first value need a look; once its first value is above, so are all after it.
    std::vector<std::string> values;
    for (; id < other.size(); ++id) {
      const std::string_view key = other.table_.bytes(id);
      split_key_parts(key, values);
      const int order = first_of(values).compare(first_of(current_));
      if (order > 0) return true;
      if (order < 0) break;  // not in order across the split: every key is looked up
      if (carried_on(id, key)) {
        carries_on = true;
        continue;
      }
      if (std::find(under_first_.begin(), under_first_.end(), key_hash(key)) != under_first_.end())
        return false;
    }
    if (id == other.size()) return true;
  }
  SeenKeys every;  // ordered: the hashes of this side's keys, into a table only now
  if (ordered_)
    for (std::uint64_t hash : hashes_) every.insert(hash);
  const SeenKeys& seen = ordered_ ? every : seen_;
  for (; id < other.size(); ++id) {
    const std::string_view key = other.table_.bytes(id);
    if (carried_on(id, key)) {
      carries_on = true;
      continue;
    }
    if (seen.contains(key_hash(key))) return false;
  }
  return true;
}

std::size_t GroupKeys::follow(const GroupKeys& other, std::size_t id) {
  const std::string_view key = other.table_.bytes(id);
  std::vector<std::string> values;
  split_key_parts(key, values);
  begins_anew(key_hash(key), first_of(values));
  std::swap(previous_, current_);
  current_ = std::move(values);
  span_valid_ = false;
  last_id_ = kNone;
  return count_++;
}

std::string_view GroupKeys::first_field(const Reader& reader) const {
  return columns_.empty() ? std::string_view{} : reader.field(columns_.front());
}

void GroupKeys::hash_every_key() {
  ordered_ = false;
  for (std::uint64_t hash : hashes_) seen_.insert(hash);
  hashes_ = {};
  under_first_ = {};
}

bool GroupKeys::begins_anew(std::uint64_t hash, std::string_view first) {
  constexpr std::size_t kUnderFirst = 32;  // looked through one by one
  if (ordered_) {
    const int order = count_ == 0 ? 1 : first.compare(first_of(current_));
    if (order > 0) {
      under_first_.assign(1, hash);
      hashes_.push_back(hash);
      return true;
    }
    if (order == 0 && under_first_.size() < kUnderFirst) {
      if (std::find(under_first_.begin(), under_first_.end(), hash) != under_first_.end())
        return false;
      under_first_.push_back(hash);
      hashes_.push_back(hash);
      return true;
    }
    hash_every_key();  // out of order, or many keys under one first value
  }
  return seen_.insert(hash);
}

std::size_t GroupKeys::assign_new_sorted(const Reader& reader) {
  // A new group starts. Every key is remembered as its group starts, so a key seen before
  // is a group that came back (the current group's own rows never reach here).
  if (!begins_anew(key_hash(composite_), first_field(reader))) {
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

std::string key_of(const Reader& reader, const std::vector<std::size_t>& columns) {
  std::string key;
  for (std::size_t c : columns) append_key_part(key, reader.field(c));
  return key;
}

}  // namespace heq::io
