#include "measures/catalogue.hpp"

#include <array>

namespace heq::measures {

namespace {

using enum Kind;
constexpr Dimension kAny = Dimension::any, kOrdered = Dimension::ordered,
                    kUnordered = Dimension::unordered;

// name, title, kind, dimension, pairwise, weighted, needs_reference, needs_mean
constexpr std::array<MeasureSpec, 21> kCatalogue{{
    {"d", "difference", difference, kAny, true, false, false, false},
    {"r", "ratio", ratio, kAny, true, false, false, false},
    {"aci", "absolute concentration index", concentration, kOrdered, false, true, false, true},
    {"rci", "relative concentration index", concentration, kOrdered, false, true, false, true},
    {"sii", "slope index of inequality", logistic, kOrdered, false, true, false, true},
    {"rii", "relative index of inequality", logistic, kOrdered, false, true, false, true},
    {"bgv", "between-group variance", variance, kUnordered, false, true, false, true},
    {"bgsd", "between-group standard deviation", dispersion, kUnordered, false, true, false, true},
    {"cov", "coefficient of variation", dispersion, kUnordered, false, true, false, true},
    {"mdmu", "mean difference from mean, unweighted", dispersion, kUnordered, false, false, false,
     true},
    {"mdmw", "mean difference from mean, weighted", dispersion, kUnordered, false, true, false,
     true},
    {"mdbu", "mean difference from best, unweighted", dispersion, kUnordered, false, false, false,
     false},
    {"mdbw", "mean difference from best, weighted", dispersion, kUnordered, false, true, false,
     false},
    {"mdru", "mean difference from reference, unweighted", dispersion, kUnordered, false, false,
     true, false},
    {"mdrw", "mean difference from reference, weighted", dispersion, kUnordered, false, true, true,
     false},
    {"idisu", "index of disparity, unweighted", dispersion, kUnordered, false, false, false, true},
    {"idisw", "index of disparity, weighted", dispersion, kUnordered, false, true, false, true},
    {"mld", "mean log deviation", entropy, kUnordered, false, true, false, true},
    {"ti", "Theil index", entropy, kUnordered, false, true, false, true},
    {"paf", "population attributable fraction", attributable, kAny, false, true, false, true},
    {"par", "population attributable risk", attributable, kAny, false, true, false, true},
}};

}  // namespace

std::span<const MeasureSpec> catalogue() { return kCatalogue; }

const MeasureSpec* find_measure(std::string_view name) {
  for (const MeasureSpec& s : kCatalogue)
    if (s.name == name) return &s;
  return nullptr;
}

std::string measure_names(std::string_view separator) {
  std::string out;
  for (const MeasureSpec& s : kCatalogue) {
    if (!out.empty()) out += separator;
    out += s.name;
  }
  return out;
}

bool applies(const MeasureSpec& spec, bool ordered, std::size_t subgroups) {
  switch (spec.dimension) {
    case Dimension::any:
      return subgroups >= 2;
    case Dimension::ordered:
      return ordered && subgroups > 2;
    case Dimension::unordered:
      return !ordered && subgroups > 2;
  }
  return false;
}

}  // namespace heq::measures
