// Fuzz target: every tool's input path, from CSV bytes to written output. The first byte
// picks the tool; the rest is its input, whose header should name the columns below
// (the corpus starts from real inputs). Bad data may only end in heq's DataError or
// UsageError; any other exception, a crash or a sanitizer report is a bug.
#include "core/diagnostics.hpp"
#include "core/error.hpp"
#include "io/reader.hpp"
#include "io/sink.hpp"
#include "io/writer.hpp"
#include "tables/aggregate.hpp"
#include "tables/compare.hpp"
#include "tables/dsr.hpp"
#include "tables/funnel.hpp"
#include "tables/gap.hpp"
#include "tables/isr.hpp"
#include "tables/life.hpp"
#include "tables/measures.hpp"
#include "tables/plot.hpp"
#include "tables/quantile.hpp"
#include "tables/rates.hpp"
#include "tables/sii.hpp"
#include "tables/trend.hpp"
#include "tables/yll.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace heq {
namespace {

// Half the compare inputs rank quintiles, half compare limits: chosen by the header width.
bool data_quintiles(const io::Reader& in) { return in.header().size() % 2 == 0; }

void run_tool(int tool, io::Reader& in, io::Writer& out, Diagnostics& d) {
  switch (tool) {
    case 0:
    case 1: {
      sii::TableOptions o;
      o.grouping.by = {"area", "sex"};
      o.method.rii = true;
      o.method.ci = tool == 0 ? sii::CiMethod::analytic : sii::CiMethod::mc;
      o.method.reps = 1000;
      o.grouping.threads = 1;
      return sii::run_sii(o, in, out, d);
    }
    case 2: {
      life::TableOptions o;
      o.grouping.by = {"sex", "decile"};
      o.le_ages = {0, 65};
      o.lifespan = true;
      return life::run_life(o, in, out, d);
    }
    case 3: {
      rates::CountOptions o;
      o.count = "deaths";
      o.grouping.by = {"sex"};
      return rates::run_counts(o, in, out, d);
    }
    case 4: {
      rates::CountOptions o;
      o.statistic = rates::CountStatistic::proportion;
      o.count = "obese";
      o.population = "measured";
      o.multiplier = 100;
      return rates::run_counts(o, in, out, d);
    }
    case 5: {
      rates::MeanOptions o;
      o.value = "deaths";
      o.grouping.by = {"sex"};
      return rates::run_mean(o, in, out, d);
    }
    case 6: {
      rates::DsrOptions o;
      o.count = "deaths";
      o.age = "startage";
      o.grouping.by = {"sex", "decile"};
      return rates::run_dsr(o, in, out, d);
    }
    case 7: {
      rates::IsrOptions o;
      o.count = "deaths";
      o.ref_count = "refdeaths";
      o.ref_population = "refpop";
      o.grouping.by = {"sex"};
      return rates::run_isr(o, in, out, d);
    }
    case 8: {
      rates::QuantileOptions o;
      o.grouping.by = {"area"};
      o.quantiles = 5;
      return rates::run_quantile(o, in, out, d);
    }
    case 9:
    case 10: {
      rates::FunnelOptions o;
      o.count = "obese";
      o.population = "measured";
      o.limits = tool == 10;
      return rates::run_funnel(o, in, out, d);
    }
    case 11: {
      gap::GapOptions o;
      o.group = "quantile";
      o.from = "1";
      o.to = "10";
      o.grouping.by = {"area", "sex"};
      return gap::run_gap(o, in, out, d);
    }
    case 12: {
      gap::DecomposeOptions o;
      o.group = "decile";
      o.from = "1";
      o.to = "2";
      o.grouping.by = {"sex"};
      return gap::run_decompose(o, in, out, d);
    }
    case 13: {
      gap::HleOptions o;
      o.prevalence = "not_good";
      o.sample_size = "sample_size";
      o.grouping.by = {"sex", "decile"};
      return gap::run_hle(o, in, out, d);
    }
    case 14: {
      measures::TableOptions o;
      o.grouping.by = {"indicator", "dimension"};
      o.measures = {"d", "r", "sii", "rii", "aci", "bgv", "mld", "ti", "paf"};
      return measures::run_measures(o, in, out, d);
    }
    case 15: {
      measures::TableOptions o;
      o.outcome = "sba";
      o.grouping.by = {"country"};
      return measures::run_measures(o, in, out, d);
    }
    case 16: {
      tables::AggregateOptions o;
      o.grouping.by = {"sex", "decile"};
      o.sum = {"deaths", "population"};
      o.lookup.path.clear();
      o.sort = true;
      return tables::run_aggregate(o, in, out, d);
    }
    case 17: {
      tables::TrendOptions o;
      o.grouping.by = {"area", "sex"};
      o.time = "quantile";
      o.grouping.levels = {0.95, 0.998};
      return tables::run_trend(o, in, out, d);
    }
    case 18: {
      tables::CompareOptions o;
      o.area = "quantile";
      o.benchmark = "1";
      o.match = {"area", "sex"};
      o.benchmark_file.path.clear();
      o.method =
          data_quintiles(in) ? tables::CompareMethod::quintiles : tables::CompareMethod::ci95;
      return tables::run_compare(o, in, out, d);
    }
    case 19: {
      rates::YllOptions o;
      o.grouping.by = {"area", "sex"};
      o.age = "quantile";
      o.deaths = "value";
      o.stdpop = "population";
      o.window.limit = 8;
      return rates::run_yll(o, in, out, d);
    }
    case 20: {
      gap::DecomposeOptions o;
      o.group = "sex";
      o.from = "male";
      o.to = "female";
      o.method = gap::Method::stepwise;
      o.measure = gap::Measure::sii;
      o.quantile = "decile";
      return gap::run_decompose(o, in, out, d);
    }
    default: {
      plot::Page page;
      sii::TableOptions o;
      o.method.ci = sii::CiMethod::analytic;
      o.grouping.by = {"area", "sex"};
      page.by = o.grouping.by;
      (void)out;
      (void)plot::plot_sii(page, o, in, d);
      return;
    }
  }
}

int fuzz_one(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  io::ReaderOptions ro;
  ro.text = &text;
  ro.path = "fuzz.csv";
  std::string output;
  try {
    io::Reader reader(ro);
    io::WriterOptions wo;
    wo.format = data[0] & 0x80 ? io::Format::json : io::Format::csv;
    io::Writer writer(std::make_unique<io::StringSink>(output), wo);
    Diagnostics diagnostics;
    run_tool(data[0] % 22, reader, writer, diagnostics);
  } catch (const DataError&) {
  } catch (const UsageError&) {
  }
  return 0;
}

}  // namespace
}  // namespace heq

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return heq::fuzz_one(data, size);
}
