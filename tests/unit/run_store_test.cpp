// The store for unsorted --by rows: every row comes back bit for bit, in input order,
// whatever its words hold, and a life table's run takes the room the header promises.
#include "catch.hpp"

#include "io/run_store.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace {

struct Row {  // eight words, as a life table row
  double age, deaths, population, end, rate;
  std::size_t line;
  double a0;
  std::int32_t sex;
  std::int32_t spare;
};
static_assert(heq::io::run_storable<Row>);

bool same_bits(const Row& a, const Row& b) { return std::memcmp(&a, &b, sizeof(Row)) == 0; }

// Ends the store and requires group 0's rows to be `in`, bit for bit.
void require_back(heq::io::RunStore<Row>& store, const std::vector<Row>& in) {
  store.finish();
  std::vector<Row> out;
  store.rows(0, out);
  REQUIRE(out.size() == in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    INFO("row " << i << ", deaths " << in[i].deaths);
    REQUIRE(same_bits(out[i], in[i]));
  }
}

// Values of every kind a column may hold, the awkward ones included.
double awkward(std::mt19937_64& rng) {
  static const double kinds[] = {0.0,
                                 -0.0,
                                 1.0,
                                 255.0,
                                 256.0,
                                 -1.0,
                                 -32768.0,
                                 32767.0,
                                 32768.0,
                                 -32769.0,
                                 0.5,
                                 1e-310,  // subnormal
                                 std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity(),
                                 std::numeric_limits<double>::quiet_NaN(),
                                 -std::numeric_limits<double>::quiet_NaN(),
                                 1e300,
                                 3.4028234663852886e38,  // the largest float
                                 3.4028235677973366e38,  // just above it
                                 0.1};
  const std::size_t pick = rng() % 28;
  if (pick < std::size(kinds)) return kinds[pick];
  if (pick < 24) return static_cast<double>(static_cast<std::int64_t>(rng() % 70000) - 35000);
  if (pick < 26) return static_cast<double>(static_cast<float>(std::ldexp(rng() % 100000, -7)));
  return std::bit_cast<double>(rng());  // any bits, signalling NaNs too
}

}  // namespace

TEST_CASE("run store: random rows in interleaved groups come back bit for bit, in order") {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 20; ++trial) {
    heq::io::RunStore<Row> store;
    std::vector<std::vector<Row>> expected;
    std::size_t group = 0, line = 1;
    std::vector<std::vector<Row>> early;  // the first runs made
    const std::size_t rows = 1 + rng() % 5000;
    // Runs of every length, past the store's longest; columns constant, stepped, short,
    // float or wide within a run, changing between runs.
    for (std::size_t made = 0; made < rows;) {
      const std::size_t run = rng() % 4 == 0 ? 1 + rng() % 3000 : 1 + rng() % 30;
      group = rng() % 3 == 0 || expected.empty() ? expected.size() : rng() % expected.size();
      if (group == expected.size()) expected.emplace_back();
      const int kind = static_cast<int>(rng() % 4);
      const double fixed = awkward(rng);
      // Now and then a run replays an early one (a column of it changed), as every area's
      // table repeats the ages of the first: columns then repeat a reference run's.
      const std::vector<Row>* replay =
          !early.empty() && rng() % 3 == 0 ? &early[rng() % early.size()] : nullptr;
      const int changed = static_cast<int>(rng() % 8);
      std::vector<Row> this_run;
      for (std::size_t i = 0; i < (replay ? replay->size() : run) && made < rows; ++i, ++made) {
        if (replay) {
          Row r = (*replay)[i];
          if (changed < 3) (changed == 0 ? r.age : changed == 1 ? r.deaths : r.rate) = awkward(rng);
          r.line = line++;
          store.add(group, r);
          expected[group].push_back(r);
          continue;
        }
        Row r{};
        r.age = kind == 0 ? static_cast<double>(i % 20 * 5) : awkward(rng);
        r.deaths = kind == 1 ? fixed : awkward(rng);
        r.population = kind == 2 ? static_cast<double>(rng() % 30000) : awkward(rng);
        r.end = fixed;
        r.rate = kind == 3 ? static_cast<double>(static_cast<float>(awkward(rng))) : awkward(rng);
        r.line = kind == 3 ? rng() : line;
        r.a0 = std::numeric_limits<double>::quiet_NaN();
        r.sex = static_cast<std::int32_t>(rng() % 2);
        r.spare = static_cast<std::int32_t>(rng());
        line += 1 + (rng() % 50 == 0);  // a blank line now and then
        store.add(group, r);
        expected[group].push_back(r);
        this_run.push_back(r);
      }
      if (!replay && early.size() < 12 && this_run.size() > 1) early.push_back(this_run);
    }
    store.finish();
    REQUIRE(store.groups() == expected.size());
    std::vector<Row> got;
    for (std::size_t g = 0; g < expected.size(); ++g) {
      store.rows(g, got);
      REQUIRE(got.size() == expected[g].size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("trial " << trial << ", group " << g << ", row " << i);
        REQUIRE(same_bits(got[i], expected[g][i]));
      }
    }
  }
}

TEST_CASE("run store: -0, 256, 32,768, NaNs and values past a float's range keep their bits") {
  // One column holding only one awkward kind at a time: each must pick an exact form.
  const double kinds[] = {-0.0,
                          256.0,
                          -1.0,
                          255.5,
                          32768.0,
                          -32769.0,
                          0.1,
                          1e300,
                          3.4028235677973366e38,
                          std::bit_cast<double>(std::uint64_t{0x7FF0000000000001}),  // sNaN
                          -std::numeric_limits<double>::quiet_NaN(),
                          1e-310};
  for (double kind : kinds) {
    heq::io::RunStore<Row> store;
    std::vector<Row> in;
    for (int i = 0; i < 9; ++i) {
      Row r{};
      r.age = i;  // short integers
      r.deaths = i % 2 ? kind : 3.0;
      r.population = kind;
      r.line = static_cast<std::size_t>(i) * 7;
      in.push_back(r);
      store.add(0, r);
    }
    INFO("value " << kind);
    require_back(store, in);
  }
}

TEST_CASE("run store: a life table of 20 bands takes 14 words, not 160, and one like it 4") {
  // Ages and deaths as bytes (3 words each), populations as 2-byte integers (5), the line
  // numbers as a start and a step (2), the four unread or constant words nothing (they
  // are the first row's; the sex shares its word with the padding), and a word of the
  // run's row count and codes.
  heq::io::RunStore<Row> store;
  for (int i = 0; i < 20; ++i)
    store.add(0, Row{i * 5.0, 10.0 + i, 1000.0 + 37 * i, std::nan(""), std::nan(""),
                     static_cast<std::size_t>(100 + i), std::nan(""), 1, 0});
  store.finish();
  CHECK(store.words() == 3 + 3 + 5 + 2 + 0 + 1);
  // A second table of the other sex: its sex word is constant, not the first row's (1);
  // its ages, deaths and populations repeat the first table's, the first run of 20 rows,
  // and take nothing.
  for (int i = 0; i < 20; ++i)
    store.add(1, Row{i * 5.0, 10.0 + i, 1000.0 + 37 * i, std::nan(""), std::nan(""),
                     static_cast<std::size_t>(200 + i), std::nan(""), 2, 0});
  store.finish();
  CHECK(store.words() == (3 + 3 + 5 + 2 + 1) + (2 + 1 + 1));
  // A third with other deaths repeats only the ages and populations; a table of 19 bands
  // repeats nothing (it is the first of its length), and the next of 19 repeats it.
  for (int i = 0; i < 20; ++i)
    store.add(2, Row{i * 5.0, 20.0 + i, 1000.0 + 37 * i, std::nan(""), std::nan(""),
                     static_cast<std::size_t>(300 + i), std::nan(""), 1, 0});
  store.finish();
  CHECK(store.words() == 14 + 4 + (3 + 2 + 1));
  for (int g = 3; g < 5; ++g)
    for (int i = 0; i < 19; ++i)
      store.add(static_cast<std::size_t>(g),
                Row{i * 5.0, 10.0 + i, 1000.0 + 37 * i, std::nan(""), std::nan(""),
                    static_cast<std::size_t>(100 * g + i), std::nan(""), 1, 0});
  store.finish();
  CHECK(store.words() == 14 + 4 + 6 + (3 + 3 + 5 + 2 + 1) + (2 + 1));
  std::vector<Row> back;
  store.rows(4, back);
  REQUIRE(back.size() == 19);
  CHECK(back[18].age == 90.0);
  CHECK(back[18].population == 1000.0 + 37 * 18);
  CHECK(back[18].line == 418);
  // A population over 32,767 takes floats (10 words), a fraction of a death 8 bytes (20);
  // whole numbers in one binade, a step in their bits (2).
  heq::io::RunStore<Row> wider;
  for (int i = 0; i < 20; ++i)
    wider.add(0, Row{i * 5.0, 10.25 + i / 3.0, 100000.0 + i * i, std::nan(""), std::nan(""),
                     static_cast<std::size_t>(100 + i), std::nan(""), 1, 0});
  wider.finish();
  CHECK(wider.words() == 3 + 20 + 10 + 2 + 1);
  heq::io::RunStore<Row> binade;
  for (int i = 0; i < 20; ++i)
    binade.add(0, Row{i * 5.0, 10.0, 100000.0 + i, std::nan(""), std::nan(""),
                      static_cast<std::size_t>(100 + i), std::nan(""), 1, 0});
  binade.finish();
  CHECK(binade.words() == 3 + 0 + 2 + 2 + 1);
  // Deaths written with six digits (deaths / 7, as read from text) are no float, but
  // whole numbers over 10^5: a word for the power and 4 bytes each (1 + 10).
  heq::io::RunStore<Row> decimals;
  for (int i = 0; i < 20; ++i) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", (10.0 + 37 * i) / 7);
    decimals.add(0, Row{i * 5.0, std::strtod(text, nullptr), 1000.0 + 37 * i, std::nan(""),
                        std::nan(""), static_cast<std::size_t>(100 + i), std::nan(""), 1, 0});
  }
  decimals.finish();
  CHECK(decimals.words() == 3 + 11 + 5 + 2 + 1);
  // A row alone is its eight words as they are.
  heq::io::RunStore<Row> alone;
  alone.add(0, Row{});
  alone.add(1, Row{});
  alone.finish();
  CHECK(alone.words() == 16);
}

TEST_CASE("run store: decimals come back bit for bit, and what is no decimal stays whole") {
  // Values as read from text with 0 to 12 places, signs, near 2^31 over the power and
  // past it, -0 and NaN among them: each run keeps one form, exact or the 8 bytes.
  std::mt19937_64 rng(9);
  for (int trial = 0; trial < 2000; ++trial) {
    heq::io::RunStore<Row> store;
    std::vector<Row> in;
    const int places = static_cast<int>(rng() % 13);
    const std::size_t n = 2 + rng() % 40;
    for (std::size_t i = 0; i < n; ++i) {
      char text[64];
      const auto whole = static_cast<long long>(rng() % 4'000'000'000ULL) - 2'000'000'000LL;
      std::snprintf(text, sizeof text, "%.*f", places,
                    static_cast<double>(whole) / std::pow(10.0, rng() % 12));
      Row r{};
      r.deaths = std::strtod(text, nullptr);
      if (rng() % 50 == 0) r.deaths = rng() % 2 ? -0.0 : std::nan("");
      r.line = i;
      in.push_back(r);
      store.add(0, r);
    }
    INFO("trial " << trial);
    require_back(store, in);
  }
}
