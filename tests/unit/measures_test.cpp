#include "catch.hpp"

#include "core/missing.hpp"
#include "measures/measures.hpp"
#include "sii/sii.hpp"

#include <cmath>
#include <map>
#include <random>

using namespace heq::measures;
using heq::kMissing;

namespace {

std::vector<Subgroup> quintiles(std::vector<double> y, std::vector<double> se = {}) {
  std::vector<Subgroup> g;
  const double pops[] = {1200, 900, 1100, 1000, 800};  // whole counts at 45%: the SII fits counts
  for (std::size_t i = 0; i < y.size(); ++i)
    g.push_back({"Q" + std::to_string(i + 1), double(i + 1), y[i], se.empty() ? 1.5 : se[i],
                 pops[i % 5], false});
  return g;
}

std::map<std::string, Result> by_name(const std::vector<Result>& rs) {
  std::map<std::string, Result> m;
  for (const Result& r : rs) m[r.measure] = r;
  return m;
}

Setting ordered(bool favourable) {
  Setting s;
  s.ordered = true;
  s.favourable = favourable;
  return s;
}

Setting regions() {
  Setting s;
  s.ordered = false;
  return s;
}

}  // namespace

TEST_CASE("measures: between-group variance is 0 for equal subgroups") {
  const auto r = by_name(compute(quintiles({40, 40, 40, 40, 40}), regions(), {}, Options{}, 1));
  CHECK(r.at("bgv").estimate == Approx(0).margin(1e-12));
  CHECK(r.at("mld").estimate == Approx(0).margin(1e-12));
  CHECK(r.at("ti").estimate == Approx(0).margin(1e-12));
  CHECK(r.at("mdmw").estimate == Approx(0).margin(1e-12));
}

TEST_CASE("measures: D and R flip with polarity; ACI is 0 for a flat gradient") {
  const auto up =
      by_name(compute(quintiles({20, 30, 40, 50, 60}), ordered(true), {}, Options{}, 1));
  const auto down =
      by_name(compute(quintiles({20, 30, 40, 50, 60}), ordered(false), {}, Options{}, 1));
  CHECK(up.at("d").estimate == 40);     // most advantaged minus most disadvantaged
  CHECK(down.at("d").estimate == -40);  // the reverse for an adverse indicator
  CHECK(up.at("r").estimate == Approx(1 / down.at("r").estimate).epsilon(1e-15));
  CHECK(up.at("aci").estimate == down.at("aci").estimate);  // ACI, SII keep their sign
  CHECK(up.at("sii").estimate == down.at("sii").estimate);
  const auto flat =
      by_name(compute(quintiles({45, 45, 45, 45, 45}), ordered(true), {}, Options{}, 1));
  CHECK(flat.at("aci").estimate == Approx(0).margin(1e-12));
  CHECK(flat.at("rci").estimate == Approx(0).margin(1e-12));
  CHECK(flat.at("sii").estimate == Approx(0).margin(1e-9));
}

TEST_CASE("measures: MLD and Theil are never negative") {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(1, 99);
  for (int trial = 0; trial < 500; ++trial) {
    const auto r = by_name(compute(quintiles({u(rng), u(rng), u(rng), u(rng), u(rng)}), regions(),
                                   {"mld", "ti"}, Options{}, 1));
    CHECK(r.at("mld").estimate >= 0);
    CHECK(r.at("ti").estimate >= 0);
  }
}

TEST_CASE("measures: a zero estimate") {
  const auto r =
      by_name(compute(quintiles({0, 10, 20, 30, 40}), regions(), {"mld", "ti"}, Options{}, 1));
  CHECK(std::isnan(r.at("mld").estimate));
  CHECK(r.at("mld").note == "a subgroup's estimate is 0: the MLD is infinite");
  CHECK(std::isfinite(r.at("ti").estimate));
  Options heat;
  heat.compat = heat_compat();
  const auto h = by_name(compute(quintiles({0, 10, 20, 30, 40}), regions(), {"mld"}, heat, 1));
  CHECK(std::isfinite(h.at("mld").estimate));  // healthequal's 1e-6 stand-in
}

TEST_CASE("measures: which measures apply") {
  const auto ordered_all =
      by_name(compute(quintiles({20, 30, 40, 50, 60}), ordered(true), {}, Options{}, 1));
  CHECK(ordered_all.count("sii") == 1);
  CHECK(ordered_all.count("bgv") == 0);
  const auto named =
      by_name(compute(quintiles({20, 30, 40, 50, 60}), ordered(true), {"bgv"}, Options{}, 1));
  CHECK(named.at("bgv").note == "does not apply to an ordered dimension");
  const auto two = by_name(compute(quintiles({20, 30}), regions(), {}, Options{}, 1));
  CHECK(two.size() == 4);  // d, r, paf, par
  auto gaps = quintiles({20, 30, 40, 50, 60});
  gaps[2].estimate = NAN;
  const auto incomplete = by_name(compute(gaps, regions(), {}, Options{}, 1));
  CHECK(incomplete.at("bgv").note ==
        "non-ordered measures need estimates for 85% of subgroups (4 of 5 given)");
  const auto ordered_gap = by_name(compute(gaps, ordered(true), {"sii"}, Options{}, 1));
  CHECK(ordered_gap.at("sii").note ==
        "ordered measures need every subgroup's estimate (4 of 5 given)");
}

TEST_CASE("measures: simulated limits are seeded and stable") {
  Options o;
  o.reps = 20000;
  const auto a = by_name(compute(quintiles({20, 30, 40, 50, 60}, {3, 3, 3, 3, 3}), regions(),
                                 {"bgsd", "idisw"}, o, 11));
  const auto again = by_name(compute(quintiles({20, 30, 40, 50, 60}, {3, 3, 3, 3, 3}), regions(),
                                     {"bgsd", "idisw"}, o, 11));
  const auto b = by_name(compute(quintiles({20, 30, 40, 50, 60}, {3, 3, 3, 3, 3}), regions(),
                                 {"bgsd", "idisw"}, o, 12));
  for (const char* m : {"bgsd", "idisw"}) {
    CHECK(a.at(m).lower == again.at(m).lower);
    // Percentiles of 20,000 draws: another seed agrees within 3% (a stated MC tolerance).
    CHECK(a.at(m).lower == Approx(b.at(m).lower).epsilon(0.03));
    CHECK(a.at(m).upper == Approx(b.at(m).upper).epsilon(0.03));
    CHECK(a.at(m).lower < a.at(m).upper);
  }
  o.level = 0.99;  // the level is honoured, not fixed at 95%
  const auto wide = by_name(
      compute(quintiles({20, 30, 40, 50, 60}, {3, 3, 3, 3, 3}), regions(), {"bgsd"}, o, 11));
  CHECK(wide.at("bgsd").upper > a.at("bgsd").upper);
}

TEST_CASE("measures: the catalogue holds WHO's 21 measures once each, in HEAT's order") {
  const auto specs = catalogue();
  REQUIRE(specs.size() == 21);
  CHECK(
      measure_names() ==
      "d,r,aci,rci,sii,rii,bgv,bgsd,cov,mdmu,mdmw,mdbu,mdbw,mdru,mdrw,idisu,idisw,mld,ti,paf,par");
  for (const MeasureSpec& s : specs) CHECK(find_measure(s.name) == &s);
  CHECK(find_measure("gini") == nullptr);
  // The rules HEAT states: ordered measures need 3+ ordered subgroups, D/R/PAF/PAR any 2+.
  std::size_t ordered_only = 0, anywhere = 0, unweighted = 0;
  for (const MeasureSpec& s : specs) {
    ordered_only += applies(s, true, 3) && !applies(s, false, 3);
    anywhere += applies(s, true, 2) && applies(s, false, 2);
    unweighted += !s.weighted;
  }
  CHECK(ordered_only == 4);  // aci, rci, sii, rii
  CHECK(anywhere == 4);      // d, r, paf, par
  CHECK(unweighted == 6);    // d, r, mdmu, mdbu, mdru, idisu
  // Every measure the catalogue lists is computed on a dimension it applies to.
  auto regions_data = quintiles({20, 30, 40, 50, 60});
  regions_data[1].reference = true;
  for (const MeasureSpec& s : specs) {
    const bool ordered_dim = s.dimension == Dimension::ordered;
    const auto r =
        compute(ordered_dim ? quintiles({20, 30, 40, 50, 60}) : regions_data,
                ordered_dim ? ordered(true) : regions(), {std::string(s.name)}, Options{}, 1);
    REQUIRE(r.size() == 1);
    CHECK_FALSE(std::isnan(r[0].estimate));
    CHECK(r[0].note.empty());
  }
}

TEST_CASE("measures: bounded concentration indices against their closed forms") {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> y(20, 95);
  for (int trial = 0; trial < 100; ++trial) {
    const auto g = quintiles({y(rng), y(rng), y(rng), y(rng), y(rng)});
    // C = (2 / mu) sum p (y - mu)(R - 1/2): the convenient regression's slope, exactly.
    double total = 0, mu = 0;
    for (const Subgroup& s : g) total += s.population;
    std::vector<double> p, ridit;
    double cumulative = 0;
    for (const Subgroup& s : g) {
      p.push_back(s.population / total);
      ridit.push_back(cumulative + p.back() / 2);
      cumulative += p.back();
      mu += p.back() * s.estimate;
    }
    double cov = 0;
    for (std::size_t i = 0; i < g.size(); ++i)
      cov += p[i] * (g[i].estimate - mu) * (ridit[i] - 0.5);
    const auto plain = by_name(compute(g, ordered(true), {"aci", "rci"}, Options{}, 1));
    CHECK(plain.at("rci").estimate == Approx(2 * cov / mu).epsilon(1e-12));
    CHECK(plain.at("aci").estimate == Approx(2 * cov).epsilon(1e-12));
    // Bounds 0..100: (y - 0) / 100, so ACI / 100 and the same RCI.
    Options bounded;
    bounded.low = 0;
    bounded.high = 100;
    const auto b = by_name(compute(g, ordered(true), {"aci", "rci"}, bounded, 1));
    CHECK(b.at("aci").estimate == Approx(2 * cov / 100).epsilon(1e-12));
    CHECK(b.at("rci").estimate == Approx(2 * cov / mu).epsilon(1e-12));
    // Wagstaff W = C / (1 - mu'), Erreygers E = 4 mu' C = 4 ACI' (mu' = mu / 100).
    bounded.correction = Correction::wagstaff;
    const auto w = by_name(compute(g, ordered(true), {"rci"}, bounded, 1));
    CHECK(w.at("rci").estimate == Approx(2 * cov / mu / (1 - mu / 100)).epsilon(1e-12));
    CHECK(w.at("rci").se == Approx(b.at("rci").se / (1 - mu / 100)).epsilon(1e-12));
    bounded.correction = Correction::erreygers;
    const auto e = by_name(compute(g, ordered(true), {"rci"}, bounded, 1));
    CHECK(e.at("rci").estimate == Approx(4 * b.at("aci").estimate).epsilon(1e-12));
    CHECK(e.at("rci").ci_method == "regression (Erreygers)");
  }
}

TEST_CASE("measures: an estimate outside the bounds is a note") {
  Options o;
  o.low = 0;
  o.high = 50;
  const auto r = by_name(compute(quintiles({20, 30, 40, 50, 60}), ordered(true), {"rci"}, o, 1));
  CHECK(std::isnan(r.at("rci").estimate));
  CHECK(r.at("rci").note == "an estimate lies outside the bounds 0 to 50");
}

TEST_CASE("measures: the linear SII is the population-weighted least-squares slope") {
  // heq-sii's SII (PHE) is that slope too: the two must agree to rounding.
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> y(10, 90);
  for (int trial = 0; trial < 100; ++trial) {
    const auto g = quintiles({y(rng), y(rng), y(rng), y(rng), y(rng)});
    std::vector<heq::sii::Quantile> q;
    for (const Subgroup& s : g)
      q.push_back({s.order, s.population, s.estimate, 1, kMissing, kMissing});
    heq::sii::Options so;
    so.ci = heq::sii::CiMethod::analytic;
    const double sii = heq::sii::compute(q, so, heq::sii::ErrorSource::se, 1).sii;
    Options o;
    o.linear = true;
    const auto r = by_name(compute(g, ordered(true), {"sii", "rii"}, o, 1));
    CHECK(r.at("sii").estimate == Approx(sii).epsilon(1e-10));
    CHECK(r.at("sii").ci_method == "linear regression, HC1");
    // RII = fitted(1) / fitted(0) of the same line.
    const double fitted0 = heq::sii::compute(q, so, heq::sii::ErrorSource::se, 1).intercept;
    CHECK(r.at("rii").estimate == Approx((fitted0 + sii) / fitted0).epsilon(1e-10));
  }
  // An exact line in the ridit has no residuals: SE 0.
  auto line = quintiles({0, 0, 0, 0, 0});
  double total = 0, cumulative = 0;
  for (const Subgroup& s : line) total += s.population;
  for (Subgroup& s : line) {
    s.estimate = 20 + 40 * (cumulative + s.population / total / 2);
    cumulative += s.population / total;
  }
  Options o;
  o.linear = true;
  const auto exact = by_name(compute(line, ordered(true), {"sii"}, o, 1));
  CHECK(exact.at("sii").estimate == Approx(40).epsilon(1e-12));
  CHECK(exact.at("sii").se == Approx(0).margin(1e-9));
}
