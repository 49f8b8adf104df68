#pragma once
// The writer's bytes on their way to the sink. A cell asks for room and is written in
// place (a separator and a number at once, straight from the digits): std::string's
// appends check capacity and store the size per call, and a number went through a copy.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace heq::io {

class OutBuffer {
 public:
  std::size_t size() const noexcept { return used_; }
  bool empty() const noexcept { return used_ == 0; }
  std::string_view view() const noexcept { return {data_.get(), used_}; }
  void clear() noexcept { used_ = 0; }

  // At least n writable bytes from the returned pointer; commit(end) keeps those before
  // end (bytes written past it are not output).
  char* room(std::size_t n) {
    if (capacity_ - used_ < n) [[unlikely]]
      grow(n);
    return data_.get() + used_;
  }
  void commit(const char* end) noexcept { used_ = static_cast<std::size_t>(end - data_.get()); }

  OutBuffer& operator+=(char c) {
    *room(1) = c;
    ++used_;
    return *this;
  }
  OutBuffer& operator+=(std::string_view s) {
    char* const to = room(s.size());
    if (!s.empty()) std::memcpy(to, s.data(), s.size());
    used_ += s.size();
    return *this;
  }

 private:
  void grow(std::size_t n) {
    const std::size_t capacity = std::max({2 * capacity_, used_ + n, std::size_t{1} << 17});
    auto data = std::make_unique_for_overwrite<char[]>(capacity);
    if (used_) std::memcpy(data.get(), data_.get(), used_);
    data_ = std::move(data);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t used_ = 0, capacity_ = 0;
};

}  // namespace heq::io
