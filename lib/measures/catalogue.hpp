#pragma once
// WHO's 21 summary measures as one table of specs: the measure list, heq-measures'
// --measures help and every applicability rule are read from it, never from names.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace heq::measures {

enum class Dimension { any, ordered, unordered };  // which dimensions (of 3+ subgroups) it takes
enum class Kind {
  difference,
  ratio,
  concentration,
  logistic,
  variance,
  entropy,
  attributable,
  dispersion
};

struct MeasureSpec {
  std::string_view name;   // as --measures and the output spell it
  std::string_view title;  // what it is, for the help
  Kind kind;
  Dimension dimension;
  bool pairwise;         // compares two subgroups: no completeness rule (HEAT)
  bool weighted;         // needs every subgroup's population
  bool needs_reference;  // left out without a reference subgroup (a note when named)
  bool needs_mean;       // needs the mean: populations or a setting average
};

// Every measure, in HEAT's catalogue order.
std::span<const MeasureSpec> catalogue();
const MeasureSpec* find_measure(std::string_view name);  // nullptr: not a measure
// "d, r, aci, ...": the names, for help and error messages.
std::string measure_names(std::string_view separator = ",");

// Whether a measure applies to a dimension (ordered or not) of this many subgroups.
bool applies(const MeasureSpec& spec, bool ordered, std::size_t subgroups);

}  // namespace heq::measures
