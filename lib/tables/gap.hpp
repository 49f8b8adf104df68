#pragma once
// Table layers for heq-gap, heq-decompose and heq-hle.
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"
#include "life/chiang.hpp"
#include "tables/grouping.hpp"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace heq::gap {

struct GapOptions {
  std::string group;  // the subgroup column; --from and --to name two of its values
  std::string from, to;
  std::string against;   // instead of --from/--to: every other subgroup against this one
  bool overlap = false;  // add ONS's rule: do the two sides' 95% intervals overlap?
  std::string value = "value";
  std::string lower = "lowercl";
  std::string upper = "uppercl";
  std::string se;  // standard error column, instead of the limits
  bool limits_given = false;
  std::optional<double> input_level;  // --input-confidence; else the columns' names say it
  Grouping grouping;
};

// heq-gap's and heq-decompose's subgroup options: --group with --from and --to, or with
// --against. Throws UsageError otherwise; returns whether it is --against.
bool check_subgroups(const std::string& group, const std::string& from, const std::string& to,
                     const std::string& against);

void run_gap(const GapOptions& options, io::Reader& reader, io::Writer& writer,
             Diagnostics& diagnostics);

enum class Method { arriaga, symmetric, stepwise };
// What stepwise replacement decomposes: life expectancy, e-dagger, or the SII of life
// expectancy across --quantile's deprivation quantiles.
enum class Measure { le, edagger, sii };

struct DecomposeOptions {
  std::string group;
  std::string from, to;
  std::string against;  // instead of --from/--to: every other subgroup against this one
  std::string age = "startage";
  std::string deaths = "deaths";
  std::string population = "population";
  std::string cause;  // empty: by age band only
  // The prevalence of ill health by band (heq-hle's input): the HLE gap then splits into
  // a mortality and a health part (Nusselder and Looman), and the years in ill health too.
  std::string health;
  bool percent = false;  // prevalences are percentages
  Method method = Method::arriaga;
  Measure measure = Measure::le;
  std::string quantile;  // with Measure::sii: the deprivation quantile column
  // "", "age" (one row per cause, or per quantile), "cause" or "quantile" (one row per band)
  std::string sum_over;
  double age_at = 0;
  double a0 = 0.1;
  Grouping grouping;
};

void run_decompose(const DecomposeOptions& options, io::Reader& reader, io::Writer& writer,
                   Diagnostics& diagnostics);
// heq-decompose --measure sii: the change in the SII of life expectancy by quantile and age.
void run_decompose_sii(const DecomposeOptions& options, bool against, io::Reader& reader,
                       io::Writer& writer, Diagnostics& diagnostics);

struct HleOptions {
  std::string age = "startage";
  std::string deaths = "deaths";
  std::string population = "population";
  std::string prevalence;   // required
  std::string sample_size;  // one of these two
  std::string prevalence_se;
  bool percent = false;  // prevalences (and their standard errors) are percentages
  double a0 = 0.1;
  Grouping grouping;
  std::vector<double> le_ages;  // empty: every start age
};

void run_hle(const HleOptions& options, io::Reader& reader, io::Writer& writer,
             Diagnostics& diagnostics);

}  // namespace heq::gap
