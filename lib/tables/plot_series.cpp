// heq-plot values and trend: estimates by category or time, one series per --series.
#include "core/error.hpp"
#include "core/missing.hpp"
#include "core/period.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_checks.hpp"
#include "stats/confidence.hpp"
#include "tables/plot_common.hpp"
#include "trend/trend.hpp"

#include <fmt/format.h>

#include <optional>

namespace heq::plot {

namespace {

struct Row {
  std::string x, series;
  Estimate e;
  std::size_t line;
};

struct Resolved {
  std::size_t x, value;
  std::optional<std::size_t> lower, upper, series;
  std::string level;             // "95%", or empty where the input does not say
  double z = 1.959963984540054;  // for the limits' level (95% where not said)
};

Resolved resolve(const SeriesColumns& c, const io::Reader& in) {
  Resolved r{in.column(c.x), in.column(c.value), {}, {}, {}, {}};
  const bool given = c.lower_given || c.upper_given;
  if (const auto limits = stats::find_value_limits(
          in.header(), c.value, {"", given ? c.lower : "", given ? c.upper : "", c.input_level})) {
    r.lower = in.column(limits->lower);
    r.upper = in.column(limits->upper);
    if (limits->level_said) r.level = stats::level_text(limits->level);
    r.z = stats::z_for_level(limits->level);
  }
  if (!c.series.empty()) r.series = in.column(c.series);
  return r;
}

Row make_row(const io::Reader& in, const Resolved& col) {
  Row row{std::string(in.field(col.x)),
          col.series ? std::string(in.field(*col.series)) : "",
          {in.number(col.value), kMissing, kMissing},
          in.line()};
  if (in.is_missing_field(col.x))
    in.fail(col.x, fmt::format("column '{}' is empty", in.header()[col.x]));
  if (col.lower) {
    row.e.lower = in.number(*col.lower);
    row.e.upper = in.number(*col.upper);
    io::check_limit_order(in, *col.lower, *col.upper, row.e.lower, row.e.upper);
  }
  return row;
}

// One chart's series and categories, rows placed by (series, category).
struct Grid {
  Categories x;
  std::vector<std::string> names;
  std::vector<Series> series;
};

Grid arrange(std::vector<Row>& rows, const io::Reader& in, const std::string& x_name, bool times) {
  Grid g;
  std::vector<std::size_t> x_of, s_of;
  std::map<std::string, std::size_t> series_index;
  for (const Row& r : rows) {
    x_of.push_back(g.x.add(r.x));
    const auto [it, added] = series_index.emplace(r.series, g.names.size());
    if (added) g.names.push_back(r.series);
    s_of.push_back(it->second);
  }
  const std::vector<std::size_t> moved = g.x.finish(times);
  const std::size_t n = g.x.labels().size();
  std::vector<std::vector<std::size_t>> line_at(g.names.size(), std::vector<std::size_t>(n, 0));
  for (const std::string& name : g.names) g.series.push_back({name, std::vector<Estimate>(n)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t s = s_of[i], x = moved[x_of[i]];
    if (line_at[s][x])
      repeated(in,
               fmt::format("{} '{}'{}", x_name, rows[i].x,
                           g.names[s].empty() ? "" : " of series '" + g.names[s] + "'"),
               line_at[s][x], rows[i].line);
    line_at[s][x] = rows[i].line;
    g.series[s].at[x] = rows[i].e;
  }
  return g;
}

template <class Draw>
std::vector<Drawn> each_chart(const Page& page, const SeriesColumns& c, io::Reader& in, bool times,
                              Draw draw) {
  const Resolved col = resolve(c, in);
  io::GroupKeys keys(in, page.by);
  std::vector<Drawn> charts;
  io::for_each_group<Row>(
      in, keys, false, [&](const io::Reader& r) { return make_row(r, col); },
      [&](std::size_t group, std::vector<Row>& rows) {
        const std::vector<std::string>& key = keys.key(group);
        charts.push_back({key, draw(key, arrange(rows, in, c.x, times), col.lower.has_value(),
                                    col.level, col.z)});
      });
  require_rows(in, charts.size());
  return charts;
}

std::string limits_caption(bool limits, const std::string& level, const Page& page) {
  if (!page.text.caption.empty()) return page.text.caption;
  if (!limits) return "";
  return level.empty()
             ? "Bars and bands show each estimate's confidence limits as given in the input."
             : "Bars and bands show each estimate's " + level + " confidence limits.";
}

}  // namespace

std::vector<Drawn> plot_values(const Page& page, const SeriesColumns& c, io::Reader& in) {
  return each_chart(
      page, c, in, false,
      [&](const std::vector<std::string>& key, Grid g, bool limits, const std::string& level,
          double) {
        ValuesChart chart;
        chart.categories = g.x.labels();
        chart.series = std::move(g.series);
        const std::string facts = fmt::format("{} {} value{}", chart.categories.size(), c.x,
                                              chart.categories.size() == 1 ? "" : "s");
        chart.text = page_text(page, key, c.value + " by " + c.x, c.x, c.value, facts);
        chart.text.caption = limits_caption(limits, level, page);
        return render(chart);
      });
}

std::vector<Drawn> plot_trend(const Page& page, const SeriesColumns& c, io::Reader& in) {
  return each_chart(
      page, c, in, true,
      [&](const std::vector<std::string>& key, Grid g, bool limits, const std::string& level,
          double z) {
        TrendChart chart;
        if (g.x.numeric())
          chart.times = g.x.numbers();
        else
          chart.labels = g.x.labels();
        if (c.trend) {
          if (!limits)
            throw UsageError("--trend tests the estimates with their limits: the input has none");
          for (const Series& s : g.series) {
            std::vector<trend::Point> points;
            for (std::size_t i = 0; i < s.at.size(); ++i) {
              trend::Point p;
              p.time = g.x.numeric() ? g.x.numbers()[i] : static_cast<double>(i);
              if (!g.x.numeric())
                if (const auto period = parse_period(g.x.labels()[i])) p.time = period->start;
              p.value = s.at[i].value;
              p.se = (s.at[i].upper - s.at[i].lower) / (2 * z);
              points.push_back(p);
            }
            while (!points.empty() && std::isnan(points.back().value) &&
                   std::isnan(points.back().se))
              points.pop_back();
            const trend::Marker m = trend::recent_trend(points, trend::Kind::other, false, false);
            const char* arrow = m.trend == "Increasing"   ? "\u2191 "
                                : m.trend == "Decreasing" ? "\u2193 "
                                                          : "";
            chart.verdicts.push_back(
                arrow + m.trend + (m.trend == "Cannot be calculated" ? " (" + m.reason + ")" : ""));
          }
        }
        chart.series = std::move(g.series);
        const std::vector<std::string>& labels = g.x.labels();
        const std::string facts = labels.empty() ? "" : labels.front() + " to " + labels.back();
        chart.text = page_text(page, key, c.value + " over " + c.x, c.x, c.value, facts);
        chart.text.caption = limits_caption(limits, level, page);
        if (c.trend && page.text.caption.empty())
          chart.text.caption +=
              " The legend gives each series' recent trend: OHID Fingertips' marker on its last "
              "five "
              "points (heq-trend).";
        return render(chart);
      });
}

}  // namespace heq::plot
