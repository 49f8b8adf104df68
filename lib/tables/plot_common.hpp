#pragma once
// What heq-plot's table layers share: the page's words, group descriptions and
// categories in a reader's order.
#include "io/reader.hpp"
#include "tables/plot.hpp"

#include <map>
#include <string>
#include <vector>

namespace heq::plot {

// "area = Northfield, sex = male" from --where equalities and the group's key.
std::string describe_group(const Page& page, const std::vector<std::string>& key);

// The chart's text: the user's words where given, else the defaults; --units added to
// the value axis's title (the y axis, or x when `horizontal`); the subtitle from the
// group and `facts` (joined with " · ") unless the user gave one.
Text page_text(const Page& page, const std::vector<std::string>& key, const std::string& title,
               const std::string& category_title, const std::string& value_title,
               const std::string& facts, bool horizontal = false);

// "value (years)".
std::string with_units(const std::string& title, const std::string& units);

// Refuses an input (after --where) with no rows to draw.
void require_rows(const io::Reader& reader, std::size_t groups);

// Labels in order: numerically when every label is a number, else as first seen.
class Categories {
 public:
  std::size_t add(const std::string& label);  // its index in order of first appearance
  // Sorts numeric labels (and, with `times`, periods such as "2019/20" or "2017-19" by
  // their start) and returns the old-to-new index map. Other labels keep input order.
  std::vector<std::size_t> finish(bool times = false);
  const std::vector<std::string>& labels() const { return labels_; }
  const std::vector<double>& numbers() const { return numbers_; }  // when all numeric
  bool numeric() const { return numeric_; }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> labels_;
  std::vector<double> numbers_;
  bool numeric_ = true;
};

// A repeated subgroup in one chart: names both lines and says how to pick one chart.
[[noreturn]] void repeated(const io::Reader& reader, const std::string& what, std::size_t first,
                           std::size_t second);

}  // namespace heq::plot
