// heq-plot spine: heq-compare's output across indicators, one chart per --by group.
#include "core/error.hpp"
#include "core/missing.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "stats/percentile.hpp"
#include "tables/plot_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace heq::plot {

namespace {

struct Row {
  std::string indicator, area, verdict, polarity;
  double value, benchmark;
  bool is_benchmark;
};

}  // namespace

std::vector<Drawn> plot_spine(const Page& page, const SpineColumns& c, io::Reader& in) {
  if (c.highlight.empty())
    throw UsageError("give --highlight AREA: the area whose spine chart to draw");
  if (c.polarity != "high-good" && c.polarity != "low-good")
    throw UsageError(
        "--polarity for a spine chart is high-good or low-good (the bar runs from worst to best)");
  const std::size_t indicator = in.column(c.indicator), area = in.column(c.area),
                    value = in.column(c.value);
  const std::size_t verdict = in.column("compared"), bench = in.column("benchmark_value");
  const std::optional<std::size_t> polarity =
      c.polarity_column.empty() ? std::nullopt
                                : std::optional<std::size_t>(in.column(c.polarity_column));
  io::GroupKeys keys(in, page.by);
  std::vector<Drawn> charts;
  io::for_each_group<Row>(
      in, keys, false,
      [&](const io::Reader& r) {
        Row row{std::string(r.field(indicator)),
                std::string(r.field(area)),
                std::string(r.field(verdict)),
                polarity ? std::string(r.field(*polarity)) : c.polarity,
                r.number(value),
                r.number(bench),
                r.is_missing_field(verdict)};
        if (row.polarity != "high-good" && row.polarity != "low-good")
          r.fail(*polarity,
                 fmt::format("polarity \"{}\": expected high-good or low-good", row.polarity));
        return row;
      },
      [&](std::size_t group, std::vector<Row>& rows) {
        SpineChart chart;
        chart.area = c.highlight;
        std::vector<std::string> order;
        std::map<std::string, std::vector<const Row*>> by_indicator;
        for (const Row& r : rows) {
          if (!by_indicator.count(r.indicator)) order.push_back(r.indicator);
          by_indicator[r.indicator].push_back(&r);
        }
        for (const std::string& name : order) {
          SpineRow s;
          s.indicator = name;
          std::vector<double> values;
          bool high_good = true;
          for (const Row* r : by_indicator[name]) {
            if (r->is_benchmark) {
              chart.benchmark_name = r->area;
              s.benchmark = r->value;
              continue;
            }
            if (!std::isnan(r->value)) values.push_back(r->value);
            if (std::isnan(s.benchmark)) s.benchmark = r->benchmark;
            if (r->area == c.highlight) {
              s.value = r->value;
              s.verdict = r->verdict;
              high_good = r->polarity == "high-good";
            }
          }
          std::sort(values.begin(), values.end());
          if (!values.empty()) {
            s.worst = high_good ? values.front() : values.back();
            s.best = high_good ? values.back() : values.front();
            s.p25 = stats::quantile_type7(values, high_good ? 0.25 : 0.75);
            s.p75 = stats::quantile_type7(values, high_good ? 0.75 : 0.25);
          }
          chart.rows.push_back(s);
        }
        if (chart.benchmark_name.empty()) chart.benchmark_name = "Benchmark";
        const std::vector<std::string>& key = keys.key(group);
        chart.text = page_text(page, key, c.highlight + " against " + chart.benchmark_name, "",
                               c.value, fmt::format("{} indicators", chart.rows.size()));
        if (page.text.caption.empty())
          chart.text.caption =
              "Bars: every area's worst to best, the 25th to 75th percentile darker; the line: " +
              chart.benchmark_name + "; the marker: " + c.highlight + ", coloured by heq-compare.";
        charts.push_back({key, render(chart)});
      });
  require_rows(in, charts.size());
  return charts;
}

}  // namespace heq::plot
