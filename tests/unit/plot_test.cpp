#include "catch.hpp"
#include "core/missing.hpp"
#include "table_io.hpp"
#include "xml_check.hpp"

#include "core/error.hpp"
#include "plot/charts.hpp"
#include "plot/scale.hpp"
#include "plot/svg.hpp"
#include "sii/sii.hpp"
#include "tables/plot.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

using heq::kMissing;

using namespace heq::plot;
using heq::test::check_xml;

namespace {

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

Text page(std::string title = "A chart") {
  Text t;
  t.title = std::move(title);
  t.x_title = "x";
  t.y_title = "y";
  return t;
}

}  // namespace

TEST_CASE("plot: nice ticks step by 1, 2, 2.5 or 5 and cover the data") {
  const Ticks t = nice_ticks(74.1, 85.6);
  CHECK(t.step == 2);
  CHECK(t.lo == 74);
  CHECK(t.hi == 86);
  CHECK(t.values.size() == 7);
  CHECK(t.decimals == 0);

  const Ticks z = nice_ticks(0, 83.4);
  CHECK(z.step == 20);
  CHECK(z.hi == 100);

  for (const auto& [lo, hi] :
       {std::pair{0.0012, 0.0093}, {-3.7, 12.2}, {1e6, 3.3e6}, {-0.5, -0.1}, {5.0, 5.0}}) {
    const Ticks k = nice_ticks(lo, hi);
    CAPTURE(lo, hi, k.step);
    CHECK(k.lo <= std::min(lo, hi));
    CHECK(k.hi >= std::max(lo, hi));
    CHECK(k.values.size() >= 3);
    CHECK(k.values.size() <= 11);
    const double mantissa = k.step / std::pow(10.0, std::floor(std::log10(k.step)));
    CHECK((std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
           std::abs(mantissa - 2.5) < 1e-9 || std::abs(mantissa - 5) < 1e-9));
    for (std::size_t i = 1; i < k.values.size(); ++i)
      CHECK(k.values[i] - k.values[i - 1] == Approx(k.step));
  }
}

TEST_CASE("plot: whole-number axes (years) never step by less than 1") {
  const Ticks years = nice_ticks(2019, 2021, 7, true);
  CHECK(years.step >= 1);
  CHECK(years.decimals == 0);
  const Ticks halves = nice_ticks(2019, 2021, 7, false);
  CHECK(halves.step < 1);  // the control: without `whole`, half-years are picked
}

TEST_CASE("plot: labels separate thousands and use a true minus") {
  CHECK(format_label(12345.6, 1) == "12,345.6");
  CHECK(format_label(1234, 0) == "1234");
  CHECK(format_label(1234567, 0) == "1,234,567");
  CHECK(format_label(-0.5, 1) == "\u22120.5");
  CHECK(format_label(-0.0001, 2) == "0.00");
  CHECK(decimals_for(8.123) == 2);
  CHECK(decimals_for(0.0123) == 4);
  CHECK(decimals_for(1234.5) == 0);
}

TEST_CASE("plot: SVG text is escaped and coordinates are short and stable") {
  std::string out;
  append_escaped(out, "<a & 'b' \"c\">\x01");
  CHECK(out == "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;");
  CHECK(coordinate(2.50) == "2.5");
  CHECK(coordinate(-0.001) == "0");
  CHECK(coordinate(10) == "10");
  CHECK(coordinate(1.234567) == "1.23");
  Svg svg(100, 50, "T & <title>");
  svg.text(1, 2, "x < y & \"z\"", TextStyle{});
  const auto xml = check_xml(svg.finish());
  CHECK(xml.error.empty());
  CHECK(xml.root == "svg");
}

TEST_CASE("plot: the XML checker rejects what a writer gets wrong") {
  CHECK(check_xml("<svg><g></svg>").error.size());
  CHECK(check_xml("<svg a=1/>").error.size());
  CHECK(check_xml("<svg><text>a < b</text></svg>").error.size());
  CHECK(check_xml("<svg><text>a &nbsp; b</text></svg>").error.size());
  CHECK(check_xml("<svg/><svg/>").error.size());
  CHECK(check_xml("<svg a=\"1\" a=\"2\"/>").error.size());
  CHECK(check_xml("<svg><text>a &amp; b</text></svg>").error.empty());
}

TEST_CASE("plot: the SII chart has a column, an error bar and a point per quantile, and the fit") {
  SiiChart c;
  c.text = page("Gradient <by> decile & sex");
  double before = 0;
  for (int q = 1; q <= 5; ++q) {
    const double share = 0.2;
    c.bars.push_back({std::to_string(q), before, before + share, {70.0 + q, 69.0 + q, 71.0 + q}});
    before += share;
  }
  c.fit = {{0, 70.5}, {1, 76.5}};
  const std::string svg = render(c);
  const auto xml = check_xml(svg);
  REQUIRE(xml.error.empty());
  CHECK(xml.classes.at("bar") == 5);
  CHECK(xml.classes.at("errorbar") == 5);
  CHECK(xml.classes.at("point") == 5);
  CHECK(xml.classes.at("fit") == 1);
  CHECK(count(svg, "Gradient &lt;by&gt; decile &amp; sex") == 2);  // <title> and the heading
  CHECK(svg == render(c));                                         // same input, same bytes
}

TEST_CASE("plot: an estimate without limits gets a point but no error bar") {
  ValuesChart c;
  c.text = page();
  c.categories = {"1", "2", "3"};
  c.series = {{"male", {{80, 79, 81}, {81, 80, 82}, {82, kMissing, kMissing}}},
              {"female", {{84, 83, 85}, {kMissing, kMissing, kMissing}, {86, 85, 87}}}};
  const auto xml = check_xml(render(c));
  REQUIRE(xml.error.empty());
  CHECK(xml.classes.at("errorbar") == 4);
  CHECK(xml.classes.at("point") == 5);
}

TEST_CASE("plot: the decomposition has one bar per age band, one segment per non-zero cause") {
  DecomposeChart c;
  c.text = page();
  c.bands = {"0", "1\u20134", "5\u20139", "10+"};
  c.causes = {"cancer", "other"};
  c.contribution = {{0.5, -0.1}, {0.0, 0.2}, {kMissing, 0.3}, {1.2, 0.4}};
  const auto xml = check_xml(render(c));
  REQUIRE(xml.error.empty());
  CHECK(xml.classes.at("bar") == 4);
  CHECK(xml.classes.at("segment") == 6);
  CHECK(xml.classes.at("net") == 4);
}

TEST_CASE("plot: a trend breaks its line at a missing value") {
  TrendChart c;
  c.text = page();
  c.times = {2001, 2002, 2003, 2004, 2005};
  c.series = {{"",
               {{1, 0.5, 1.5},
                {2, 1.5, 2.5},
                {kMissing, kMissing, kMissing},
                {3, 2.5, 3.5},
                {4, 3.5, 4.5}}}};
  const auto xml = check_xml(render(c));
  REQUIRE(xml.error.empty());
  CHECK(xml.classes.at("line") == 2);
  CHECK(xml.classes.at("ribbon") == 2);
  CHECK(xml.classes.at("point") == 4);
}

TEST_CASE("plot: a page too small to plot in is a usage error") {
  ValuesChart c;
  c.text = page();
  c.text.width = 90;
  c.categories = {"a"};
  c.series = {{"", {{1, 0, 2}}}};
  CHECK_THROWS_AS(render(c), heq::UsageError);
}

TEST_CASE("plot: file names from group values are safe and distinct") {
  CHECK(safe_file_name({"North field", "F/M"}) == "North-field_F-M");
  CHECK(safe_file_name({"../etc"}) == "etc");
  CHECK(safe_file_name({""}) == "missing");
  CHECK(safe_file_name({}) == "chart");
}

TEST_CASE("plot: the fitted line recovers the SII and RII at its ends") {
  using namespace heq::sii;
  const std::vector<Quantile> q{
      {1, 100, 10, 0.5}, {2, 300, 14, 0.5}, {3, 200, 15, 0.5}, {4, 250, 19, 0.5}};
  for (const bool transform : {false, true}) {
    for (const double m : {1.0, -100.0}) {
      Options o;
      o.type = ValueType::rate;
      o.transform = transform;
      o.multiplier = m;
      o.ci = CiMethod::analytic;
      const Result r = compute(q, o, ErrorSource::se, 1);
      CAPTURE(transform, m);
      CHECK((fitted(r, o, 1) - fitted(r, o, 0)) * m == Approx(r.sii).epsilon(1e-12));
      const double ratio = fitted(r, o, 1) / fitted(r, o, 0);
      CHECK((m < 0 ? 1 / ratio : ratio) == Approx(r.rii).epsilon(1e-12));
    }
  }
}

TEST_CASE("plot: the SII caption states heq-sii's figures for the same input") {
  const std::string csv =
      "area,quantile,population,value,lowercl,uppercl\n"
      "N,1,7291,75.93,72.72,79.14\nN,2,7997,78.34,75.25,81.44\nN,3,6105,83.84,80.87,86.80\n"
      "N,4,7666,83.64,80.16,87.12\nN,5,5790,80.47,77.13,83.80\n";
  heq::sii::TableOptions t;
  t.method.rii = true;
  const auto rows =
      heq::test::parse_csv(heq::test::run_table(heq::sii::run_sii, t, heq::test::text_input(csv)));
  REQUIRE(rows.size() == 1);
  const double sii = heq::test::num(rows[0], "sii"), lower = heq::test::num(rows[0], "sii_lowercl");
  const int d = decimals_for(sii);

  heq::io::Reader reader(heq::test::text_input(csv));
  heq::Diagnostics diagnostics;
  Page p;
  p.units = "years";
  const auto charts = plot_sii(p, t, reader, diagnostics);
  REQUIRE(charts.size() == 1);
  const std::string& svg = charts[0].svg;
  CHECK(check_xml(svg).error.empty());
  CHECK(svg.find("SII " + format_label(sii, d) + " years (95% CI " + format_label(lower, d) +
                 " to ") != std::string::npos);
}

TEST_CASE("plot: two rows for one subgroup in one chart name both lines") {
  const std::string csv = "area,decile,value\nN,1,80\nN,2,81\nS,1,79\n";
  heq::io::Reader reader(heq::test::text_input(csv));
  SeriesColumns c;
  c.x = "decile";
  try {
    plot_values(Page{}, c, reader);
    FAIL("no error");
  } catch (const heq::DataError& e) {
    CHECK(std::string(e.what()).find("decile '1' appears twice in one chart (lines 2 and 4)") == 0);
  }
  heq::io::Reader by_area(heq::test::text_input(csv));
  Page p;
  p.by = {"area"};
  const auto charts = plot_values(p, c, by_area);
  REQUIRE(charts.size() == 2);
  CHECK(charts[1].key == std::vector<std::string>{"S"});
  CHECK(charts[1].svg.find("area = S") != std::string::npos);
}

TEST_CASE("plot: the compare chart ranks areas, draws the benchmark and colours each verdict") {
  const std::string csv =
      "area,value,lowercl,uppercl,benchmark_value,compared\n"
      "England,79,78.9,79.1,79,\nA,77,76,78,79,Worse\nB,80.5,79.5,81.5,79,Better\nC,79.5,78.5,80.5,"
      "79,Similar\n"
      "D,81,,,79,Not compared\n";
  heq::io::Reader reader(heq::test::text_input(csv));
  const auto charts = plot_compare(Page{}, CompareColumns{}, reader);
  REQUIRE(charts.size() == 1);
  const std::string& svg = charts[0].svg;
  const auto x = check_xml(svg);
  CHECK(x.error.empty());
  CHECK(x.classes.at("point") == 4);     // every area but the benchmark
  CHECK(x.classes.at("errorbar") == 3);  // D has no limits
  CHECK(x.classes.at("benchmark") == 1);
  // Ranked by value, each verdict in its point's tooltip and the legend.
  CHECK(svg.find(">A<") < svg.find(">C<"));
  CHECK(svg.find(">C<") < svg.find(">B<"));
  CHECK(svg.find(">B<") < svg.find(">D<"));
  for (const char* v : {"Worse", "Better", "Similar", "Not compared"}) CHECK(count(svg, v) >= 2);
  CHECK(svg.find("England") != std::string::npos);
}

TEST_CASE(
    "plot: the spine chart has a bar, an interquartile bar, a line and a marker per indicator") {
  const std::string csv =
      "indicator,area,value,benchmark_value,compared\n"
      "LE,England,80,80,\nLE,A,78,80,Worse\nLE,B,82,80,Better\nLE,C,80,80,Similar\nLE,D,79,80,"
      "Similar\n"
      "Smoking,England,14,14,\nSmoking,A,18,14,Worse\nSmoking,B,10,14,Better\nSmoking,C,14,14,"
      "Similar\n";
  heq::io::Reader reader(heq::test::text_input(csv));
  SpineColumns c;
  c.highlight = "A";
  const auto charts = plot_spine(Page{}, c, reader);
  REQUIRE(charts.size() == 1);
  const std::string& svg = charts[0].svg;
  const auto x = check_xml(svg);
  CHECK(x.error.empty());
  CHECK(x.classes.at("range") == 2);
  CHECK(x.classes.at("interquartile") == 2);
  CHECK(x.classes.at("benchmark") == 2);
  CHECK(x.classes.at("point") == 2);
  // LE's spread is 78 to 82 (type 7 quartiles 78.75 and 80.5), in the tooltip.
  CHECK(svg.find("LE: 25th to 75th percentile 78.8 to 80.5") != std::string::npos);
  CHECK(svg.find("LE: A 78.0 (Worse); England 80.0") != std::string::npos);
}

TEST_CASE("plot: --trend puts each series' recent-trend marker in the legend") {
  std::string csv = "year,sex,value,lowercl,uppercl\n";
  for (int y = 2011; y <= 2020; ++y) {
    csv += fmt::format("{},male,{},{},{}\n", y, 70 + y - 2011, 69.8 + y - 2011, 70.2 + y - 2011);
    csv += fmt::format("{},female,{},{},{}\n", y, 80, 79, 81);
  }
  heq::io::Reader reader(heq::test::text_input(csv));
  SeriesColumns c;
  c.x = "year";
  c.series = "sex";
  c.trend = true;
  const auto charts = plot_trend(Page{}, c, reader);
  REQUIRE(charts.size() == 1);
  CHECK(check_xml(charts[0].svg).error.empty());
  CHECK(charts[0].svg.find("male: \u2191 Increasing") != std::string::npos);
  CHECK(charts[0].svg.find("female: No significant change") != std::string::npos);
}
