// heq-measures on respondent rows: checked against the grouped computation of the same
// data (an independent code path with its own references), and the design's invariants.
#include "catch.hpp"

#include "measures/measures.hpp"
#include "measures/survey.hpp"

#include <cmath>
#include <map>

using namespace heq::measures;

namespace {

// Five quintiles of whole counts with whole numbers of successes: expanded to one
// respondent per person (weight 1, each its own PSU, one stratum), or kept as subgroups.
constexpr double kCounts[] = {120, 90, 110, 100, 80};
constexpr double kSuccesses[] = {30, 36, 55, 60, 64};

std::vector<Respondent> respondents(double weight = 1) {
  std::vector<Respondent> people;
  for (std::size_t q = 0; q < 5; ++q)
    for (int i = 0; i < kCounts[q]; ++i) {
      Respondent r;
      r.outcome = i < kSuccesses[q] ? 1 : 0;
      r.weight = weight;
      r.order = double(q + 1);
      r.psu = people.size();
      people.push_back(r);
    }
  return people;
}

std::vector<Subgroup> subgroups() {
  std::vector<Subgroup> g;
  for (std::size_t q = 0; q < 5; ++q)
    g.push_back({"Q" + std::to_string(q + 1), double(q + 1), 100 * kSuccesses[q] / kCounts[q], 1,
                 kCounts[q], false});
  return g;
}

std::map<std::string, Result> by_name(const std::vector<Result>& rs) {
  std::map<std::string, Result> m;
  for (const Result& r : rs) m[r.measure] = r;
  return m;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(a), std::abs(b)); }

}  // namespace

TEST_CASE("survey: point estimates equal the grouped measures of the same people") {
  Setting s;
  s.ordered = true;
  const auto grouped = by_name(compute(subgroups(), s, {"aci", "rci", "sii", "rii"}, Options{}, 1));
  const auto individual = by_name(compute_survey(respondents(), 100, {}, Options{}));
  REQUIRE(individual.size() == 4);
  for (const char* m : {"aci", "rci", "sii", "rii"}) {
    INFO(m);
    CHECK(rel(individual.at(m).estimate, grouped.at(m).estimate) < 1e-9);
    CHECK(individual.at(m).note.empty());
  }
}

TEST_CASE("survey: scaling the weights changes nothing; PSUs are nested in strata") {
  const auto one = compute_survey(respondents(1), 100, {}, Options{});
  const auto many = compute_survey(respondents(37.5), 100, {}, Options{});
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(rel(one[i].estimate, many[i].estimate) < 1e-12);
    CHECK(rel(one[i].se, many[i].se) < 1e-9);
  }
  // Pairing respondents into PSUs changes the SE, never the estimate.
  auto paired = respondents();
  for (auto& r : paired) r.psu /= 2;
  const auto clustered = compute_survey(paired, 100, {}, Options{});
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(rel(one[i].estimate, clustered[i].estimate) < 1e-12);
    CHECK(one[i].se != clustered[i].se);
  }
}

TEST_CASE("survey: a respondent without an outcome changes no estimate") {
  auto people = respondents();
  Respondent missing;
  missing.order = 1;
  missing.psu = people.size();
  people.push_back(missing);
  const auto with = compute_survey(people, 100, {}, Options{});
  const auto without = compute_survey(respondents(), 100, {}, Options{});
  for (std::size_t i = 0; i < with.size(); ++i)
    CHECK(rel(with[i].estimate, without[i].estimate) < 1e-12);
}

TEST_CASE("survey: limits are symmetric at the level asked; RII on the log scale") {
  Options o;
  o.level = 0.9;
  const auto r = by_name(compute_survey(respondents(), 100, {}, o));
  const double z = 1.6448536269514722;
  CHECK(rel(r.at("sii").lower, r.at("sii").estimate - z * r.at("sii").se) < 1e-12);
  const double log_se = r.at("rii").se / r.at("rii").estimate;
  CHECK(rel(r.at("rii").upper, r.at("rii").estimate * std::exp(z * log_se)) < 1e-12);
}

TEST_CASE("survey: measures that need subgroup estimates, and too few subgroups, get notes") {
  const auto r = by_name(compute_survey(respondents(), 100, {"sii", "bgv"}, Options{}));
  CHECK(r.at("bgv").note == "needs subgroup estimates: individual data give aci, rci, sii and rii");
  CHECK(std::isnan(r.at("bgv").estimate));
  auto two = respondents();
  std::erase_if(two, [](const Respondent& p) { return p.order > 2; });
  const auto few = compute_survey(two, 100, {}, Options{});
  CHECK(few.size() == 4);
  for (const Result& x : few)
    CHECK(x.note == "needs three or more subgroups with weighted respondents (2 here)");
  auto counts = respondents();
  counts[0].outcome = 3;
  const auto c = by_name(compute_survey(counts, 100, {}, Options{}));
  CHECK(c.at("sii").note == "the logistic SII and RII need a 0/1 outcome");
  CHECK(c.at("aci").note.empty());
}

TEST_CASE("survey: degenerate samples get notes, not numbers") {
  auto all_one = respondents();
  for (auto& p : all_one) p.outcome = 1;
  const auto one = by_name(compute_survey(all_one, 100, {}, Options{}));
  CHECK(one.at("sii").note ==
        "every respondent's outcome is 1: the logistic fit has no finite solution");
  CHECK(std::isnan(one.at("rii").estimate));
  CHECK(one.at("aci").estimate == Approx(0).margin(1e-10));  // flat (x 100): no inequality
  auto weightless = respondents();
  for (auto& p : weightless) p.weight = 0;
  for (const Result& r : compute_survey(weightless, 100, {}, Options{}))
    CHECK(r.note == "needs respondents with an outcome and a weight above 0");
  // A subgroup whose respondents all weigh 0 is not a subgroup of the population.
  auto hollow = respondents();
  for (auto& p : hollow)
    if (p.order <= 3) p.weight = 0;
  for (const Result& r : compute_survey(hollow, 100, {}, Options{}))
    CHECK(r.note == "needs three or more subgroups with weighted respondents (2 here)");
}

TEST_CASE("survey: a finite population correction scales the design variance by 1 - f") {
  const std::vector<Respondent> base = respondents();  // 500 PSUs in one stratum
  const auto plain = compute_survey(base, 100, {}, Options{});
  for (double fraction : {0.1, 0.5, 0.9}) {
    // As a sampling fraction, and as the stratum's population of PSUs: the same f.
    for (double fpc : {fraction, 500 / fraction}) {
      std::vector<Respondent> people = base;
      for (Respondent& r : people) r.fpc = fpc;
      const auto with = compute_survey(people, 100, {}, Options{});
      REQUIRE(with.size() == plain.size());
      for (std::size_t i = 0; i < with.size(); ++i) {
        CHECK(with[i].estimate == Approx(plain[i].estimate).epsilon(1e-12));
        CHECK(with[i].se == Approx(plain[i].se * std::sqrt(1 - fraction)).epsilon(1e-9));
      }
    }
  }
  // A population far larger than the sample is no correction; one smaller is a note.
  std::vector<Respondent> huge = base, small = base;
  for (Respondent& r : huge) r.fpc = 1e15;
  for (Respondent& r : small) r.fpc = 400;
  CHECK(compute_survey(huge, 100, {}, Options{})[0].se == Approx(plain[0].se).epsilon(1e-9));
  CHECK(compute_survey(small, 100, {}, Options{})[0].note ==
        "the fpc (400 PSUs) is below the stratum's 500 sampled PSUs");
}

TEST_CASE("survey: bounded concentration indices and their corrections") {
  // A 0/1 outcome with bounds 0,1: the bounded ACI is the fraction-scale ACI, the RCI is
  // unchanged, Wagstaff's divides it by 1 - mu and Erreygers' is 4 x the bounded ACI.
  const std::vector<Respondent> people = respondents();
  const auto plain = compute_survey(people, 100, {"aci", "rci"}, Options{});
  Options o;
  o.low = 0;
  o.high = 1;
  const auto b = compute_survey(people, 100, {"aci", "rci"}, o);
  double mu = 0, n = 0;
  for (const Respondent& r : people) {
    mu += r.outcome;
    n += 1;
  }
  mu /= n;
  CHECK(b[0].estimate == Approx(plain[0].estimate / 100).epsilon(1e-12));
  CHECK(b[0].se == Approx(plain[0].se / 100).epsilon(1e-12));
  CHECK(b[1].estimate == Approx(plain[1].estimate).epsilon(1e-12));
  o.correction = Correction::wagstaff;
  const auto w = compute_survey(people, 100, {"rci"}, o);
  CHECK(w[0].estimate == Approx(plain[1].estimate / (1 - mu)).epsilon(1e-12));
  CHECK(w[0].se == Approx(plain[1].se / (1 - mu)).epsilon(1e-12));
  o.correction = Correction::erreygers;
  const auto e = compute_survey(people, 100, {"rci"}, o);
  CHECK(e[0].estimate == Approx(4 * b[0].estimate).epsilon(1e-12));
}
