#include "io/key_table.hpp"

#include "core/error.hpp"

#include <cstring>
#include <functional>
#include <limits>

namespace heq::io {

void append_key_part(std::string& composite, std::string_view value) {
  const std::uint32_t n = static_cast<std::uint32_t>(value.size());
  composite.append(reinterpret_cast<const char*>(&n), sizeof n);
  composite.append(value);
}

void split_key_parts(std::string_view composite, std::vector<std::string>& values) {
  values.clear();
  while (!composite.empty()) {
    std::uint32_t n;
    std::memcpy(&n, composite.data(), sizeof n);
    values.emplace_back(composite.substr(sizeof n, n));
    composite.remove_prefix(sizeof n + n);
  }
}

std::uint64_t key_hash(std::string_view composite) noexcept {
  return std::hash<std::string_view>{}(composite);
}

std::size_t KeyTable::find_or_add(std::string_view composite) {
  if (2 * (size() + 1) > slots_.size()) grow();
  const auto tag = static_cast<std::uint32_t>(key_hash(composite));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == 0) {
      const std::size_t id = size();
      if (id >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw DataError(Location{}, "more than 4,294,967,294 groups");
      slot = {tag, static_cast<std::uint32_t>(id + 1)};
      arena_.append(composite);
      starts_.push_back(arena_.size());
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

}  // namespace heq::io
