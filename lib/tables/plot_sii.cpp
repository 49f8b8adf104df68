// heq-plot sii: heq-sii's input, read and checked as heq-sii reads it, drawn per group.
#include "io/number.hpp"
#include "plot/scale.hpp"
#include "stats/random.hpp"
#include "tables/plot_common.hpp"

#include <fmt/format.h>

#include <cmath>

namespace heq::plot {

namespace {

std::string figure(double x, int decimals) { return format_label(x, decimals); }

std::string caption_for(const sii::Result& r, const sii::Options& o, const std::string& units) {
  if (std::isnan(r.sii)) return "SII not computed: " + r.note + ".";
  const int d = decimals_for(r.sii);
  const std::string unit = units.empty() ? "" : " " + units;
  const double level = o.levels.empty() ? 0.95 : o.levels[0];
  const std::string ci = io::format_number(std::round(level * 1e6) / 1e4) + "% CI ";
  std::string s = "SII " + figure(r.sii, d) + unit;
  if (!r.sii_ci.empty())
    s += " (" + ci + figure(r.sii_ci[0].lower, d) + " to " + figure(r.sii_ci[0].upper, d) + ")";
  const int dr = std::max(2, decimals_for(r.rii));
  s += "; RII " + figure(r.rii, dr);
  if (!r.rii_ci.empty())
    s += " (" + figure(r.rii_ci[0].lower, dr) + " to " + figure(r.rii_ci[0].upper, dr) + ")";
  s += ". The line is fitted to the values by population-weighted least squares";
  if (o.transform)
    s += o.type == sii::ValueType::rate ? " on the log scale" : " on the logit scale";
  s += "; shaded columns are as wide as each quantile's population share.";
  if (!r.note.empty()) s += " Note: " + r.note + ".";
  return s;
}

}  // namespace

std::vector<Drawn> plot_sii(const Page& page, const sii::TableOptions& t, io::Reader& in,
                            Diagnostics& diagnostics) {
  sii::Options o = t.method;
  o.rii = true;  // the caption states both
  std::vector<Drawn> charts;
  sii::ErrorSource errors = sii::ErrorSource::none;
  std::size_t suppressed = 0;
  const auto ready = [&](sii::ErrorSource e, double input_level) {
    errors = e;
    o.input_level = input_level;
  };
  sii::read_groups(t, in, ready, [&](sii::Group& g) {
    sii::Result r;
    if (g.note.empty()) {
      r = sii::compute(g.quantiles, o, errors, stats::stream_seed(o.seed, g.key));
    } else {
      r.note = g.note;
    }
    if (std::isnan(r.sii)) ++suppressed;

    SiiChart c;
    std::vector<double> populations;
    bool populated = true;
    for (const sii::Quantile& q : g.quantiles) {
      populations.push_back(q.population);
      populated = populated && q.population > 0;
    }
    double total = 0;
    for (double p : populations) total += p;
    double before = 0;
    for (const sii::Quantile& q : g.quantiles) {
      // Without populations the bars cannot be sized: equal widths, said in the caption.
      const double share =
          populated ? q.population / total : 1.0 / static_cast<double>(g.quantiles.size());
      c.bars.push_back(
          {io::format_number(q.label), before, before + share, {q.value, q.lower, q.upper}});
      before += share;
    }
    if (!std::isnan(r.sii)) {
      const int steps = o.transform ? 50 : 1;
      for (int i = 0; i <= steps; ++i) {
        const double b = static_cast<double>(i) / steps;
        c.fit.emplace_back(b, sii::fitted(r, o, b));
      }
    }
    const std::string value_name =
        t.columns.count.empty() ? t.columns.value : t.columns.count + " / " + t.columns.population;
    c.text = page_text(
        page, g.key, "Slope index of inequality: " + value_name + " by " + t.columns.quantile,
        t.columns.quantile + " (1 = most deprived), placed at its relative rank", value_name,
        fmt::format("{} quantiles, population {}", g.quantiles.size(), format_label(total, 0)));
    std::string caption = caption_for(r, o, page.units);
    if (!populated)
      caption += " Some populations are missing or zero: columns are drawn at equal widths.";
    c.text.caption = page.text.caption.empty() ? caption : page.text.caption;
    if (errors == sii::ErrorSource::none)
      c.point_label = "Value";
    else
      c.point_label = errors == sii::ErrorSource::se ? "Value with 95% limits (from --se)"
                                                     : "Value with its limits";
    charts.push_back({g.key, render(c)});
  });
  require_rows(in, charts.size());
  if (suppressed)
    diagnostics.warn(fmt::format("{} of {} chart{} no SII line; the caption says why", suppressed,
                                 charts.size(), charts.size() == 1 ? " has" : "s have"));
  return charts;
}

}  // namespace heq::plot
