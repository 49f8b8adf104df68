#include "tables/plot_common.hpp"

#include "core/period.hpp"

#include "core/error.hpp"
#include "io/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace heq::plot {

std::string describe_group(const Page& page, const std::vector<std::string>& key) {
  std::vector<std::string> parts;
  for (const std::string& entry : page.where) {
    // An entry may hold several comma-separated conditions; only equalities describe.
    std::size_t start = 0;
    while (start < entry.size()) {
      std::size_t comma = entry.find(',', start);
      if (comma == std::string::npos) comma = entry.size();
      const std::string condition = entry.substr(start, comma - start);
      const std::size_t eq = condition.find('=');
      if (eq != std::string::npos && eq > 0 && condition[eq - 1] != '!')
        parts.push_back(condition.substr(0, eq) + " = " + condition.substr(eq + 1));
      start = comma + 1;
    }
  }
  for (std::size_t i = 0; i < key.size() && i < page.by.size(); ++i)
    parts.push_back(page.by[i] + " = " + key[i]);
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

Text page_text(const Page& page, const std::vector<std::string>& key, const std::string& title,
               const std::string& category_title, const std::string& value_title,
               const std::string& facts, bool horizontal) {
  Text t = page.text;
  if (t.title.empty()) t.title = title;
  std::string& category = horizontal ? t.y_title : t.x_title;
  std::string& value = horizontal ? t.x_title : t.y_title;
  if (category.empty()) category = category_title;
  value = with_units(value.empty() ? value_title : value, page.units);
  if (page.subtitle_given) {
    t.subtitle = page.subtitle;
  } else {
    const std::string group = describe_group(page, key);
    t.subtitle = group.empty() ? facts : facts.empty() ? group : group + " \u00b7 " + facts;
  }
  return t;
}

std::string with_units(const std::string& title, const std::string& units) {
  return units.empty() ? title : title + " (" + units + ")";
}

void require_rows(const io::Reader& reader, std::size_t groups) {
  if (groups) return;
  throw DataError(Location{reader.name(), 0, 0}, reader.rows_filtered_out()
                                                     ? "no rows to plot: " + reader.filter_report()
                                                     : "no rows to plot");
}

std::size_t Categories::add(const std::string& label) {
  const auto [it, added] = index_.emplace(label, labels_.size());
  if (added) {
    labels_.push_back(label);
    double v = 0;
    if (numeric_ && io::parse_number(label, v) == io::NumberStatus::ok)
      numbers_.push_back(v);
    else
      numeric_ = false;
  }
  return it->second;
}

std::vector<std::size_t> Categories::finish(bool times) {
  std::vector<std::size_t> order(labels_.size());
  std::iota(order.begin(), order.end(), 0);
  if (numeric_) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return numbers_[a] < numbers_[b]; });
  } else if (times) {
    std::vector<double> starts;
    for (const std::string& label : labels_) {
      const std::optional<Period> p = parse_period(label);
      if (!p) break;
      starts.push_back(p->start);
    }
    if (starts.size() == labels_.size())
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return starts[a] < starts[b]; });
  }
  std::vector<std::size_t> new_index(order.size());
  std::vector<std::string> labels;
  std::vector<double> numbers;
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    labels.push_back(labels_[order[i]]);
    if (numeric_) numbers.push_back(numbers_[order[i]]);
  }
  labels_ = std::move(labels);
  numbers_ = std::move(numbers);
  for (auto& [label, index] : index_) index = new_index[index];
  return new_index;
}

void repeated(const io::Reader& reader, const std::string& what, std::size_t first,
              std::size_t second) {
  throw DataError(
      Location{reader.name(), second, 0},
      fmt::format("{} appears twice in one chart (lines {} and {}): keep one chart's rows with "
                  "--where, or draw one per group with --by and --output-dir",
                  what, first, second));
}

}  // namespace heq::plot
