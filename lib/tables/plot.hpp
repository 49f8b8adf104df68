#pragma once
// heq-plot's table layer: reads the rows a chart needs (the same columns the other
// tools read or write), one chart per --by group, and hands back each chart's SVG.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "plot/charts.hpp"
#include "tables/funnel.hpp"
#include "tables/sii.hpp"

#include <optional>
#include <string>
#include <vector>

namespace heq::plot {

// What the user said about every chart.
struct Page {
  Text text;             // empty strings: the chart's defaults
  std::string subtitle;  // empty: from the data
  std::string units;     // e.g. "years": added to the value axis and the figures
  bool subtitle_given = false;
  std::vector<std::string> by;
  std::vector<std::string> where;  // for the subtitle: which rows were kept
};

struct Drawn {
  std::vector<std::string> key;  // the --by group's values
  std::string svg;
};

std::vector<Drawn> plot_sii(const Page& page, const sii::TableOptions& options, io::Reader& reader,
                            Diagnostics& diagnostics);

struct SeriesColumns {
  std::string x;  // category (values) or time (trend)
  std::string value = "value", lower = "lowercl", upper = "uppercl";
  std::string series;  // empty: one series
  bool lower_given = false, upper_given = false;
  std::optional<double> input_level;  // --input-confidence
  bool trend = false;                 // trend: mark each series' Fingertips recent trend
};
std::vector<Drawn> plot_values(const Page& page, const SeriesColumns& columns, io::Reader& reader);
std::vector<Drawn> plot_trend(const Page& page, const SeriesColumns& columns, io::Reader& reader);

// heq-compare's output: --area, --value with its limits, compared, benchmark_value.
struct CompareColumns {
  std::string area = "area", value = "value", lower, upper;
  std::optional<double> input_level;
};
std::vector<Drawn> plot_compare(const Page& page, const CompareColumns& columns,
                                io::Reader& reader);

// heq-compare's output over many indicators: one area's spine chart.
struct SpineColumns {
  std::string indicator = "indicator", area = "area", value = "value";
  std::string highlight;               // the area drawn (required)
  std::string polarity = "high-good";  // or low-good; --polarity-column per row instead
  std::string polarity_column;
};
std::vector<Drawn> plot_spine(const Page& page, const SpineColumns& columns, io::Reader& reader);

struct DecomposeColumns {
  std::string age = "startage", cause = "cause", contribution = "contribution";
  bool age_given = false, cause_given = false;
};
std::vector<Drawn> plot_decompose(const Page& page, const DecomposeColumns& columns,
                                  io::Reader& reader);

// `label` names a column that labels each point in its tooltip (empty: none).
std::vector<Drawn> plot_funnel(const Page& page, const rates::FunnelOptions& options,
                               const std::string& label, io::Reader& reader,
                               Diagnostics& diagnostics);

// Writes one chart to `output` ("-" or empty: standard output); or, with `directory`,
// every chart to a file named from its group's values, listing group and file on
// `index`. Files appear only once every chart is drawn; each is written atomically.
void write_charts(const std::vector<Drawn>& charts, const std::vector<std::string>& by,
                  const std::string& output, const std::string& directory, io::Writer* index);

// A file name from group values: letters, digits, '.', '_' and '-' kept, the rest '-'.
std::string safe_file_name(const std::vector<std::string>& key);

}  // namespace heq::plot
