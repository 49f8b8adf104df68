#include "cli/plot_command.hpp"

#include "cli/funnel_options.hpp"
#include "cli/sii_options.hpp"
#include "core/error.hpp"
#include "core/missing.hpp"

#include <cmath>

namespace heq::cli {

namespace {

constexpr const char* kCommon =
    "Common options (FILE, -o, --where, --by, --output-dir, --title, --units, --width, ...):\n"
    "see heq-plot --help.";

constexpr const char* kCharts = "sii, values, trend, compare, spine, decompose or funnel";

}  // namespace

PlotCommand::PlotCommand(Tool& tool)
    : tool_(tool), app_(tool.app()), y_min_(kMissing), y_max_(kMissing) {
  tool_.document_output();
  app_.require_subcommand(0, 1);
  app_.allow_extras();  // so that a misspelt chart gets a message naming the charts
  tool_.add_by(Tool::Sorted::no, "Group columns: one chart per group (needs --output-dir)");
  add_page_options();
  add_sii_chart();
  add_series_charts();
  add_compare_charts();
  add_decompose_chart();
  add_funnel_chart();
}

// A chart's own help: what it draws, then examples, as every heq tool's help begins.
CLI::App* PlotCommand::chart(const char* name, const char* summary, const char* examples) {
  CLI::App* sub = app_.add_subcommand(name, summary);
  sub->description(std::string(summary) + "\n\nExamples:\n" + examples);
  sub->footer(kCommon);
  sub->fallthrough();
  return sub;
}

void PlotCommand::add_page_options() {
  const auto text = [&](const char* flag, std::string& target, const char* help) {
    app_.add_option(flag, target, help)->type_name("TEXT");
  };
  app_.add_option("--output-dir", output_dir_, "With --by: write DIR/<group>.svg for every group")
      ->type_name("DIR");
  text("--title", page_.text.title, "Chart title (default: from the columns)");
  text("--subtitle", page_.subtitle, "Subtitle (default: the group and what the data hold)");
  text("--caption", page_.text.caption, "Caption (default: the method and the figures)");
  text("--x-label", page_.text.x_title, "Horizontal axis title");
  text("--y-label", page_.text.y_title, "Vertical axis title");
  text("--units", page_.units, "Units of the values, e.g. years or 'per 100,000'");
  app_.add_option("--width", page_.text.width, "Page width in pixels")
      ->type_name("PX")
      ->check(CLI::Range(200.0, 10000.0))
      ->capture_default_str();
  app_.add_option("--height", page_.text.height, "Page height in pixels")
      ->type_name("PX")
      ->check(CLI::Range(150.0, 10000.0))
      ->capture_default_str();
  app_.add_option("--y-min", y_min_, "Value axis minimum (default: fit the data)")->type_name("Y");
  app_.add_option("--y-max", y_max_, "Value axis maximum")->type_name("Y");
}

void PlotCommand::add_sii_chart() {
  sii_ = chart("sii", "heq-plot sii: the quantile gradient with its fitted SII line",
               R"(  heq-plot sii le.csv --where area=North,sex=male --units years -o gradient.svg
  heq-life deaths.csv --by area,sex,decile --le-age 0 \
    | heq-plot sii --by area,sex --quantile decile --population pops_used --output-dir charts
  heq-plot sii rates.csv --type rate --transform --units "per 100,000" > rates.svg)");
  add_sii_options(tool_, *sii_, sii_options_);
  tool_.add_confidence(Tool::Levels::one, "0.95", sii_);
}

void PlotCommand::add_series_charts() {
  values_ = chart(
      "values", "heq-plot values: estimates with limits by subgroup",
      R"(  heq-plot values le.csv --x decile --series sex --where area=North --units years > le.svg
  heq-plot values smoking.csv --x ethnicity --value prevalence --lcl lower --ucl upper -o smoking.svg)");
  trend_ = chart(
      "trend", "heq-plot trend: estimates with limits over time",
      R"(  heq-plot trend le_trend.csv --time year --series sex --where area=North --units years > trend.svg
  heq-plot trend gap.csv --time period --value gap --lcl gap_lowercl --ucl gap_uppercl > gap.svg)");
  values_columns_.x = "quantile";
  trend_columns_.x = "year";
  for (auto [sub, c] : {std::pair{values_, &values_columns_}, std::pair{trend_, &trend_columns_}}) {
    const bool values = sub == values_;
    add_column(*sub, values ? "--x" : "--time", c->x,
               values ? "Subgroup column" : "Time column (numbers or labels)");
    add_column(*sub, "--value", c->value, "Value column");
    add_column(*sub, "--lcl", c->lower, "Lower limit column (used when present)", &c->lower_given);
    add_column(*sub, "--ucl", c->upper, "Upper limit column", &c->upper_given);
    add_column(*sub, "--series", c->series, "One series (colour) per value of this column");
    tool_.add_input_confidence(sub);
  }
  trend_->add_flag("--trend", trend_columns_.trend,
                   "Give each series' Fingertips recent trend (arrow and words) in the legend");
}

void PlotCommand::add_compare_charts() {
  compare_ =
      chart("compare", "heq-plot compare: areas ranked against a benchmark, coloured by verdict",
            R"(  heq-compare le.csv --benchmark England --match sex --polarity high-good \
    | heq-plot compare --by sex --units years --output-dir charts)");
  plot::CompareColumns& cc = compare_columns_;
  add_column(*compare_, "--area", cc.area, "Area column");
  add_column(*compare_, "--value", cc.value, "Value column");
  add_column(*compare_, "--lcl", cc.lower, "Lower limit column (default: found by name)");
  add_column(*compare_, "--ucl", cc.upper, "Upper limit column");
  tool_.add_input_confidence(compare_);

  spine_ = chart(
      "spine", "heq-plot spine: one area's indicators against every area and England",
      R"(  heq-compare indicators.csv --benchmark England --match indicator --polarity high-good \
    | heq-plot spine --highlight Northfield > spine.svg)");
  plot::SpineColumns& pc = spine_columns_;
  add_column(*spine_, "--indicator", pc.indicator, "Indicator column (one bar each)");
  add_column(*spine_, "--area", pc.area, "Area column");
  add_column(*spine_, "--value", pc.value, "Value column");
  spine_->add_option("--highlight", pc.highlight, "The area to draw")->type_name("AREA");
  spine_->add_option("--polarity", pc.polarity, "high-good or low-good (where best lies)")
      ->type_name("POLARITY")
      ->capture_default_str();
  add_column(*spine_, "--polarity-column", pc.polarity_column,
             "Per-indicator high-good/low-good column");
}

void PlotCommand::add_decompose_chart() {
  decompose_ = chart(
      "decompose", "heq-plot decompose: a gap's contributions by age band and cause",
      R"(  heq-decompose deaths.csv --by area,sex --group decile --from 1 --to 10 --cause cause \
    | heq-plot decompose --by area,sex --units years --output-dir charts
  heq-decompose deaths.csv --group decile --from 1 --to 10 --cause cause --sum-over age \
    | heq-plot decompose --units years > by_cause.svg)");
  plot::DecomposeColumns& dc = decompose_columns_;
  add_column(*decompose_, "--age", dc.age, "Age band start column", &dc.age_given);
  add_column(*decompose_, "--cause", dc.cause, "Cause column (stacks the bars when present)",
             &dc.cause_given);
  add_column(*decompose_, "--contribution", dc.contribution, "Contribution column");
}

void PlotCommand::add_funnel_chart() {
  funnel_ = chart(
      "funnel", "heq-plot funnel: points against funnel control limits",
      R"(  heq-plot funnel screening.csv --count screened --population eligible --label area > funnel.svg
  heq-plot funnel smr.csv --type ratio --count observed --expected expected --label area > smr.svg)");
  add_funnel_options(*funnel_, funnel_options_);
  add_column(*funnel_, "--label", label_, "Column naming each point (shown on hover)");
}

void PlotCommand::check_usage() const {
  const CommonOptions& common = tool_.common();
  const bool charted = sii_->parsed() || values_->parsed() || trend_->parsed() ||
                       decompose_->parsed() || funnel_->parsed() || compare_->parsed() ||
                       spine_->parsed();
  if (!charted) {
    const std::string word =
        common.inputs.empty() || common.inputs[0] == "-" ? "" : common.inputs[0];
    throw UsageError(word.empty() || word.find('.') != std::string::npos
                         ? std::string("give a chart first: ") + kCharts
                         : "'" + word + "' is not a chart: give " + kCharts);
  }
  if (!app_.remaining().empty())
    throw UsageError("unexpected argument '" + app_.remaining().front() + "'");
  if (!common.by.empty() && output_dir_.empty())
    throw UsageError("--by draws one chart per group: give --output-dir DIR for their files");
  if (!output_dir_.empty() && common.by.empty())
    throw UsageError("--output-dir writes one file per group: give --by COLS");
  if (!output_dir_.empty() && !common.output.empty())
    throw UsageError("give -o FILE (one chart) or --output-dir DIR (one per group), not both");
  if (!std::isnan(y_min_) && !std::isnan(y_max_) && !(y_min_ < y_max_))
    throw UsageError("--y-min must be below --y-max");
}

std::vector<plot::Drawn> PlotCommand::draw(io::Reader& in) {
  if (sii_->parsed()) {
    finish_sii_options(tool_, sii_options_);
    tool_.fill(sii_options_);
    return plot::plot_sii(page_, sii_options_, in, tool_.diagnostics());
  }
  if (values_->parsed() || trend_->parsed()) {
    plot::SeriesColumns& c = values_->parsed() ? values_columns_ : trend_columns_;
    c.input_level = tool_.input_level();
    return values_->parsed() ? plot::plot_values(page_, c, in) : plot::plot_trend(page_, c, in);
  }
  if (spine_->parsed()) return plot::plot_spine(page_, spine_columns_, in);
  if (compare_->parsed()) {
    compare_columns_.input_level = tool_.input_level();
    return plot::plot_compare(page_, compare_columns_, in);
  }
  if (decompose_->parsed()) return plot::plot_decompose(page_, decompose_columns_, in);
  tool_.fill(funnel_options_);
  return plot::plot_funnel(page_, funnel_options_, label_, in, tool_.diagnostics());
}

void PlotCommand::run() {
  check_usage();
  const CommonOptions& common = tool_.common();
  page_.text.y_min = y_min_;
  page_.text.y_max = y_max_;
  page_.subtitle_given = app_.get_option("--subtitle")->count() > 0;
  page_.by = common.by;
  page_.where = common.where;
  auto in = tool_.open_input();
  const std::vector<plot::Drawn> charts = draw(*in);
  if (output_dir_.empty()) {
    plot::write_charts(charts, common.by, common.output, "", nullptr);
  } else {
    auto index = tool_.open_output();
    plot::write_charts(charts, common.by, "", output_dir_, index.get());
  }
}

}  // namespace heq::cli
