#pragma once
// Group keys held compactly: every distinct key once, as bytes one after another in
// arena chunks of 1 MiB (no allocation per group, no doubling), found through an
// open-addressing table. A key is its values length-prefixed (7 bits a byte: one byte
// for a value under 128 bytes), so ("a,b","c") and ("a","b,c") stay apart whatever the
// bytes.
#include "io/blocks.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace heq::io {

// Appends one value to a composite key: its length (7 bits a byte, low first), then it.
// A value under 128 bytes (one length byte), the usual key part, inline: each new group
// builds its key.
void append_long_key_part(std::string& composite, std::string_view value);
inline void append_key_part(std::string& composite, std::string_view value) {
  if (value.size() >= 0x80) [[unlikely]]
    return append_long_key_part(composite, value);
  composite.push_back(static_cast<char>(value.size()));
  composite.append(value);
}
// The values of a composite key.
void split_key_parts(std::string_view composite, std::vector<std::string>& values);

std::uint64_t key_hash(std::string_view composite) noexcept;

class KeyTable {
 public:
  std::size_t size() const noexcept { return begins_.size(); }
  // The id of `composite`, a new one (the next number) if it was not there. Ids are
  // limited to 32 bits: a DataError beyond.
  std::size_t find_or_add(std::string_view composite);
  std::string_view bytes(std::size_t id) const noexcept;

 private:
  void grow();
  const char* keep(std::string_view composite);
  struct Slot {
    // The hash's low half: it places the slot (the table is smaller than 2^32 slots), so
    // growing needs no rehash, and its bits above the table's index end most mismatches.
    std::uint32_t tag = 0;
    std::uint32_t id = 0;  // id + 1; 0 is an empty slot
  };
  std::vector<std::unique_ptr<char[]>> chunks_;  // each key whole in one
  std::size_t room_ = 0;                         // bytes left in the last chunk
  char* next_ = nullptr;
  Blocks<const char*> begins_;  // each key's length and bytes
  std::vector<Slot> slots_;
};

// Hashes of keys seen, for --sorted's check that a group does not come back (64-bit
// hashes: a false alarm needs a collision among the groups of one input).
class SeenKeys {
 public:
  // False if the hash was already there.
  bool insert(std::uint64_t hash);
  bool contains(std::uint64_t hash) const noexcept;

 private:
  std::vector<std::uint64_t> slots_;  // 0 marks an empty slot
  std::size_t count_ = 0;
};

}  // namespace heq::io
