#pragma once
// A growing array in fixed blocks of 2^bits elements: never copied as it grows (no
// doubling, no peak of old and new buffers), and an element is two loads away through a
// table small enough to stay in cache.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace heq::io {

template <class T, unsigned bits = 16>
class Blocks {
  static constexpr std::size_t kBlock = std::size_t{1} << bits, kMask = kBlock - 1;

 public:
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return blocks_[i >> bits][i & kMask]; }
  const T& operator[](std::size_t i) const { return blocks_[i >> bits][i & kMask]; }
  void push_back(T value) {
    if ((size_ & kMask) == 0) blocks_.push_back(std::make_unique_for_overwrite<T[]>(kBlock));
    blocks_.back()[size_++ & kMask] = std::move(value);
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace heq::io
