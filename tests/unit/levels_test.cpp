// How a confidence level travels with its limits: names written, names read.
#include "catch.hpp"

#include "core/error.hpp"
#include "stats/confidence.hpp"

#include <string>
#include <vector>

using namespace heq::stats;
using Header = std::vector<std::string>;

TEST_CASE("levels: only 95% limits go without a level in their name") {
  CHECK(limit_columns("", {0.95}) == Header{"lowercl", "uppercl"});
  CHECK(limit_columns("", {0.998}) == Header{"lower99_8cl", "upper99_8cl"});
  CHECK(limit_columns("sii_", {0.9}) == Header{"sii_lower90_0cl", "sii_upper90_0cl"});
  CHECK(limit_columns("", {0.95, 0.998}) ==
        Header{"lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"});
}

TEST_CASE("levels: the level read back from a name") {
  CHECK(*level_in_name("lower99_8cl", "") == Approx(0.998).epsilon(1e-15));
  CHECK(*level_in_name("sii_upper95_0cl", "sii_") == Approx(0.95).epsilon(1e-15));
  CHECK(*level_in_name("upper99_95cl", "") == Approx(0.9995).epsilon(1e-15));
  for (const char* none :
       {"lowercl", "lower_cl", "lower99cl", "lowerx_8cl", "sii_lower95_0cl", "lower100_0cl"}) {
    INFO(none);
    CHECK_FALSE(level_in_name(none, "").has_value());
  }
  CHECK_FALSE(level_in_name("lower95_0cl", "sii_").has_value());
}

TEST_CASE("levels: every written level is found again with its level") {
  for (const std::vector<double>& levels :
       {std::vector<double>{0.95}, {0.998}, {0.9}, {0.95, 0.998}, {0.8, 0.99}}) {
    Header header{"value"};
    for (const std::string& c : limit_columns("", levels)) header.push_back(c);
    for (double level : levels) {
      const auto found = find_limit_columns(header, {"", "", "", level});
      REQUIRE(found);
      CHECK(found->level == Approx(level).epsilon(1e-12));
      CHECK(found->lower == lower_name("", level, levels.size() > 1));
    }
  }
}

TEST_CASE("levels: which limits are read without --input-confidence") {
  const LimitRequest plain{"", "", "", std::nullopt};
  CHECK(find_limit_columns({"value", "lowercl", "uppercl"}, plain)->level == 0.95);
  CHECK(find_limit_columns({"value", "lower99_8cl", "upper99_8cl"}, plain)->level ==
        Approx(0.998).epsilon(1e-15));
  // Several levels: the method's own 95% where present, else the user must say.
  CHECK(find_limit_columns({"lower99_8cl", "upper99_8cl", "lower95_0cl", "upper95_0cl"}, plain)
            ->lower == "lower95_0cl");
  CHECK_THROWS_AS(
      find_limit_columns({"lower90_0cl", "upper90_0cl", "lower99_8cl", "upper99_8cl"}, plain),
      heq::UsageError);
  CHECK_FALSE(find_limit_columns({"value", "se"}, plain).has_value());
  // A lone column is handed back so that the caller's lookup names the missing one.
  CHECK(find_limit_columns({"value", "lowercl"}, plain)->upper == "uppercl");
  CHECK(find_limit_columns({"value", "lower99_8cl"}, plain)->upper == "upper99_8cl");
}

TEST_CASE("levels: --input-confidence and named columns") {
  CHECK(find_limit_columns({"lowercl", "uppercl"}, {"", "", "", 0.998})->level == 0.998);
  CHECK_THROWS_AS(find_limit_columns({"lower90_0cl", "upper90_0cl"}, {"", "", "", 0.95}),
                  heq::UsageError);
  CHECK_THROWS_AS(find_limit_columns({"value"}, {"", "", "", 0.95}), heq::UsageError);
  const auto named = find_limit_columns({"lo", "hi"}, {"", "lo", "hi", std::nullopt});
  CHECK(named->level == 0.95);
  CHECK_FALSE(named->level_said);
  CHECK(find_limit_columns({"lo", "hi"}, {"", "lo", "hi", 0.9})->level_said);
  CHECK(find_limit_columns({"lower99_8cl", "upper99_8cl"},
                           {"", "lower99_8cl", "upper99_8cl", std::nullopt})
            ->level == Approx(0.998).epsilon(1e-15));
  CHECK_THROWS_AS(
      find_limit_columns({"lower99_8cl", "upper99_8cl"}, {"", "lower99_8cl", "upper99_8cl", 0.95}),
      heq::UsageError);
  CHECK_THROWS_AS(find_limit_columns({"lower99_8cl", "upper95_0cl"},
                                     {"", "lower99_8cl", "upper95_0cl", std::nullopt}),
                  heq::UsageError);
}

TEST_CASE("levels: a value's own limits come first (heq-sii's sii_lowercl)") {
  const Header sii{"area", "sii",         "sii_lowercl", "sii_uppercl",
                   "rii",  "rii_lowercl", "rii_uppercl"};
  CHECK(find_value_limits(sii, "sii", {})->lower == "sii_lowercl");
  CHECK(find_value_limits(sii, "rii", {})->upper == "rii_uppercl");
  const Header both{"value", "lowercl", "uppercl", "gap", "gap_lower99_8cl", "gap_upper99_8cl"};
  CHECK(find_value_limits(both, "value", {})->lower == "lowercl");
  CHECK(find_value_limits(both, "gap", {})->lower == "gap_lower99_8cl");
  CHECK(find_value_limits({"estimate", "lowercl", "uppercl"}, "estimate", {})->lower == "lowercl");
}
