#include "tables/sii.hpp"
#include "core/missing.hpp"
#include "io/row_checks.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "io/groups.hpp"
#include "io/number.hpp"
#include "stats/confidence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace heq::sii {

namespace {

struct Row {
  Quantile q;
  std::size_t line;
  std::string upstream;  // the input's note where this quantile has no value or population
};

struct ResolvedColumns {
  std::size_t quantile, population;
  std::optional<std::size_t> value, count, se, lower, upper, note;
  ErrorSource errors = ErrorSource::none;
  double level = 0.95;  // of the limits read
};

ResolvedColumns resolve(const Columns& c, ValueType type, const io::Reader& reader) {
  ResolvedColumns r;
  r.quantile = reader.column(c.quantile);
  r.population = reader.column(c.population);
  r.note = reader.find_column("note");  // an upstream tool's reason for a missing value
  if (!c.count.empty()) {
    if (c.value_given) throw UsageError("give --value or --count, not both");
    if (type != ValueType::proportion)
      throw UsageError(
          "--count makes the value count/population, a proportion: it needs --type proportion "
          "(the limits read would otherwise belong to another value)");
    r.count = reader.column(c.count);
  } else {
    r.value = reader.column(c.value);
  }
  if (!c.se.empty()) {
    r.se = reader.column(c.se);
    r.errors = ErrorSource::se;
    return r;
  }
  // Names set by a caller but not on the command line are used where present.
  const bool named =
      c.lower_given || c.upper_given ||
      (c.lower != "lowercl" && reader.find_column(c.lower) && reader.find_column(c.upper));
  const std::optional<stats::LimitColumns> limits = stats::find_limit_columns(
      reader.header(), {"", named ? c.lower : "", named ? c.upper : "", c.input_level});
  if (limits) {
    r.lower = reader.column(limits->lower);
    r.upper = reader.column(limits->upper);
    r.errors = ErrorSource::limits;
    r.level = limits->level;
  }
  return r;
}

Row make_row(const io::Reader& in, const ResolvedColumns& col, const Options& o) {
  Row row;
  row.line = in.line();
  Quantile& q = row.q;
  q.label = in.number(col.quantile);  // NaN (empty): the group gets a note
  q.population = io::read_population(in, col.population);
  if (col.count) {
    const double x = io::read_count(in, *col.count);
    io::check_count_within(in, *col.count, col.population, x, q.population, "population");
    q.value = x / q.population;
  } else {
    q.value = in.number(*col.value);
    if (o.type == ValueType::proportion && !std::isnan(q.value) && (q.value < 0 || q.value > 1))
      io::fail_column(in, *col.value,
                      fmt::format("proportion {} is not between 0 and 1", in.field(*col.value)));
  }
  if (col.se) {
    q.se = io::read_standard_error(in, *col.se);
  }
  if (col.lower) {
    q.lower = in.number(*col.lower);
    q.upper = in.number(*col.upper);
    if (o.type == ValueType::proportion) {
      for (std::size_t c : {*col.lower, *col.upper}) {
        const double v = in.number(c);
        if (!std::isnan(v) && (v < 0 || v > 1))
          io::fail_column(
              in, c, fmt::format("limit {} of a proportion is not between 0 and 1", in.field(c)));
      }
    }
    io::check_limit_order(in, *col.lower, *col.upper, q.lower, q.upper);
  }
  if (col.note && (std::isnan(q.value) || std::isnan(q.population)) &&
      !in.is_missing_field(*col.note))
    row.upstream = in.field(*col.note);
  return row;
}

bool is_whole(double x) { return x == std::floor(x) && std::abs(x) < 1e15; }

// Orders a group's quantiles and says what is missing from them (empty: nothing).
std::string arrange(std::vector<Row>& rows, const io::Reader& in, std::size_t expected) {
  for (const Row& r : rows)
    if (std::isnan(r.q.label)) return fmt::format("line {} has an empty quantile label", r.line);
  io::sort_unique(
      rows, [](const Row& r) { return r.q.label; }, in, "quantile");
  // A quantile without a value or population because an upstream tool suppressed it:
  // its reason is the one to give.
  for (const Row& r : rows)
    if (!r.upstream.empty())
      return fmt::format("quantile {} has no {}: the input's note says \"{}\"",
                         io::format_number(r.q.label),
                         std::isnan(r.q.value) ? "value" : "population", r.upstream);
  if (rows.size() < 2) return "";  // the method says "fewer than 2 quantiles"
  const bool whole = std::all_of(
      rows.begin(), rows.end(), [](const Row& r) { return is_whole(r.q.label) && r.q.label >= 1; });
  if (!whole && !expected) {
    for (const Row& r : rows)
      if (!is_whole(r.q.label) || r.q.label < 1)
        return fmt::format(
            "quantile labels must be whole numbers from 1 (1 = most deprived); "
            "this group has {}",
            io::format_number(r.q.label));
  }
  if (expected) {
    if (!whole || rows.back().q.label > static_cast<double>(expected))
      return fmt::format("quantile labels must run from 1 to {} (--quantiles)", expected);
    if (rows.size() == expected) return "";
    std::string missing;
    std::size_t k = 0;
    for (std::size_t label = 1; label <= expected; ++label) {
      if (k < rows.size() && rows[k].q.label == static_cast<double>(label)) {
        ++k;
        continue;
      }
      missing += missing.empty() ? "" : ", ";
      missing += std::to_string(label);
    }
    return fmt::format("{} of {} quantiles present (missing {})", rows.size(), expected, missing);
  }
  if (whole && rows.back().q.label > static_cast<double>(rows.size())) {
    std::size_t k = 0;
    for (std::size_t label = 1;; ++label) {
      if (rows[k].q.label == static_cast<double>(label)) {
        ++k;
        continue;
      }
      return fmt::format("quantile {} is missing (labels run to {})", label,
                         io::format_number(rows.back().q.label));
    }
  }
  return "";
}

struct Pending {
  std::vector<std::string> key;
  std::vector<Quantile> quantiles;
  std::string note;  // set when the group cannot be computed as it stands
  Result result;
};

std::string mad_name(std::string_view prefix, double level, bool several) {
  return several ? fmt::format("{}mad{}", prefix, stats::level_suffix(level))
                 : fmt::format("{}mad", prefix);
}

}  // namespace

std::vector<std::string> output_columns(const TableOptions& t) {
  const Options& o = t.method;
  const bool several = o.levels.size() > 1;
  std::vector<std::string> cols = t.grouping.by;
  const auto append = [&](const std::vector<std::string>& more) {
    cols.insert(cols.end(), more.begin(), more.end());
  };
  cols.push_back("sii");
  append(stats::limit_columns("sii_", o.levels));
  if (o.rii) {
    cols.push_back("rii");
    append(stats::limit_columns("rii_", o.levels));
  }
  if (o.rii && o.rii_method == RiiMethod::mean) cols.push_back("rii_method");
  if (o.intercept) cols.push_back("intercept");
  if (o.par) {
    cols.push_back("par");
    cols.push_back("par_percent");
  }
  if (o.ci == CiMethod::regression) cols.push_back("ci_method");
  if (o.reliability) {
    for (double level : o.levels) cols.push_back(mad_name("sii_", level, several));
    if (o.rii)
      for (double level : o.levels) cols.push_back(mad_name("rii_", level, several));
  }
  cols.push_back("quantiles");
  cols.push_back("note");
  return cols;
}

ErrorSource read_groups(const TableOptions& t, io::Reader& in,
                        const std::function<void(ErrorSource, double)>& on_ready,
                        const std::function<void(Group&)>& on_group) {
  const ResolvedColumns col = resolve(t.columns, t.method.type, in);
  validate(t.method, col.errors);
  on_ready(col.errors, col.level);
  io::GroupKeys keys(in, t.grouping.by, t.grouping.sorted);
  Group g;
  io::for_each_group<Row>(
      in, keys, t.grouping.sorted, [&](const io::Reader& r) { return make_row(r, col, t.method); },
      [&](std::size_t group, std::vector<Row>& rows) {
        g.key = keys.key(group);
        g.note = arrange(rows, in, t.expected_quantiles);
        g.quantiles.clear();
        for (const Row& r : rows) g.quantiles.push_back(r.q);
        on_group(g);
      });
  return col.errors;
}

void run_sii(const TableOptions& t, io::Reader& in, io::Writer& out, Diagnostics& diagnostics) {
  Options o = t.method;  // input_level is learnt from the columns read
  ErrorSource errors = ErrorSource::none;
  std::string no_limits_note;

  const unsigned threads = resolve_threads(t.grouping.threads);
  const std::size_t batch_size = o.ci == CiMethod::mc ? 64 * threads : 4096;
  std::vector<Pending> batch(batch_size);  // reused: filled slots are batch[0, used)
  std::size_t used = 0;
  std::map<std::size_t, std::size_t> quantile_counts;  // quantiles per group -> groups
  std::size_t groups = 0, suppressed = 0, many = 0;

  const auto write = [&](const Pending& p) {
    const Result& r = p.result;
    out.texts(p.key);
    out.number(r.sii);
    for (std::size_t l = 0; l < o.levels.size(); ++l) {
      const Interval ci = l < r.sii_ci.size() ? r.sii_ci[l] : Interval{};
      out.number(ci.lower).number(ci.upper);
    }
    if (o.rii) {
      out.number(r.rii);
      for (std::size_t l = 0; l < o.levels.size(); ++l) {
        const Interval ci = l < r.rii_ci.size() ? r.rii_ci[l] : Interval{};
        out.number(ci.lower).number(ci.upper);
      }
    }
    if (o.rii && o.rii_method == RiiMethod::mean) out.text("mean");
    if (o.intercept) out.number(r.intercept);
    if (o.par) out.number(r.par).number(r.par_percent);
    if (o.ci == CiMethod::regression) out.text("regression");
    if (o.reliability) {
      for (std::size_t l = 0; l < o.levels.size(); ++l)
        out.number(l < r.sii_mad.size() ? r.sii_mad[l] : kMissing);
      if (o.rii)
        for (std::size_t l = 0; l < o.levels.size(); ++l)
          out.number(l < r.rii_mad.size() ? r.rii_mad[l] : kMissing);
    }
    out.number(static_cast<double>(p.quantiles.size()));
    if (r.note.empty())
      out.missing();
    else
      out.text(r.note);
    out.end_row();
    if (std::isnan(r.sii)) ++suppressed;
  };

  const auto flush = [&] {
    parallel_for(used, threads, [&](std::size_t i) {
      Pending& p = batch[i];
      if (!p.note.empty()) {
        p.result = Result{};
        p.result.note = p.note;
        return;
      }
      compute(p.quantiles, o, errors, stats::stream_seed(o.seed, p.key), p.result);
      if (p.result.note.empty()) p.result.note = no_limits_note;
    });
    for (std::size_t i = 0; i < used; ++i) write(batch[i]);
    used = 0;
  };

  const auto ready = [&](ErrorSource e, double input_level) {
    errors = e;
    o.input_level = input_level;
    if (e == ErrorSource::none && o.ci != CiMethod::regression)
      no_limits_note = fmt::format("no limits: the input has no '{}'/'{}' columns and no --se",
                                   t.columns.lower, t.columns.upper);
    out.begin(output_columns(t));
  };
  read_groups(t, in, ready, [&](Group& g) {
    Pending& p = batch[used++];
    std::swap(p.key, g.key);
    std::swap(p.note, g.note);
    std::swap(p.quantiles, g.quantiles);
    ++groups;
    ++quantile_counts[p.quantiles.size()];
    if (p.quantiles.size() > 10) ++many;
    if (used == batch_size) flush();
  });
  flush();

  if (quantile_counts.size() > 1 && !t.expected_quantiles) {
    std::string counts;
    for (auto it = quantile_counts.rbegin(); it != quantile_counts.rend(); ++it)
      counts += fmt::format("{}{} in {} group{}", counts.empty() ? "" : ", ", it->first, it->second,
                            it->second == 1 ? "" : "s");
    diagnostics.warn(fmt::format(
        "groups differ in their number of quantiles ({}); give --quantiles N to require N",
        counts));
  }
  diagnostics.warn_count(many, "group", "has",
                         "more than 10 quantiles; small values can make the SII unstable");
  if (suppressed)
    diagnostics.warn(fmt::format("{} of {} group{} {} no SII; the note column says why", suppressed,
                                 groups, groups == 1 ? "" : "s", suppressed == 1 ? "has" : "have"));
  out.finish();
}

}  // namespace heq::sii
