#pragma once
// heq-plot's command line: the page options, one subcommand a chart (each chart's
// options registered here; sii and funnel through their tools' own registrations), and
// the run that draws the chart the command line chose.
#include "cli/tool.hpp"
#include "tables/plot.hpp"

namespace heq::cli {

class PlotCommand {
 public:
  explicit PlotCommand(Tool& tool);
  void run();  // inside Tool::run

 private:
  CLI::App* chart(const char* name, const char* summary, const char* examples);
  void add_page_options();
  void add_sii_chart();
  void add_series_charts();
  void add_compare_charts();
  void add_decompose_chart();
  void add_funnel_chart();
  void check_usage() const;
  std::vector<plot::Drawn> draw(io::Reader& in);

  Tool& tool_;
  CLI::App& app_;
  plot::Page page_;
  std::string output_dir_;
  double y_min_, y_max_;
  CLI::App *sii_ = nullptr, *values_ = nullptr, *trend_ = nullptr, *compare_ = nullptr,
           *spine_ = nullptr, *decompose_ = nullptr, *funnel_ = nullptr;
  sii::TableOptions sii_options_;
  plot::SeriesColumns values_columns_, trend_columns_;
  plot::CompareColumns compare_columns_;
  plot::SpineColumns spine_columns_;
  plot::DecomposeColumns decompose_columns_;
  rates::FunnelOptions funnel_options_;
  std::string label_;
};

}  // namespace heq::cli
