#include "stats/random.hpp"

namespace heq::stats {

std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t stream_seed(std::uint64_t seed, const std::vector<std::string>& key) noexcept {
  // FNV-1a over the key parts (with a separator byte), then mixed with the seed.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const std::string& part : key) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0x1f;
    h *= 0x100000001b3ULL;
  }
  return mix64(mix64(seed) ^ h);
}

}  // namespace heq::stats
