// heq-plot decompose: heq-decompose's output, one bar per age band (or per cause).
#include "core/age_label.hpp"
#include "core/missing.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "io/row_checks.hpp"
#include "plot/scale.hpp"
#include "tables/plot_common.hpp"

#include <fmt/format.h>

#include <optional>

namespace heq::plot {

namespace {

struct Row {
  std::string band, cause;
  double contribution;
  std::size_t line;
};

// "0", "1\u20134", ..., "90+": each band to the start of the next, the last open.
std::vector<std::string> band_labels(const std::vector<double>& starts) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::string from = io::format_number(starts[i]);
    if (i + 1 == starts.size()) {
      labels.push_back(from + "+");
    } else {
      const double to = starts[i + 1] - 1;
      const bool whole =
          starts[i] == std::floor(starts[i]) && starts[i + 1] == std::floor(starts[i + 1]);
      labels.push_back(!whole            ? from + "\u2013" + io::format_number(starts[i + 1])
                       : to <= starts[i] ? from
                                         : from + "\u2013" + io::format_number(to));
    }
  }
  return labels;
}

}  // namespace

std::vector<Drawn> plot_decompose(const Page& page, const DecomposeColumns& c, io::Reader& in) {
  const std::size_t value = in.column(c.contribution);
  std::optional<std::size_t> age =
      c.age_given ? std::optional(in.column(c.age)) : in.find_column(c.age);
  std::optional<std::size_t> cause =
      c.cause_given ? std::optional(in.column(c.cause)) : in.find_column(c.cause);
  if (!age && !cause)
    throw DataError(Location{in.name(), 1, 0},
                    fmt::format("no '{}' or '{}' column: nothing to draw bars by (--age, --cause)",
                                c.age, c.cause));
  io::GroupKeys keys(in, page.by);
  std::vector<Drawn> charts;
  io::for_each_group<Row>(
      in, keys, false,
      [&](const io::Reader& r) {
        Row row{age ? std::string(r.field(*age)) : "", cause ? std::string(r.field(*cause)) : "",
                r.number(value), r.line()};
        if (age) {
          double start = 0;
          if (io::parse_number(row.band, start) != io::NumberStatus::ok || start < 0)
            io::fail_column(r, *age, fmt::format("'{}' is not an age", row.band));
        }
        return row;
      },
      [&](std::size_t group, std::vector<Row>& rows) {
        Categories bands, causes;
        std::vector<std::size_t> band_of, cause_of;
        for (const Row& r : rows) {
          band_of.push_back(bands.add(age ? r.band : r.cause));
          cause_of.push_back(age && cause ? causes.add(r.cause) : 0);
        }
        const std::vector<std::size_t> moved = bands.finish();
        DecomposeChart chart;
        chart.bands = age ? band_labels(bands.numbers()) : bands.labels();
        if (age && cause) chart.causes = causes.labels();
        const std::size_t parts = std::max<std::size_t>(chart.causes.size(), 1);
        chart.contribution.assign(chart.bands.size(), std::vector<double>(parts, kMissing));
        std::vector<std::vector<std::size_t>> line_at(chart.bands.size(),
                                                      std::vector<std::size_t>(parts, 0));
        double gap = 0;
        std::size_t missing = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
          const std::size_t b = moved[band_of[i]], k = cause_of[i];
          if (line_at[b][k])
            repeated(
                in,
                fmt::format("{}{}", age ? "age band " + rows[i].band : "cause " + rows[i].cause,
                            age && cause ? ", cause " + rows[i].cause : ""),
                line_at[b][k], rows[i].line);
          line_at[b][k] = rows[i].line;
          chart.contribution[b][k] = rows[i].contribution;
          if (std::isnan(rows[i].contribution))
            ++missing;
          else
            gap += rows[i].contribution;
        }
        const std::string unit = page.units.empty() ? "" : " " + page.units;
        std::string facts = missing == rows.size()
                                ? "no contributions (see heq-decompose's note column)"
                                : "total gap " + format_label(gap, decimals_for(gap)) + unit;
        const std::string by = age ? (cause ? "age band and cause" : "age band") : "cause";
        chart.text =
            page_text(page, keys.key(group), "Contributions to the gap in life expectancy by " + by,
                      age ? "Age band" : "Cause", "Contribution to the gap", facts, true);
        std::string caption =
            "Bars to the right of zero widen the gap; bars to the left narrow it.";
        if (missing && missing < rows.size())
          caption +=
              fmt::format(" {} contribution{} missing.", missing, missing == 1 ? " is" : "s are");
        chart.text.caption = page.text.caption.empty() ? caption : page.text.caption;
        charts.push_back({keys.key(group), render(chart)});
      });
  require_rows(in, charts.size());
  return charts;
}

}  // namespace heq::plot
