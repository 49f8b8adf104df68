// heq-plot funnel: points and control limits as heq-funnel computes them.
#include "io/number.hpp"
#include "plot/scale.hpp"
#include "tables/plot_common.hpp"

#include <fmt/format.h>

namespace heq::plot {

std::vector<Drawn> plot_funnel(const Page& page, const rates::FunnelOptions& o,
                               const std::string& label, io::Reader& in, Diagnostics& diagnostics) {
  using rates::FunnelType;
  const double m = o.multiplier > 0 ? o.multiplier : o.type == FunnelType::rate ? 100000 : 100;
  const std::vector<rates::FunnelChart> funnels = rates::funnel_charts(o, in, label, diagnostics);
  require_rows(in, funnels.size());
  std::string x_title, y_title;
  const std::string per = m == 100 ? "%" : "per " + format_label(m, 0);
  if (o.type == FunnelType::proportion) {
    x_title = "Denominator (" + o.population + ")";
    y_title = m == 100 ? "Percentage" : "Proportion " + per;
  } else if (o.type == FunnelType::ratio) {
    x_title = "Expected events (" + o.expected + ")";
    y_title = o.ratio_type == rates::RatioType::count ? "Observed / expected \u2212 1"
                                                      : "Standardised ratio (\u00d7100)";
  } else {
    x_title = "Population per year (from events and rate)";
    y_title = "Rate per " + format_label(m, 0);
  }
  std::vector<Drawn> charts;
  for (const rates::FunnelChart& f : funnels) {
    FunnelPlot p;
    p.limits = f.limits;
    p.baseline = f.baseline;
    if (o.type == FunnelType::proportion) p.ceiling = o.compat_phe ? 100 : m;
    std::size_t drawn = 0;
    for (const auto& point : f.points) {
      p.points.push_back({point.x, point.y, point.significance, point.label});
      drawn += !std::isnan(point.x) && !std::isnan(point.y);
    }
    const int d = decimals_for(f.baseline);
    const bool ratio = o.type == FunnelType::ratio;
    p.baseline_label = ratio ? "No difference" : "Average";
    const std::string facts =
        fmt::format("{} point{}, {} {}", drawn, drawn == 1 ? "" : "s",
                    ratio ? "no difference at" : "average", format_label(f.baseline, d));
    p.text = page_text(page, f.key, "Funnel plot", x_title, y_title, facts);
    const std::string exact =
        "Control limits at 2 (95%) and 3 (99.8%) standard deviations around the average, "
        "as PHEindicatormethods computes them; points are coloured by the same test.";
    const std::string widened =
        "Control limits at 2 (95%) and 3 (99.8%) standard deviations, widened for "
        "overdispersion (Spiegelhalter 2005): " +
        f.limits_text + "; points are coloured by the same test.";
    const bool adjusted = !f.limits_text.empty() && f.limits_text.rfind("exact", 0) != 0;
    p.text.caption = !page.text.caption.empty() ? page.text.caption
                     : adjusted                 ? widened
                     : f.limits_text.empty()    ? exact
                                                : exact + " No overdispersion: " + f.limits_text;
    charts.push_back({f.key, render(p)});
  }
  return charts;
}

}  // namespace heq::plot
