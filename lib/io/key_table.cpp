#include "io/key_table.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>

namespace heq::io {

namespace {

void append_length(std::string& to, std::size_t n) {
  for (; n >= 0x80; n >>= 7) to.push_back(static_cast<char>(0x80 | (n & 0x7F)));
  to.push_back(static_cast<char>(n));
}

// Reads a length written by append_length at `at` (in at most `available` bytes), moving
// past it.
std::size_t read_length(const char*& at, std::size_t available) noexcept {
  std::size_t n = 0;
  for (unsigned shift = 0; available-- > 0; shift += 7) {
    const auto byte = static_cast<unsigned char>(*at++);
    n |= std::size_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80)) break;
  }
  return n;
}

constexpr std::size_t kChunk = std::size_t{1} << 20;

}  // namespace

void append_long_key_part(std::string& composite, std::string_view value) {
  append_length(composite, value.size());
  composite.append(value);
}

void split_key_parts(std::string_view composite, std::vector<std::string>& values) {
  values.clear();
  const char* at = composite.data();
  const char* const end = at + composite.size();
  while (at != end) {
    const std::size_t n = std::min(read_length(at, static_cast<std::size_t>(end - at)),
                                   static_cast<std::size_t>(end - at));
    values.emplace_back(at, n);
    at += n;
  }
}

std::string_view KeyTable::bytes(std::size_t id) const noexcept {
  const char* at = begins_[id];
  const std::size_t n = read_length(at, 10);  // a length of up to 64 bits
  return {at, n};
}

const char* KeyTable::keep(std::string_view composite) {
  std::string length;
  append_length(length, composite.size());
  const std::size_t need = length.size() + composite.size();
  if (need > room_) {
    room_ = std::max(kChunk, need);
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(room_));
    next_ = chunks_.back().get();
  }
  char* at = next_;
  std::memcpy(at, length.data(), length.size());
  std::memcpy(at + length.size(), composite.data(), composite.size());
  next_ += need;
  room_ -= need;
  return at;
}

std::uint64_t key_hash(std::string_view composite) noexcept {
  return std::hash<std::string_view>{}(composite);
}

std::size_t KeyTable::find_or_add(std::string_view composite) {
  if (4 * (size() + 1) > 3 * slots_.size()) grow();  // at most three quarters full
  const auto tag = static_cast<std::uint32_t>(key_hash(composite));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == 0) {
      const std::size_t id = size();
      if (id >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw DataError(Location{}, "more than 4,294,967,294 groups");
      slot = {tag, static_cast<std::uint32_t>(id + 1)};
      begins_.push_back(keep(composite));
      return id;
    }
    if (slot.tag == tag && bytes(slot.id - 1) == composite) return slot.id - 1;
  }
}

void KeyTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    std::size_t i = slot.tag & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

bool SeenKeys::insert(std::uint64_t hash) {
  if (hash == 0) hash = 1;
  if (2 * (count_ + 1) > slots_.size()) {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), 0);
    count_ = 0;
    for (std::uint64_t h : old)
      if (h) insert(h);
  }
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return false;
    if (slots_[i] == 0) {
      slots_[i] = hash;
      ++count_;
      return true;
    }
  }
}

bool SeenKeys::contains(std::uint64_t hash) const noexcept {
  if (hash == 0) hash = 1;
  if (slots_.empty()) return false;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return true;
    if (slots_[i] == 0) return false;
  }
}

}  // namespace heq::io
