// heq-plot: report-ready SVG charts of gradients, values, trends, gap decompositions
// and funnels, from the CSV the other heq tools read or write.
#include "cli/tool.hpp"
#include "core/error.hpp"
#include "tables/plot.hpp"
#include "stats/confidence.hpp"

#include <cmath>

namespace {

constexpr const char* kSummary =
    "heq-plot: standalone SVG charts (no scripts, fonts or links) of the gradient the SII\n"
    "summarises, values by subgroup, trends, gap decompositions and funnel plots.";

constexpr const char* kExamples = R"(  # LE by decile with its fitted SII line, SII and RII in the caption
  heq-life deaths.csv --by area,sex,decile --le-age 0 --where area=Northfield,sex=female \
    | heq-plot sii --quantile decile --population pops_used --units years -o gradient.svg
  # LE by decile, men and women side by side
  heq-plot values le.csv --x decile --series sex --where area=Northfield --units years > le.svg
  # The gap decomposed by age and cause, one chart per area and sex
  heq-decompose deaths_by_cause.csv --by area,sex --group decile --from 1 --to 10 --cause cause \
    | heq-plot decompose --by area,sex --units years --output-dir charts/
  # A trend with its confidence band, one line per sex
  heq-plot trend le_trend.csv --time year --series sex --units years -o trend.svg
  # Screening coverage against its funnel, areas named in the tooltips
  heq-plot funnel screening.csv --count screened --population eligible --label area -o funnel.svg)";

constexpr const char* kDetails = R"(Charts (heq-plot CHART --help lists each chart's own options):
  sii        quantile values with limits at their relative ranks, over shaded columns
             as wide as their population shares, and the fitted SII line; SII and RII
             with limits in the caption. Reads heq-sii's input with heq-sii's options.
  values     any estimate by subgroup (--x) with its limits, one colour per --series.
  trend      estimates over --time, one line per --series, limits as a band.
  decompose  heq-decompose's output: a bar per age band (or per cause with
             --sum-over age), stacked by cause, the total gap in the subtitle.
  funnel     points against 95% and 99.8% control limits, coloured by significance.
             Reads heq-funnel's input with heq-funnel's options.

One chart per run, to standard output or -o FILE: when the input holds several groups,
  keep one with --where, or give --by COLS --output-dir DIR for one file per group
  (named from the group's values, made safe), listed on standard output as CSV
  (the --by columns and file).

Look: Okabe-Ito colour-blind-safe colours, nice tick steps, axis titles from the column
  names (with --units), a subtitle from the group and the data, text sized for print.
  Value axes fit the data (--y-min, --y-max; decompose's bars always show zero).
  Hovering a point in a browser shows its figures. The same input gives the same bytes.)";

constexpr const char* kCommon =
    "Common options (FILE, -o, --where, --by, --output-dir, --title, --units, --width, ...):\n"
    "see heq-plot --help.";

// A chart's own help: what it draws, then examples, as every heq tool's help begins.
CLI::App* chart(CLI::App& app, const char* name, const char* summary, const char* examples) {
  CLI::App* sub = app.add_subcommand(name, summary);
  sub->description(std::string(summary) + "\n\nExamples:\n" + examples);
  sub->footer(kCommon);
  sub->fallthrough();
  return sub;
}

void column(CLI::App* app, const std::string& flag, std::string& target, const std::string& help) {
  app->add_option(flag, target, help)->type_name("COL")->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  heq::cli::Tool tool("heq-plot", kSummary, kExamples, kDetails);
  tool.document_output();
  CLI::App& app = tool.app();
  app.require_subcommand(0, 1);
  app.allow_extras();  // so that a misspelt chart gets a message naming the charts
  app.add_option("--by", tool.common().by, "Group columns: one chart per group (needs --output-dir)")
      ->type_name("COLS")
      ->delimiter(',')
      ->allow_extra_args(false);

  heq::plot::Page page;
  std::string output_dir;
  double y_min = NAN, y_max = NAN;
  app.add_option("--output-dir", output_dir, "With --by: write DIR/<group>.svg for every group")->type_name("DIR");
  app.add_option("--title", page.text.title, "Chart title (default: from the columns)")->type_name("TEXT");
  app.add_option("--subtitle", page.subtitle, "Subtitle (default: the group and what the data hold)")
      ->type_name("TEXT");
  app.add_option("--caption", page.text.caption, "Caption (default: the method and the figures)")->type_name("TEXT");
  app.add_option("--x-label", page.text.x_title, "Horizontal axis title")->type_name("TEXT");
  app.add_option("--y-label", page.text.y_title, "Vertical axis title")->type_name("TEXT");
  app.add_option("--units", page.units, "Units of the values, e.g. years or 'per 100,000'")->type_name("TEXT");
  app.add_option("--width", page.text.width, "Page width in pixels")
      ->type_name("PX")
      ->check(CLI::Range(200.0, 10000.0))
      ->capture_default_str();
  app.add_option("--height", page.text.height, "Page height in pixels")
      ->type_name("PX")
      ->check(CLI::Range(150.0, 10000.0))
      ->capture_default_str();
  app.add_option("--y-min", y_min, "Value axis minimum (default: fit the data)")->type_name("Y");
  app.add_option("--y-max", y_max, "Value axis maximum")->type_name("Y");

  // sii: heq-sii's columns and method options.
  CLI::App* sii = chart(app, "sii", "heq-plot sii: the quantile gradient with its fitted SII line", R"(  heq-plot sii le.csv --where area=North,sex=male --units years -o gradient.svg
  heq-life deaths.csv --by area,sex,decile --le-age 0 \
    | heq-plot sii --by area,sex --quantile decile --population pops_used --output-dir charts
  heq-plot sii rates.csv --type rate --transform --units "per 100,000" > rates.svg)");
  heq::sii::TableOptions st;
  std::string sii_type = "normal", sii_ci = "mc", confidence = "0.95", input_confidence;
  column(sii, "--quantile", st.columns.quantile, "Quantile label column (1 = most deprived)");
  column(sii, "--population", st.columns.population, "Population column");
  auto* sii_value = sii->add_option("--value", st.columns.value, "Value column")->type_name("COL")->capture_default_str();
  auto* sii_lcl = sii->add_option("--lcl", st.columns.lower, "Lower limit column")->type_name("COL")->capture_default_str();
  auto* sii_ucl = sii->add_option("--ucl", st.columns.upper, "Upper limit column")->type_name("COL")->capture_default_str();
  column(sii, "--se", st.columns.se, "Standard error column (instead of the limits)");
  const auto add_input_confidence = [&](CLI::App* sub) {
    sub->add_option("--input-confidence", input_confidence,
                    "Level of the input limits where their names do not say it (lowercl = 95%)")
        ->type_name("LEVEL");
  };
  add_input_confidence(sii);
  column(sii, "--count", st.columns.count, "Numerator column: the value is count/population");
  sii->add_option("--type", sii_type, "normal, rate or proportion")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"normal", "rate", "proportion"}))
      ->capture_default_str();
  sii->add_flag("--transform", st.method.transform, "Fit on the log (rate) or logit (proportion) scale");
  sii->add_option("--multiplier", st.method.multiplier, "Scale of the SII in the caption (negative: high is bad)")
      ->type_name("M")
      ->capture_default_str();
  sii->add_option("--confidence", confidence, "Confidence level of the caption's limits")
      ->type_name("LEVEL")
      ->capture_default_str();
  sii->add_option("--ci", sii_ci, "mc or analytic")
      ->type_name("METHOD")
      ->check(CLI::IsMember({"mc", "analytic"}))
      ->capture_default_str();
  sii->add_option("--reps", st.method.reps, "Monte Carlo repetitions")->type_name("N")->capture_default_str();
  sii->add_option("--seed", st.method.seed, "Random seed")->type_name("N")->capture_default_str();
  sii->add_option("--quantiles", st.expected_quantiles, "Require exactly N quantiles labelled 1..N")->type_name("N");

  // values and trend: an estimate with limits by category or time.
  CLI::App* values = chart(app, "values", "heq-plot values: estimates with limits by subgroup", R"(  heq-plot values le.csv --x decile --series sex --where area=North --units years > le.svg
  heq-plot values smoking.csv --x ethnicity --value prevalence --lcl lower --ucl upper -o smoking.svg)");
  CLI::App* trend = chart(app, "trend", "heq-plot trend: estimates with limits over time", R"(  heq-plot trend le_trend.csv --time year --series sex --where area=North --units years > trend.svg
  heq-plot trend gap.csv --time period --value gap --lcl gap_lowercl --ucl gap_uppercl > gap.svg)");
  heq::plot::SeriesColumns vc, tc;
  vc.x = "quantile";
  tc.x = "year";
  CLI::Option *v_lcl = nullptr, *v_ucl = nullptr, *t_lcl = nullptr, *t_ucl = nullptr;
  for (auto [sub, c, lcl, ucl] : {std::tuple{values, &vc, &v_lcl, &v_ucl}, std::tuple{trend, &tc, &t_lcl, &t_ucl}}) {
    column(sub, sub == values ? "--x" : "--time", c->x, sub == values ? "Subgroup column" : "Time column (numbers or labels)");
    column(sub, "--value", c->value, "Value column");
    *lcl = sub->add_option("--lcl", c->lower, "Lower limit column (used when present)")
               ->type_name("COL")
               ->capture_default_str();
    *ucl = sub->add_option("--ucl", c->upper, "Upper limit column")->type_name("COL")->capture_default_str();
    column(sub, "--series", c->series, "One series (colour) per value of this column");
    add_input_confidence(sub);
  }
  trend->add_flag("--trend", tc.trend, "Give each series' Fingertips recent trend (arrow and words) in the legend");

  // compare: heq-compare's output.
  CLI::App* compare = chart(app, "compare", "heq-plot compare: areas ranked against a benchmark, coloured by verdict",
                            R"(  heq-compare le.csv --benchmark England --match sex --polarity high-good \
    | heq-plot compare --by sex --units years --output-dir charts)");
  heq::plot::CompareColumns cc;
  column(compare, "--area", cc.area, "Area column");
  column(compare, "--value", cc.value, "Value column");
  column(compare, "--lcl", cc.lower, "Lower limit column (default: found by name)");
  column(compare, "--ucl", cc.upper, "Upper limit column");
  add_input_confidence(compare);

  // spine: heq-compare's output across indicators.
  CLI::App* spine = chart(app, "spine", "heq-plot spine: one area's indicators against every area and England",
                          R"(  heq-compare indicators.csv --benchmark England --match indicator --polarity high-good \
    | heq-plot spine --highlight Northfield > spine.svg)");
  heq::plot::SpineColumns pc;
  column(spine, "--indicator", pc.indicator, "Indicator column (one bar each)");
  column(spine, "--area", pc.area, "Area column");
  column(spine, "--value", pc.value, "Value column");
  spine->add_option("--highlight", pc.highlight, "The area to draw")->type_name("AREA");
  spine->add_option("--polarity", pc.polarity, "high-good or low-good (where best lies)")
      ->type_name("POLARITY")
      ->capture_default_str();
  column(spine, "--polarity-column", pc.polarity_column, "Per-indicator high-good/low-good column");

  // decompose: heq-decompose's output.
  CLI::App* decompose = chart(app, "decompose", "heq-plot decompose: a gap's contributions by age band and cause", R"(  heq-decompose deaths.csv --by area,sex --group decile --from 1 --to 10 --cause cause \
    | heq-plot decompose --by area,sex --units years --output-dir charts
  heq-decompose deaths.csv --group decile --from 1 --to 10 --cause cause --sum-over age \
    | heq-plot decompose --units years > by_cause.svg)");
  heq::plot::DecomposeColumns dc;
  auto* d_age = decompose->add_option("--age", dc.age, "Age band start column")->type_name("COL")->capture_default_str();
  auto* d_cause = decompose->add_option("--cause", dc.cause, "Cause column (stacks the bars when present)")
                      ->type_name("COL")
                      ->capture_default_str();
  column(decompose, "--contribution", dc.contribution, "Contribution column");

  // funnel: heq-funnel's columns and options.
  CLI::App* funnel = chart(app, "funnel", "heq-plot funnel: points against funnel control limits", R"(  heq-plot funnel screening.csv --count screened --population eligible --label area > funnel.svg
  heq-plot funnel smr.csv --type ratio --count observed --expected expected --label area > smr.svg)");
  heq::rates::FunnelOptions fo;
  std::string f_type = "proportion", rate_type = "dsr", ratio_type = "isr", compat, label;
  column(funnel, "--count", fo.count, "Numerator: successes, observed events or events");
  auto* f_population = funnel->add_option("--population", fo.population, "Denominator (proportions; crude rates)")
                           ->type_name("COL")
                           ->capture_default_str();
  column(funnel, "--expected", fo.expected, "Expected events (ratios)");
  column(funnel, "--rate", fo.rate, "Rate column (rates)");
  column(funnel, "--label", label, "Column naming each point (shown on hover)");
  funnel->add_option("--type", f_type, "proportion, ratio or rate")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"proportion", "ratio", "rate"}))
      ->capture_default_str();
  funnel->add_option("--rate-type", rate_type, "dsr or crude (rates)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"dsr", "crude"}))
      ->capture_default_str();
  funnel->add_option("--ratio-type", ratio_type, "isr (x 100) or count (- 1) (ratios)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"isr", "count"}))
      ->capture_default_str();
  funnel->add_option("--multiplier", fo.multiplier, "Scale (default 100 for proportions, 100000 for rates)")
      ->type_name("M");
  funnel->add_option("--years", fo.years, "Years of data the rates cover (rates)")->type_name("N");
  funnel->add_option("--compat", compat, "phe: clip proportion limits at 100 whatever the multiplier")
      ->type_name("phe")
      ->check(CLI::IsMember({"phe"}));

  return tool.run(argc, argv, [&] {
    using namespace heq;
    const cli::CommonOptions& common = tool.common();
    const bool charted = sii->parsed() || values->parsed() || trend->parsed() || decompose->parsed() ||
                         funnel->parsed() || compare->parsed() || spine->parsed();
    if (!charted) {
      const std::string word = common.inputs.empty() || common.inputs[0] == "-" ? "" : common.inputs[0];
      throw UsageError(word.empty() || word.find('.') != std::string::npos
                           ? "give a chart first: sii, values, trend, compare, spine, decompose or funnel"
                           : "'" + word + "' is not a chart: give sii, values, trend, compare, spine, decompose or funnel");
    }
    if (!app.remaining().empty()) throw UsageError("unexpected argument '" + app.remaining().front() + "'");
    if (!common.by.empty() && output_dir.empty())
      throw UsageError("--by draws one chart per group: give --output-dir DIR for their files");
    if (!output_dir.empty() && common.by.empty())
      throw UsageError("--output-dir writes one file per group: give --by COLS");
    if (!output_dir.empty() && !common.output.empty())
      throw UsageError("give -o FILE (one chart) or --output-dir DIR (one per group), not both");
    page.text.y_min = y_min;
    page.text.y_max = y_max;
    if (!std::isnan(y_min) && !std::isnan(y_max) && !(y_min < y_max))
      throw UsageError("--y-min must be below --y-max");
    page.subtitle_given = app.get_option("--subtitle")->count() > 0;
    page.by = common.by;
    page.where = common.where;

    const auto input_level = [&]() -> std::optional<double> {
      if (input_confidence.empty()) return std::nullopt;
      const std::vector<double> l = stats::parse_levels(input_confidence, "--input-confidence");
      if (l.size() != 1) throw UsageError("--input-confidence takes one level");
      return l[0];
    };
    auto in = tool.open_input();
    std::vector<plot::Drawn> charts;
    if (sii->parsed()) {
      st.columns.value_given = sii_value->count() > 0;
      st.columns.lower_given = sii_lcl->count() > 0;
      st.columns.upper_given = sii_ucl->count() > 0;
      st.columns.input_level = input_level();
      st.method.type = sii_type == "rate"         ? sii::ValueType::rate
                       : sii_type == "proportion" ? sii::ValueType::proportion
                                                  : sii::ValueType::normal;
      st.method.ci = sii_ci == "analytic" ? sii::CiMethod::analytic : sii::CiMethod::mc;
      st.method.levels = stats::parse_levels(confidence);
      st.method.levels.resize(1);
      st.by = common.by;
      charts = plot::plot_sii(page, st, *in, tool.diagnostics());
    } else if (values->parsed() || trend->parsed()) {
      const bool is_values = values->parsed();
      plot::SeriesColumns& c = is_values ? vc : tc;
      c.lower_given = (is_values ? v_lcl : t_lcl)->count() > 0;
      c.upper_given = (is_values ? v_ucl : t_ucl)->count() > 0;
      c.input_level = input_level();
      charts = is_values ? plot::plot_values(page, c, *in) : plot::plot_trend(page, c, *in);
    } else if (spine->parsed()) {
      charts = plot::plot_spine(page, pc, *in);
    } else if (compare->parsed()) {
      cc.input_level = input_level();
      charts = plot::plot_compare(page, cc, *in);
    } else if (decompose->parsed()) {
      dc.age_given = d_age->count() > 0;
      dc.cause_given = d_cause->count() > 0;
      charts = plot::plot_decompose(page, dc, *in);
    } else {
      fo.type = f_type == "ratio"  ? rates::FunnelType::ratio
                : f_type == "rate" ? rates::FunnelType::rate
                                   : rates::FunnelType::proportion;
      fo.rate_type = rate_type == "crude" ? rates::RateType::crude : rates::RateType::dsr;
      fo.ratio_type = ratio_type == "count" ? rates::RatioType::count : rates::RatioType::isr;
      fo.population_given = f_population->count() > 0;
      fo.compat_phe = compat == "phe";
      fo.by = common.by;
      charts = plot::plot_funnel(page, fo, label, *in, tool.diagnostics());
    }
    if (output_dir.empty()) {
      plot::write_charts(charts, common.by, common.output, "", nullptr);
    } else {
      auto index = tool.open_output();
      plot::write_charts(charts, common.by, "", output_dir, index.get());
    }
  });
}
