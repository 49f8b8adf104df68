// heq-synth: deterministic synthetic inputs for heq's examples and benchmarks.
// Not a statistical model of anywhere real; shaped like real data: mortality rising
// with age (Gompertz) and with deprivation, men above women, counts drawn as Poisson.
//
//   heq-synth sii --groups N [--quantiles Q] [--seed S] [--names A,B,...]
//       life-expectancy-like values with 95% limits by quantile, sex and area
//   heq-synth trend --groups N [--seed S] [--names A,B,...]
//       life expectancy with 95% limits by year (2001-2020), sex and area: rising
//       until 2011, stalling after
//   heq-synth coverage --groups N [--seed S] [--names A,B,...]
//       screening coverage: eligible and screened people by area
//   heq-synth survey --groups N [--seed S]
//       a household survey's respondents (HEAT's individual layout): N clusters (PSUs)
//       in strata of 8, about 15 respondents each, wealth quintile, survey weight and a
//       0/1 outcome (a skilled attendant at birth) rising with wealth
//   heq-synth deaths --groups N [--quantiles Q] [--seed S] [--names A,B,...]
//                    [--layout phe|85|single] [--causes] [--health]
//       deaths and populations (3 pooled years) by age band, decile, sex and area;
//       --causes splits deaths into five causes (one row per cause, population repeated);
//       --health adds the prevalence of not good health and a survey sample size;
//       --years N adds a year column (2011 on): mortality falls 1% a year while the
//       deprivation gradient widens 4% a year
//   heq-synth indicators --groups N [--seed S]
//       six Fingertips-like indicators (value with 95% limits, polarity) for N areas and
//       England (their mean)
//   heq-synth lsoa --groups N [--seed S] [--names A,B,...] [--lookup FILE]
//       small-area rows: deaths and populations (3 pooled years) by LSOA, sex and age
//       band, 60 LSOAs per area; --lookup writes LSOA -> area and deprivation score
//
// Output is CSV on stdout. The same arguments give the same bytes on every machine
// (fixed engine, own transforms, fixed formatting).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

struct Rng {
  std::mt19937_64 engine;
  explicit Rng(std::uint64_t seed) : engine(seed) {}
  double uniform() { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }
  double normal() {  // Box-Muller on our own uniforms: fixed code
    const double u = 1 - uniform(), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
  // Poisson counts: inversion for small means, a rounded normal for large ones.
  long poisson(double mean) {
    if (mean > 60) return std::max(0L, std::lround(mean + std::sqrt(mean) * normal()));
    const double limit = std::exp(-mean);
    long k = 0;
    for (double p = uniform(); p > limit; p *= uniform()) ++k;
    return k;
  }
};

struct Args {
  std::string what;
  long groups = 2;
  int quantiles = 10;
  std::uint64_t seed = 42;
  std::vector<std::string> names;  // area names; default A00001, A00002, ...
  std::string layout = "phe";
  bool causes = false;
  bool health = false;
  std::string lookup;  // lsoa: where to write the LSOA lookup
  int years = 0;       // deaths: one table per year from 2011
};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t comma; (comma = s.find(',', start)) != std::string::npos; start = comma + 1)
    parts.push_back(s.substr(start, comma - start));
  parts.push_back(s.substr(start));
  return parts;
}

std::string area_name(const Args& a, long g) {
  return g < static_cast<long>(a.names.size()) ? a.names[g] : fmt::format("A{:05}", g + 1);
}

Args parse(int argc, char** argv) {
  Args a;
  if (argc < 2) {
    std::fputs(
        "usage: heq-synth sii|deaths|lsoa|indicators|trend|coverage|survey [--groups N] "
        "[--quantiles Q] [--seed S] [--names A,B] "
        "[--layout phe|85|single]\n",
        stderr);
    std::exit(2);
  }
  a.what = argv[1];
  for (int i = 2; i < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--causes" || k == "--health") {
      (k == "--causes" ? a.causes : a.health) = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "heq-synth: %s needs a value\n", k.c_str());
      std::exit(2);
    }
    const char* v = argv[i + 1];
    if (k == "--groups")
      a.groups = std::atol(v);
    else if (k == "--quantiles")
      a.quantiles = std::atoi(v);
    else if (k == "--seed")
      a.seed = std::strtoull(v, nullptr, 10);
    else if (k == "--names")
      a.names = split(v);
    else if (k == "--layout")
      a.layout = v;
    else if (k == "--lookup")
      a.lookup = v;
    else if (k == "--years")
      a.years = std::atoi(v);
    else {
      std::fprintf(stderr, "heq-synth: unknown option %s\n", k.c_str());
      std::exit(2);
    }
  }
  return a;
}

// Life expectancy by quantile for one area: a deprivation gradient plus noise, with
// standard errors that grow as populations shrink.
void sii(const Args& a) {
  Rng rng(a.seed);
  std::string out = "area,sex,quantile,population,value,lowercl,uppercl\n";
  for (long g = 0; g < a.groups; ++g) {
    const double base = 80 + 2 * rng.normal();
    const double gradient = 6 + 2 * rng.uniform();
    for (int sex = 1; sex <= 2; ++sex) {
      for (int q = 1; q <= a.quantiles; ++q) {
        const double pop = std::round(6000 + 3000 * rng.uniform());
        const double rank = (q - 0.5) / a.quantiles;
        const double le =
            base + (sex == 2 ? 3.8 : 0) - gradient / 2 + gradient * rank + 0.8 * rng.normal();
        const double se = 0.8 * std::sqrt(8000 / pop) * (0.8 + 0.4 * rng.uniform());
        const double half = 1.959963984540054 * se;
        out += fmt::format("{},{},{},{},{:.3f},{:.3f},{:.3f}\n", area_name(a, g),
                           sex == 1 ? "male" : "female", q, pop, le, le - half, le + half);
        if (out.size() > (1 << 20)) {
          std::fwrite(out.data(), 1, out.size(), stdout);
          out.clear();
        }
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// Life expectancy over time: gains of a quarter of a year a year to 2011, a stall after.
void trend(const Args& a) {
  Rng rng(a.seed);
  std::string out = "area,sex,year,value,lowercl,uppercl\n";
  for (long g = 0; g < a.groups; ++g) {
    const double base = 77 + 1.5 * rng.normal();
    for (int sex = 1; sex <= 2; ++sex) {
      for (int year = 2001; year <= 2020; ++year) {
        const double trend = 0.25 * (std::min(year, 2011) - 2001) + 0.03 * std::max(0, year - 2011);
        const double le =
            base + (sex == 2 ? 4.2 - 0.05 * (year - 2001) : 0) + trend + 0.15 * rng.normal();
        const double half = 1.959963984540054 * 0.3;
        out += fmt::format("{},{},{},{:.3f},{:.3f},{:.3f}\n", area_name(a, g),
                           sex == 1 ? "male" : "female", year, le, le - half, le + half);
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// Screening coverage: most areas near the national level, a few well above or below.
void coverage(const Args& a) {
  Rng rng(a.seed);
  std::string out = "area,eligible,screened\n";
  for (long g = 0; g < a.groups; ++g) {
    const double eligible = std::round(std::exp(8.2 + 0.9 * rng.normal()));
    double p = 0.72 + 0.015 * rng.normal();
    if (rng.uniform() < 0.15) p += (rng.uniform() < 0.5 ? -1 : 1) * (0.03 + 0.04 * rng.uniform());
    const double sd = std::sqrt(eligible * p * (1 - p));
    const double screened = std::clamp(std::round(eligible * p + sd * rng.normal()), 0.0, eligible);
    out += fmt::format("{},{},{}\n", area_name(a, g), eligible, screened);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// A two-stage household survey: clusters within strata, weights varying by stratum and
// household; wealth clusters geographically, and the outcome rises with wealth and varies
// between clusters.
void survey(const Args& a) {
  Rng rng(a.seed);
  std::string out =
      "id,strata,psu,weight,subgroup,subgroup_order,sba,favourable_indicator,indicator_scale\n";
  const char* names[] = {"Quintile 1 (poorest)", "Quintile 2", "Quintile 3", "Quintile 4",
                         "Quintile 5 (richest)"};
  long id = 0;
  for (long c = 0; c < a.groups; ++c) {
    const long stratum = c / 8 + 1;
    const double stratum_weight = std::exp(0.4 * std::sin(static_cast<double>(stratum)));
    const double wealth = rng.normal();
    const double cluster = 0.5 * rng.normal();
    const int people = 10 + static_cast<int>(10 * rng.uniform());
    for (int i = 0; i < people; ++i) {
      const double w = wealth + 0.8 * rng.normal();
      const double z = w / std::sqrt(1.64);  // standard normal: cut at its quintiles
      const int q = 1 + (z > -0.8416) + (z > -0.2533) + (z > 0.2533) + (z > 0.8416);
      const double p = 1 / (1 + std::exp(-(-0.6 + 0.55 * (q - 1) + cluster)));
      const int outcome = rng.uniform() < p ? 1 : 0;
      const double weight = stratum_weight * (0.8 + 0.4 * rng.uniform());
      out += fmt::format("{},{},{},{:.6f},{},{},{},1,100\n", ++id, stratum, c + 1, weight,
                         names[q - 1], q, outcome);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// Band start ages for a layout: the UK's 0, 1, 5, ..., 90+, the same ending at 85+, or
// single years 0..100+.
std::vector<int> layout_ages(const std::string& layout) {
  std::vector<int> ages;
  if (layout == "single") {
    for (int x = 0; x <= 100; ++x) ages.push_back(x);
    return ages;
  }
  ages = {0, 1};
  for (int x = 5; x <= (layout == "85" ? 85 : 90); x += 5) ages.push_back(x);
  return ages;
}

// Shares of deaths by cause at an age, before deprivation: external causes among the
// young, cancer in middle age, circulatory and respiratory disease in old age.
constexpr const char* kCauses[] = {"circulatory", "cancer", "respiratory", "external", "other"};

std::vector<double> cause_weights(double age, double deprivation) {
  const double circulatory = 0.05 + 0.30 / (1 + std::exp(-(age - 60) / 8));
  const double cancer = 0.05 + 0.35 * std::exp(-std::pow((age - 65) / 15, 2));
  const double respiratory =
      (0.04 + 0.12 / (1 + std::exp(-(age - 70) / 6))) * (1 + 0.5 * deprivation);
  const double external = 0.03 + 0.55 * std::exp(-std::pow((age - 25) / 12, 2));
  const double other = 0.20;
  return {circulatory * (1 + 0.3 * deprivation), cancer * (1 + 0.15 * deprivation), respiratory,
          external, other};
}

// Gompertz mortality from age 30 with a childhood floor, higher for men and in more
// deprived deciles; populations thin out with age.
void deaths(const Args& a) {
  Rng rng(a.seed);
  const std::vector<int> ages = layout_ages(a.layout);
  std::string out = a.years ? "year," : "";
  out += a.causes ? "area,sex,decile,startage,cause,deaths,population"
                  : "area,sex,decile,startage,deaths,population";
  out += a.health ? ",not_good,sample_size\n" : "\n";
  for (int year = 0; year < std::max(1, a.years); ++year) {
    const std::string year_text = a.years ? fmt::format("{},", 2011 + year) : "";
    for (long g = 0; g < a.groups; ++g) {
      const double area_level = 0.15 * rng.normal() - 0.01 * year;
      const double area_size = 0.6 + 0.8 * rng.uniform();
      for (int sex = 1; sex <= 2; ++sex) {
        for (int q = 1; q <= a.quantiles; ++q) {
          const double rank = (q - 0.5) / a.quantiles;
          const double frailty =
              std::exp(area_level + 0.8 * (1 + 0.04 * year) * (0.5 - rank) + (sex == 1 ? 0.3 : 0));
          const double size = area_size * (0.85 + 0.3 * rng.uniform());
          for (std::size_t i = 0; i < ages.size(); ++i) {
            const double x = ages[i];
            const double width = i + 1 < ages.size() ? ages[i + 1] - x : 10;
            const double mid = x + width / 2;
            double m = x == 0 ? 0.0045 : 0.00012 + std::exp(-10.4 + 0.092 * mid);
            m *= frailty;
            const double share = mid < 55 ? 1.0 : std::exp(-0.045 * (mid - 55));
            const double population = std::round(3 * 2200 * size * width * share / 5);
            const std::string head = fmt::format("{}{},{},{},{}", year_text, area_name(a, g),
                                                 sex == 1 ? "male" : "female", q, ages[i]);
            std::string tail;
            if (a.health) {
              const double logit = -3.2 + 0.045 * mid + 1.2 * (0.5 - rank) + (sex == 2 ? 0.1 : 0);
              const double prevalence = 1 / (1 + std::exp(-logit));
              const long n = 40 + static_cast<long>(400 * size * share * rng.uniform());
              tail = fmt::format(
                  ",{:.4f},{}", std::min(0.99, std::max(0.0, prevalence + 0.02 * rng.normal())), n);
            }
            if (!a.causes) {
              const long d = std::min<long>(rng.poisson(m * population), std::lround(population));
              out += fmt::format("{},{},{}{}\n", head, d, population, tail);
              continue;
            }
            const std::vector<double> w = cause_weights(mid, 0.5 - rank);
            double total = 0;
            for (double v : w) total += v;
            for (std::size_t c = 0; c < w.size(); ++c) {
              const long d = rng.poisson(m * population * w[c] / total);
              out += fmt::format("{},{},{},{}{}\n", head, kCauses[c], d, population, tail);
            }
          }
          if (out.size() > (1 << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
          }
        }
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

void indicators(const Args& a) {
  struct Spec {
    const char* name;
    const char* polarity;
    double mean, spread, se;
  };
  const Spec specs[] = {{"Life expectancy (male)", "high-good", 79.4, 1.8, 0.45},
                        {"Life expectancy (female)", "high-good", 83.1, 1.6, 0.42},
                        {"Infant mortality per 1000", "low-good", 3.9, 1.0, 0.7},
                        {"Smoking prevalence (%)", "low-good", 13.9, 3.0, 1.4},
                        {"Physically active adults (%)", "high-good", 66.3, 4.0, 1.6},
                        {"Obese adults (%)", "low-good", 25.3, 3.2, 1.5}};
  Rng rng(a.seed);
  std::string out = "indicator,polarity,area,value,lowercl,uppercl\n";
  for (const Spec& s : specs) {
    std::vector<double> values;
    std::string rows;
    for (long g = 0; g < a.groups; ++g) {
      const double v = s.mean + s.spread * rng.normal();
      const double se = s.se * (0.8 + 0.4 * rng.uniform());
      values.push_back(v);
      rows += fmt::format("{},{},{},{:.2f},{:.2f},{:.2f}\n", s.name, s.polarity, area_name(a, g), v,
                          v - 1.96 * se, v + 1.96 * se);
    }
    double mean = 0;
    for (double v : values) mean += v / static_cast<double>(values.size());
    out += fmt::format("{},{},England,{:.2f},{:.2f},{:.2f}\n", s.name, s.polarity, mean,
                       mean - 0.05, mean + 0.05);
    out += rows;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// LSOAs of about 1,600 people whose deprivation score varies around their area's level;
// mortality rises with the score as in `deaths`. The lookup carries the score only: the
// national deciles come from heq-quantile --method imd, as the IoD makes them.
void lsoa(const Args& a) {
  Rng rng(a.seed);
  const std::vector<int> ages = layout_ages("phe");
  constexpr int kPerArea = 60;
  std::string out = "lsoa,sex,startage,deaths,population\n";
  std::string lookup = "lsoa,area,imd_score\n";
  for (long g = 0; g < a.groups; ++g) {
    const double area_level = 20 * std::exp(0.35 * rng.normal());
    for (int l = 0; l < kPerArea; ++l) {
      const std::string code = fmt::format("E01{:06}", g * kPerArea + l + 1);
      const double score = area_level * std::exp(0.55 * rng.normal());
      lookup += fmt::format("{},{},{:.3f}\n", code, area_name(a, g), score);
      const double size = 0.8 + 0.4 * rng.uniform();
      for (int sex = 1; sex <= 2; ++sex) {
        const double frailty =
            std::exp(0.45 * (std::log(score) - std::log(20.0)) + (sex == 1 ? 0.3 : 0));
        for (std::size_t i = 0; i < ages.size(); ++i) {
          const double x = ages[i];
          const double width = i + 1 < ages.size() ? ages[i + 1] - x : 10;
          const double mid = x + width / 2;
          const double m = (x == 0 ? 0.0045 : 0.00012 + std::exp(-10.4 + 0.092 * mid)) * frailty;
          const double share = mid < 55 ? 1.0 : std::exp(-0.045 * (mid - 55));
          const double population = std::round(3 * 13 * size * width * share);
          const long d = std::min<long>(rng.poisson(m * population), std::lround(population));
          out += fmt::format("{},{},{},{},{}\n", code, sex == 1 ? "male" : "female", ages[i], d,
                             population);
        }
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!a.lookup.empty()) {
    std::FILE* f = std::fopen(a.lookup.c_str(), "w");
    if (!f) {
      std::fprintf(stderr, "heq-synth: cannot write %s\n", a.lookup.c_str());
      std::exit(1);
    }
    std::fwrite(lookup.data(), 1, lookup.size(), f);
    std::fclose(f);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (a.what == "sii") {
    sii(a);
    return 0;
  }
  if (a.what == "trend" || a.what == "coverage") {
    (a.what == "trend" ? trend : coverage)(a);
    return 0;
  }
  if (a.what == "survey") {
    survey(a);
    return 0;
  }
  if (a.what == "deaths") {
    deaths(a);
    return 0;
  }
  if (a.what == "indicators") {
    indicators(a);
    return 0;
  }
  if (a.what == "lsoa") {
    lsoa(a);
    return 0;
  }
  std::fprintf(stderr, "heq-synth: unknown kind %s\n", a.what.c_str());
  return 2;
}
