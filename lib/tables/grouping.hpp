#pragma once
// The options every grouped table shares, filled by the CLI layer (Tool::fill) from
// --by, --sorted, --confidence and --threads: each tool's options embed one.
#include <string>
#include <vector>

namespace heq {

struct Grouping {
  std::vector<std::string> by;       // one result per group, groups in input order
  bool sorted = false;               // groups are contiguous: each is written as it ends
  std::vector<double> levels{0.95};  // the confidence levels of the limits written
  unsigned threads = 0;              // 0: all cores (tools that run groups in parallel)
};

}  // namespace heq
