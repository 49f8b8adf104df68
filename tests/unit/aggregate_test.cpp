// heq-aggregate's sums against an independent computation, on random input.
#include "catch.hpp"
#include "table_io.hpp"

#include "core/error.hpp"
#include "tables/aggregate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using heq::tables::AggregateOptions;
using heq::tables::run_aggregate;

struct Random {
  std::string lsoa, lookup;
  // Expected (la, decile, sex) -> deaths, population, rows, worked out here by map.
  std::map<std::vector<std::string>, std::vector<double>> expected;
  std::vector<std::vector<std::string>> order;  // first appearance
};

Random make(unsigned seed) {
  std::mt19937 rng(seed);
  Random r;
  r.lsoa = "lsoa,sex,age,deaths,population\n";
  r.lookup = "lsoa,la,decile\n";
  const int lsoas = 40;
  std::vector<std::string> la(lsoas), decile(lsoas);
  for (int i = 0; i < lsoas; ++i) {
    la[i] = fmt::format("LA{}", rng() % 4);
    decile[i] = std::to_string(1 + rng() % 10);
    r.lookup += fmt::format("L{},{},{}\n", i, la[i], decile[i]);
  }
  for (int row = 0; row < 2000; ++row) {
    const int i = static_cast<int>(rng() % lsoas);
    const std::string sex = rng() % 2 ? "male" : "female";
    const double deaths = static_cast<double>(rng() % 50);
    const double population =
        rng() % 7 == 0 ? 0 : static_cast<double>(rng() % 100000) / 8;  // zeros, fractions
    r.lsoa += fmt::format("L{},{},{},{},{}\n", i, sex, rng() % 90, deaths, population);
    const std::vector<std::string> key{la[i], decile[i], sex};
    auto [it, added] = r.expected.try_emplace(key, std::vector<double>{0, 0, 0});
    if (added) r.order.push_back(key);
    it->second[0] += deaths;
    it->second[1] += population;
    it->second[2] += 1;
  }
  return r;
}

}  // namespace

TEST_CASE("aggregate: sums through a lookup equal an independent sum, in input order") {
  for (unsigned seed : {1u, 2u, 3u}) {
    const Random r = make(seed);
    AggregateOptions o;
    o.grouping.by = {"la", "decile", "sex"};
    o.sum = {"deaths", "population"};
    o.lookup = heq::test::text_input(r.lookup, "lookup.csv");
    o.on = "lsoa";
    const auto rows =
        heq::test::parse_csv(heq::test::run_table(run_aggregate, o, heq::test::text_input(r.lsoa)));
    REQUIRE(rows.size() == r.order.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& key = r.order[i];
      CHECK(rows[i].at("la") == key[0]);
      CHECK(rows[i].at("decile") == key[1]);
      CHECK(rows[i].at("sex") == key[2]);
      const std::vector<double>& want = r.expected.at(key);
      CHECK(heq::test::num(rows[i], "deaths") == want[0]);  // whole numbers: exact
      CHECK(std::abs(heq::test::num(rows[i], "population") - want[1]) <= 1e-12 * want[1]);
      CHECK(heq::test::num(rows[i], "rows") == want[2]);
      CHECK(rows[i].at("deaths").find('.') == std::string::npos);
    }
  }
}

TEST_CASE("aggregate: --sort orders keys as numbers, --sorted streams the same sums") {
  const std::string text = "g,x\n10,1\n2,2\n10,3\n1,4\nb,5\na,6\n";
  AggregateOptions o;
  o.grouping.by = {"g"};
  o.sum = {"x"};
  o.lookup.path.clear();
  o.sort = true;
  const auto rows =
      heq::test::parse_csv(heq::test::run_table(run_aggregate, o, heq::test::text_input(text)));
  std::vector<std::string> keys;
  for (const auto& row : rows) keys.push_back(row.at("g"));
  CHECK(keys == std::vector<std::string>{"1", "2", "10", "a", "b"});
  CHECK(heq::test::num(rows[2], "x") == 4);

  const std::string grouped = "g,x\n10,1\n10,3\n2,2\n1,4\n";
  o.sort = false;
  const std::string unsorted =
      heq::test::run_table(run_aggregate, o, heq::test::text_input(grouped));
  o.grouping.sorted = true;
  CHECK(heq::test::run_table(run_aggregate, o, heq::test::text_input(grouped)) == unsorted);
  CHECK_THROWS_AS(heq::test::run_table(run_aggregate, o, heq::test::text_input(text)),
                  heq::DataError);
}
