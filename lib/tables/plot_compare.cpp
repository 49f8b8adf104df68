// heq-plot compare: heq-compare's output as a ranked chart, one per --by group.
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "stats/confidence.hpp"
#include "tables/plot_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace heq::plot {

namespace {

struct Row {
  std::string area, verdict;
  Estimate e;
  double benchmark;
  bool is_benchmark;
};

}  // namespace

std::vector<Drawn> plot_compare(const Page& page, const CompareColumns& c, io::Reader& in) {
  const std::size_t area = in.column(c.area), value = in.column(c.value);
  const std::size_t verdict = in.column("compared"), bench = in.column("benchmark_value");
  std::optional<std::size_t> lower, upper;
  std::string level;
  if (const auto limits =
          stats::find_value_limits(in.header(), c.value, {"", c.lower, c.upper, c.input_level})) {
    lower = in.column(limits->lower);
    upper = in.column(limits->upper);
    if (limits->level_said) level = stats::level_text(limits->level);
  }
  io::GroupKeys keys(in, page.by);
  std::vector<Drawn> charts;
  io::for_each_group<Row>(
      in, keys, false,
      [&](const io::Reader& r) {
        Row row{std::string(r.field(area)),
                std::string(r.field(verdict)),
                {r.number(value), lower ? r.number(*lower) : kMissing,
                 upper ? r.number(*upper) : kMissing},
                r.number(bench),
                r.is_missing_field(verdict)};
        return row;
      },
      [&](std::size_t group, std::vector<Row>& rows) {
        CompareChart chart;
        std::vector<const Row*> ranked;
        for (const Row& r : rows) {
          if (r.is_benchmark) {
            chart.benchmark_name = r.area;
            continue;
          }
          if (std::isnan(chart.benchmark)) chart.benchmark = r.benchmark;
          ranked.push_back(&r);
        }
        std::stable_sort(ranked.begin(), ranked.end(), [](const Row* a, const Row* b) {
          if (std::isnan(a->e.value) || std::isnan(b->e.value))
            return !std::isnan(a->e.value) && std::isnan(b->e.value);
          return a->e.value < b->e.value;
        });
        for (const Row* r : ranked) {
          chart.areas.push_back(r->area);
          chart.at.push_back(r->e);
          chart.verdicts.push_back(r->verdict);
        }
        if (chart.benchmark_name.empty()) chart.benchmark_name = "Benchmark";
        const std::vector<std::string>& key = keys.key(group);
        chart.text = page_text(
            page, key, c.value + " by " + c.area + " against " + chart.benchmark_name, c.area,
            c.value, fmt::format("{} {} values, ranked", chart.areas.size(), c.area));
        if (page.text.caption.empty())
          chart.text.caption = fmt::format(
              "Each {} with its {}confidence limits, coloured by heq-compare's verdict against {} "
              "(the dashed "
              "line, {}); the verdict is also in each point's tooltip.",
              c.area, level.empty() ? "" : level + " ", chart.benchmark_name,
              std::isnan(chart.benchmark) ? "missing" : io::format_number(chart.benchmark, 2));
        charts.push_back({key, render(chart)});
      });
  require_rows(in, charts.size());
  return charts;
}

}  // namespace heq::plot
