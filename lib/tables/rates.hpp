#pragma once
// Table layers for heq-rate, heq-prop and heq-mean. Rates and proportions work row by
// row (every input column passed through, results appended) or, with --by, per group
// on summed counts and populations. Means are always per group (the whole input when
// there is no --by).
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace heq::rates {

enum class CountStatistic { rate, proportion };

struct CountOptions {
  CountStatistic statistic = CountStatistic::rate;
  std::string count = "count";
  std::string population = "population";
  Grouping grouping;
  double multiplier = 100000;
};

void run_counts(const CountOptions& options, io::Reader& reader, io::Writer& writer,
                Diagnostics& diagnostics);

struct MeanOptions {
  std::string value = "value";
  Grouping grouping;
};

void run_mean(const MeanOptions& options, io::Reader& reader, io::Writer& writer,
              Diagnostics& diagnostics);

}  // namespace heq::rates
