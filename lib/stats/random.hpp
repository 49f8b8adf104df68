#pragma once
// Seeded normal draws that give the same numbers on every machine and thread count:
// a fixed engine (64-bit Mersenne Twister, its output fixed by the standard) through
// Boost.Random's normal distribution (fixed code, unlike std::normal_distribution),
// one stream per group, derived from the seed and the group's key rather than its
// position, so a group's interval does not change when other groups come or go.
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace heq::stats {

inline constexpr std::uint64_t kDefaultSeed = 20240101;

// A well-mixed 64-bit value (splitmix64's finaliser).
std::uint64_t mix64(std::uint64_t x) noexcept;

// The stream seed for one group: the user's seed combined with the group's key text.
std::uint64_t stream_seed(std::uint64_t seed, const std::vector<std::string>& key) noexcept;

class NormalDraws {
 public:
  explicit NormalDraws(std::uint64_t seed) : engine_(seed) {}
  double operator()() { return normal_(engine_); }

 private:
  boost::random::mt19937_64 engine_;
  boost::random::normal_distribution<double> normal_;
};

}  // namespace heq::stats
