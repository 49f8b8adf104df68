// Group keys: a composite key splits back into its values whatever their bytes and
// lengths, keys that differ only in where the values part stay apart, and every key
// keeps its id and bytes as the arena fills chunk after chunk.
#include "catch.hpp"

#include "io/key_table.hpp"

#include <random>
#include <string>
#include <vector>

namespace {

std::string composite_of(const std::vector<std::string>& values) {
  std::string key;
  for (const std::string& v : values) heq::io::append_key_part(key, v);
  return key;
}

}  // namespace

TEST_CASE("key parts: values of any length and bytes come back as they went in") {
  // Lengths on each side of one, two and three length bytes (128, 16,384), and empty.
  const std::vector<std::string> values = {"",
                                           "E06000001",
                                           std::string(127, 'a'),
                                           std::string(128, 'b'),
                                           std::string(16383, 'c'),
                                           std::string(16384, '\x80'),
                                           std::string(2'100'000, '\xff'),
                                           std::string("a\0b", 3)};
  std::vector<std::string> back;
  heq::io::split_key_parts(composite_of(values), back);
  REQUIRE(back == values);
  CHECK(composite_of({"E06000001"}).size() == 10);  // one length byte for a short value
  CHECK(composite_of({std::string(128, 'b')}).size() == 130);
}

TEST_CASE("key table: keys that join to the same text stay apart; ids follow first sight") {
  heq::io::KeyTable table;
  const std::size_t ab_c = table.find_or_add(composite_of({"a,b", "c"}));
  const std::size_t a_bc = table.find_or_add(composite_of({"a", "b,c"}));
  const std::size_t ab_empty = table.find_or_add(composite_of({"ab", ""}));
  const std::size_t a_b = table.find_or_add(composite_of({"a", "b"}));
  CHECK(ab_c == 0);
  CHECK(a_bc == 1);
  CHECK(ab_empty == 2);
  CHECK(a_b == 3);
  CHECK(table.find_or_add(composite_of({"a", "b,c"})) == 1);
  CHECK(table.size() == 4);
}

TEST_CASE("key table: 300,000 keys over many chunks, a key longer than a chunk among them") {
  heq::io::KeyTable table;
  std::mt19937_64 rng(7);
  std::vector<std::string> keys;
  const std::string longest(3'000'000, 'x');  // past 1 MiB
  for (std::size_t i = 0; i < 300'000; ++i) {
    std::vector<std::string> values = {"A" + std::to_string(i), i % 2 ? "male" : "female",
                                       std::to_string(rng() % 10)};
    if (i == 123'456) values.push_back(longest);
    if (i % 1000 == 7) values.push_back(std::string(rng() % 40'000, 'y'));
    keys.push_back(composite_of(values));
    REQUIRE(table.find_or_add(keys.back()) == i);
  }
  REQUIRE(table.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    INFO("key " << i);
    REQUIRE(table.bytes(i) == keys[i]);
    REQUIRE(table.find_or_add(keys[i]) == i);
  }
  CHECK(table.size() == keys.size());
}
