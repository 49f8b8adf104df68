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
  if (adjacent_) {
    first_column_ = columns_.front();
    last_column_ = columns_.back();
  }
}

GroupKeys GroupKeys::rest_of_split(const Reader& reader, const std::vector<std::string>& by) {
  GroupKeys keys(reader, by, true);
  keys.rest_ = true;
  return keys;
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
  // Sorted, the previous row's key values are the current group's (current_).
  const std::vector<std::string>& last = sorted_ ? current_ : last_fields_;
  // Where fields are cut at single delimiters, a span that differed has a field that does.
  const bool differs = span_valid_ && span && !reader.splits_on_whitespace();
  if (last_id_ != kNone && !differs) {
    bool same = true;
    for (std::size_t i = 0; i < columns_.size() && same; ++i)
      same = reader.field(columns_[i]) == last[i];
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
  if (sorted_) return assign_new_sorted(reader);
  last_fields_.resize(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i)
    last_fields_[i].assign(reader.field(columns_[i]));
  last_id_ = table_.find_or_add(composite_);
  count_ = table_.size();
  return last_id_;
}

std::size_t GroupKeys::adopt(const GroupKeys& other, std::size_t id) {
  const std::size_t mine = table_.find_or_add(other.table_.bytes(id));
  count_ = table_.size();
  return mine;
}

bool GroupKeys::may_follow(const GroupKeys& other, bool& carries_on) const {
  carries_on = false;
  const std::vector<std::uint64_t>& theirs = other.rest_hashes_;
  if (theirs.empty()) return true;
  std::size_t id = 0;
  if (count_ > 0) {
    // The rest's first group may be this side's latest, carried on across the split.
    std::string mine;
    for (const std::string& value : current_) append_key_part(mine, value);
    if (mine == other.first_key_) {
      carries_on = true;
      id = 1;
    }
  }
  if (ordered_ && other.ordered_ && count_ > 0) {
    // Keys in order on both sides: past the rest's leading keys, its first values are
    // above its first key's; when that is above this side's latest, so are all of them;
    // when it is the same, only the leading keys need a look, among those under it here.
    const int order = std::string_view(other.first_first_).compare(first_of(current_));
    if (order > 0) return true;
    if (order == 0) {
      for (; id < other.leading_; ++id)
        if (std::find(under_first_.begin(), under_first_.end(), theirs[id]) != under_first_.end())
          return false;
      return true;
    }
  }
  SeenKeys every;  // ordered: the hashes of this side's keys, into a table only now
  if (ordered_)
    for (std::uint64_t hash : hashes_) every.insert(hash);
  const SeenKeys& seen = ordered_ ? every : seen_;
  for (; id < theirs.size(); ++id)
    if (seen.contains(theirs[id])) return false;
  return true;
}

std::size_t GroupKeys::follow_first(const GroupKeys& other) {
  std::vector<std::string> values;
  split_key_parts(other.first_key_, values);
  begins_anew(key_hash(other.first_key_), first_of(values));
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
  const std::uint64_t hash = key_hash(composite_);
  const std::string_view first = first_field(reader);
  if (rest_) {
    if (count_ == 0) {
      first_key_ = composite_;
      first_first_.assign(first);
    }
    if (leading_ == count_ && first == first_first_) ++leading_;
    rest_hashes_.push_back(hash);
  }
  if (!begins_anew(hash, first)) {
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
