#pragma once
#include <filesystem>
#include <string>

namespace heq::test {

inline std::string reference_dir() { return HEQ_REFERENCE_DIR; }
inline bool reference_available() { return std::filesystem::is_directory(reference_dir()); }
inline std::string reference_file(const std::string& relative) {
  return reference_dir() + "/" + relative;
}

// Relative difference, with an absolute floor for values near zero.
inline double rel_diff(double got, double want) {
  const double scale = std::max(std::abs(want), 1e-300);
  return std::abs(got - want) / scale;
}

}  // namespace heq::test
