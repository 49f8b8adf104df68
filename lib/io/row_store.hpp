#pragma once
// Whole input rows kept as text, for tools that pass every column through but can only
// compute once a group is complete (quantiles, funnel significance). One buffer for all
// fields, so a row costs its bytes plus 4 bytes a field.
#include "io/reader.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heq::io {

class RowStore {
 public:
  explicit RowStore(std::size_t columns) : columns_(columns) {}

  void add(const Reader& reader) {
    for (std::size_t c = 0; c < columns_; ++c) {
      text_ += reader.field(c);
      ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
  }
  std::size_t size() const { return columns_ ? ends_.size() / columns_ : 0; }
  std::string_view field(std::size_t row, std::size_t column) const {
    const std::size_t i = row * columns_ + column;
    const std::size_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  std::size_t columns_;
  std::string text_;
  std::vector<std::uint32_t> ends_;
};

}  // namespace heq::io
