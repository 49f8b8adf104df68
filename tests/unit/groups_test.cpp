// The grouping layer every tool uses: --by keys in order of first appearance, --sorted
// streaming, and the errors for groups that are not together or keys that repeat.
#include "catch.hpp"
#include "table_io.hpp"

#include "core/error.hpp"
#include "io/groups.hpp"

#include <string>
#include <vector>

namespace {

struct Seen {
  std::vector<std::vector<std::string>> keys;
  std::vector<std::vector<int>> rows;
};

Seen group(const std::string& csv, const std::vector<std::string>& by, bool sorted) {
  heq::io::Reader reader(heq::test::text_input(csv));
  heq::io::GroupKeys keys(reader, by, sorted);
  Seen seen;
  heq::io::for_each_group<int>(
      reader, keys, sorted,
      [](const heq::io::Reader& r) { return static_cast<int>(r.number(r.column("x"))); },
      [&](std::size_t id, std::vector<int>& rows) {
        seen.keys.push_back(keys.key(id));
        seen.rows.push_back(rows);
      });
  return seen;
}

}  // namespace

TEST_CASE("groups: keys in order of first appearance, each group's rows in input order") {
  const Seen s = group("a,b,x\nB,1,1\nA,1,2\nB,1,3\nB,2,4\nA,1,5\n", {"a", "b"}, false);
  using K = std::vector<std::vector<std::string>>;
  CHECK(s.keys == K{{"B", "1"}, {"A", "1"}, {"B", "2"}});
  CHECK(s.rows == std::vector<std::vector<int>>{{1, 3}, {2, 5}, {4}});
}

TEST_CASE("groups: --sorted hands on each group as it ends, with its own key") {
  const std::string csv = "a,x\nB,1\nB,2\nA,3\nC,4\nC,5\n";
  const Seen sorted = group(csv, {"a"}, true), held = group(csv, {"a"}, false);
  CHECK(sorted.keys == held.keys);
  CHECK(sorted.rows == held.rows);
}

TEST_CASE("groups: --sorted refuses a group that comes back, naming it") {
  try {
    group("a,x\nB,1\nA,2\nB,3\n", {"a"}, true);
    FAIL("no error");
  } catch (const heq::DataError& e) {
    CHECK(e.where().line == 4);
    CHECK(std::string(e.what()).find("--sorted") != std::string::npos);
  }
}

TEST_CASE("groups: no --by is one group; keys are compared whole, not by prefix") {
  CHECK(group("a,x\nB,1\nA,2\n", {}, false).rows == std::vector<std::vector<int>>{{1, 2}});
  // "A" + "BC" and "AB" + "C" are different keys.
  CHECK(group("a,b,x\nA,BC,1\nAB,C,2\n", {"a", "b"}, false).keys.size() == 2);
}

TEST_CASE("groups: a --by column named twice is a usage error, a missing one a data error") {
  CHECK_THROWS_AS(group("a,x\nB,1\n", {"a", "a"}, false), heq::UsageError);
  CHECK_THROWS_AS(group("a,x\nB,1\n", {"b"}, false), heq::DataError);
}

TEST_CASE("groups: sort_unique orders by key and names both lines of a repeat") {
  struct Row {
    double key;
    std::size_t line;
  };
  const std::string csv = "a\n1\n";
  heq::io::Reader reader(heq::test::text_input(csv));
  std::vector<Row> rows{{3, 2}, {1, 3}, {2, 4}};
  heq::io::sort_unique(
      rows, [](const Row& r) { return r.key; }, reader, "age band");
  CHECK(rows[0].key == 1);
  CHECK(rows[2].key == 3);
  rows.push_back({2, 9});
  try {
    heq::io::sort_unique(
        rows, [](const Row& r) { return r.key; }, reader, "age band");
    FAIL("no error");
  } catch (const heq::DataError& e) {
    CHECK(std::string(e.what()) == "age band 2 appears twice in one group (lines 4 and 9)");
  }
}

TEST_CASE("groups: many interleaved keys keep their numbers as the key table grows") {
  // 5,000 keys, each seen three times, interleaved so that none follows itself: the
  // table is rebuilt several times and every lookup after that must find the old id.
  std::string csv = "a,b,x\n";
  for (int pass = 0; pass < 3; ++pass)
    for (int k = 0; k < 5000; ++k)
      csv += "k" + std::to_string(k % 97) + "," + std::to_string(k) + "," + std::to_string(pass) +
             "\n";
  const Seen s = group(csv, {"a", "b"}, false);
  REQUIRE(s.keys.size() == 5000);
  for (int k = 0; k < 5000; ++k) {
    CHECK(s.keys[k] == std::vector<std::string>{"k" + std::to_string(k % 97), std::to_string(k)});
    CHECK(s.rows[k] == std::vector<int>{0, 1, 2});
  }
  // Empty values are keys too, and differ from each other by position.
  CHECK(group("a,b,x\n,1,1\n1,,2\n,1,3\n", {"a", "b"}, false).keys ==
        std::vector<std::vector<std::string>>{{"", "1"}, {"1", ""}});
}

TEST_CASE("groups: adjacent key columns compared as one span, quoted or not") {
  // The same key quoted and unquoted is one group; so is a key whose span differs only in
  // the whitespace between aligned columns. Keys that differ in any field stay apart.
  CHECK(group("a,b,x\nA,1,1\n\"A\",1,2\nA,\"1\",3\nA,2,4\nA,1,5\n", {"a", "b"}, false).rows ==
        std::vector<std::vector<int>>{{1, 2, 3, 5}, {4}});
  CHECK(group("a,b,x\nA,1,1\n\"A\",1,2\nA,\"1\",3\nA,2,4\n", {"a", "b"}, true).rows ==
        std::vector<std::vector<int>>{{1, 2, 3}, {4}});
  std::string aligned = "a b x\nA  1 1\nA 1  2\nAB 1 3\nA 11 4\n";
  for (bool sorted : {false, true}) {  // sorted: a span that differs is not a new key here
    CAPTURE(sorted);
    heq::io::ReaderOptions ro = heq::test::text_input(aligned);
    ro.whitespace = true;
    heq::io::Reader reader(ro);
    heq::io::GroupKeys keys(reader, {"a", "b"}, sorted);
    std::vector<std::size_t> ids;
    while (reader.next()) ids.push_back(keys.assign(reader));
    CHECK(ids == std::vector<std::size_t>{0, 0, 1, 2});
  }
}

TEST_CASE("groups: key_of keeps two inputs' keys apart whatever bytes the values hold") {
  // A separator byte inside a value must not make ("a<US>", "b") and ("a", "<US>b") one key.
  const std::string csv =
      "x,y\na\x1f,b\na,\x1f"
      "b\n";
  heq::io::Reader reader(heq::test::text_input(csv));
  const std::vector<std::size_t> cols{0, 1};
  REQUIRE(reader.next());
  const std::string first = heq::io::key_of(reader, cols);
  REQUIRE(reader.next());
  CHECK(heq::io::key_of(reader, cols) != first);
}

namespace {

// Sorted keys of every row of `csv` (a,b,x): the first part of a split input, or with
// `rest` its second part (GroupKeys::rest_of_split), as the two threads read them.
heq::io::GroupKeys part_keys(const std::string& csv, bool rest) {
  const std::string text = "a,b,x\n" + csv;
  heq::io::Reader reader(heq::test::text_input(text));
  heq::io::GroupKeys keys = rest ? heq::io::GroupKeys::rest_of_split(reader, {"a", "b"})
                                 : heq::io::GroupKeys(reader, {"a", "b"}, true);
  while (reader.next()) keys.assign(reader);
  return keys;
}

// Whether the rest's groups may follow the first part's; `carries` says how its first
// group was taken: 1 carried on, 0 begun anew, -1 not asked (they may not follow).
int follows(const std::string& first, const std::string& rest, int carries) {
  const heq::io::GroupKeys mine = part_keys(first, false), theirs = part_keys(rest, true);
  bool carries_on = false;
  const bool ok = mine.may_follow(theirs, carries_on);
  CHECK((ok ? int{carries_on} : -1) == carries);
  return ok;
}

}  // namespace

TEST_CASE("groups: a split input's rest may follow its first part only where one pass agrees") {
  // In order on both sides, the rest's first value above: it follows, whatever comes after.
  follows("A,1,1\nA,2,1\n", "B,1,1\nC,1,1\n", 0);
  // The split inside a group: its rows carry on.
  follows("A,1,1\nA,2,1\n", "A,2,1\nB,1,1\n", 1);
  // The split inside a first value: its keys under it are looked at, every one of them.
  follows("A,1,1\nA,2,1\n", "A,3,1\nA,4,1\nB,1,1\n", 0);
  follows("A,1,1\nA,2,1\n", "A,3,1\nA,1,1\nB,1,1\n", -1);
  follows("A,1,1\nA,2,1\n", "A,2,1\nA,3,1\nA,1,1\n", -1);
  // Past the leading keys the first values are above: A,1 again under B is B's own key.
  follows("A,1,1\nA,2,1\n", "A,3,1\nB,1,1\nB,2,1\n", 0);
  // The first value falls at the split: every key of the rest is looked up.
  follows("A,1,1\nB,1,1\n", "A,2,1\nC,1,1\n", 0);
  follows("A,1,1\nB,1,1\n", "A,2,1\nC,1,1\nA,1,1\n", -1);
  // The rest out of order within itself but no group back: looked up, and it follows.
  follows("A,1,1\n", "C,1,1\nB,1,1\n", 0);
  follows("A,1,1\nB,1,1\n", "C,1,1\nB,1,1\n", -1);
  // An empty side.
  follows("", "A,1,1\n", 0);
  follows("A,1,1\n", "", 0);
}

TEST_CASE("groups: the rest of a split refuses its own group that comes back") {
  CHECK_THROWS_AS(part_keys("C,1,1\nD,1,1\nC,1,1\n", true), heq::DataError);
}

TEST_CASE("groups: the first part takes the rest's first key as its next group") {
  heq::io::GroupKeys mine = part_keys("A,1,1\nA,2,1\n", false);
  const heq::io::GroupKeys theirs = part_keys("B,7,1\nB,8,1\nC,1,1\n", true);
  const std::size_t id = mine.follow_first(theirs);
  CHECK(id == 2);
  CHECK(mine.key(id) == std::vector<std::string>{"B", "7"});
  CHECK(mine.key(id - 1) == std::vector<std::string>{"A", "2"});
}
