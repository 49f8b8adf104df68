#pragma once
// What the rates family's table layers share: appended result columns, pass-through of
// input columns, and writing an estimate with its limits.
#include "core/interval.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <initializer_list>

#include <string>
#include <vector>

namespace heq::rates {

// value, lowercl, uppercl (or the several-level names), note.
std::vector<std::string> result_columns(const std::vector<double>& levels);

// A grouped table's header: the --by columns, the group's totals, then value, the
// limits at every level, note.
std::vector<std::string> group_columns(const Grouping& grouping,
                                       std::initializer_list<const char*> totals);

// Refuses an input column that an appended result column would repeat.
void check_no_clash(const io::Reader& reader, const std::vector<std::string>& appended,
                    std::string_view tool);

// The input columns a pass-through tool copies: all of them except an upstream `note`,
// which is joined into the tool's own note instead (so notes survive a pipe).
class PassThrough {
 public:
  explicit PassThrough(const io::Reader& reader);
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::size_t>& columns() const { return columns_; }
  // The upstream note of a row (empty when the input has none), given a field getter.
  template <class Field>
  std::string_view upstream(Field field) const {
    return note_ == static_cast<std::size_t>(-1) ? std::string_view() : field(note_);
  }
  static std::string join(std::string_view upstream, const std::string& ours);

 private:
  std::vector<std::string> names_;
  std::vector<std::size_t> columns_;
  std::size_t note_ = static_cast<std::size_t>(-1);
};

// Writes value, the limits (empty where missing) and the note (missing when empty).
void write_result(io::Writer& out, double value, const std::vector<Interval>& ci,
                  std::size_t levels, const std::string& note);

// A missing count read as 0 (the UK methods do this) is counted, for one warning.
double count_or_zero(double x, std::size_t& zeroed);

}  // namespace heq::rates
