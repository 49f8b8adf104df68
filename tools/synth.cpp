// heq-synth: deterministic synthetic inputs for heq's examples and benchmarks.
// Not a statistical model of anywhere real; shaped like real data: mortality rising
// with age (Gompertz) and with deprivation, men above women, counts drawn as Poisson.
//
//   heq-synth sii --groups N [--quantiles Q] [--seed S] [--names A,B,...]
//       life-expectancy-like values with 95% limits by quantile, sex and area
//
// Output is CSV on stdout. The same arguments give the same bytes on every machine
// (fixed engine, own transforms, fixed formatting).
#include <fmt/format.h>

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
};

struct Args {
  std::string what;
  long groups = 2;
  int quantiles = 10;
  std::uint64_t seed = 42;
  std::vector<std::string> names;  // area names; default A00001, A00002, ...
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
    std::fputs("usage: heq-synth sii [--groups N] [--quantiles Q] [--seed S] [--names A,B]\n", stderr);
    std::exit(2);
  }
  a.what = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--groups") a.groups = std::atol(v);
    else if (k == "--quantiles") a.quantiles = std::atoi(v);
    else if (k == "--seed") a.seed = std::strtoull(v, nullptr, 10);
    else if (k == "--names") a.names = split(v);
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
        const double le = base + (sex == 2 ? 3.8 : 0) - gradient / 2 + gradient * rank +
                          0.8 * rng.normal();
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

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (a.what == "sii") {
    sii(a);
    return 0;
  }
  std::fprintf(stderr, "heq-synth: unknown kind %s\n", a.what.c_str());
  return 2;
}
