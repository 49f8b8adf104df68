#include "catch.hpp"
#include "table_io.hpp"

#include "core/error.hpp"
#include "io/csv_split.hpp"
#include "io/reader.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using heq::DataError;
using heq::io::Reader;
using heq::test::text_input;

namespace {

std::vector<std::vector<std::string>> rows_of(Reader& r) {
  std::vector<std::vector<std::string>> out;
  while (r.next()) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r.header().size(); ++i) row.emplace_back(r.field(i));
    out.push_back(row);
  }
  return out;
}

heq::Location error_at(const std::string& text, std::vector<std::string> where = {}) {
  try {
    auto options = text_input(text, "in.csv");
    options.where = std::move(where);
    Reader r(options);
    while (r.next())
      for (std::size_t i = 0; i < r.header().size(); ++i) r.number(i);
  } catch (const DataError& e) {
    return e.where();
  }
  FAIL("no DataError for: " << text);
  return {};
}

std::string error_text(const std::string& text) {
  try {
    Reader r(text_input(text, "in.csv"));
    while (r.next()) {
    }
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("reader: header, BOM, CRLF, blank lines, missing final newline") {
  const std::string text =
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n\r\n3,4";
  Reader r(text_input(text));
  CHECK(r.header() == std::vector<std::string>{"a", "b"});
  CHECK(rows_of(r) == Rows{{"1", "2"}, {"3", "4"}});
}

TEST_CASE("reader: a quoted field spanning lines keeps later line numbers right") {
  const std::string text = "label,n\n\"two\nlines\",1\nplain,x\n";
  Reader r(text_input(text));
  REQUIRE(r.next());
  CHECK(r.field(0) == "two\nlines");
  CHECK(r.line() == 2);
  REQUIRE(r.next());
  CHECK(r.line() == 4);
  try {
    r.number(1);
    FAIL("x is not a number");
  } catch (const DataError& e) {
    CHECK(e.where().line == 4);
    CHECK(e.where().column == 2);
    CHECK(std::string(e.what()) ==
          "column 'n': \"x\" is not a number; a suppression marker? give --na 'x' to read it as "
          "missing (--na takes a comma-separated list)");
  }
}

TEST_CASE("reader: missing values") {
  const std::string text = "a,b,c,d\nNA, ,,.\n";
  auto options = text_input(text);
  Reader plain(options);
  REQUIRE(plain.next());
  CHECK(std::isnan(plain.number(0)));
  CHECK(std::isnan(plain.number(1)));
  CHECK(std::isnan(plain.number(2)));
  CHECK_THROWS_AS(plain.number(3), DataError);
  options.na_tokens = {"."};
  Reader dots(options);
  REQUIRE(dots.next());
  CHECK(std::isnan(dots.number(3)));
  CHECK_THROWS_AS(dots.number(0), DataError);  // NA is no longer missing
  options.na_tokens = {"-999"};
  const std::string sentinel = "a,b\n-999,-999.5\n";
  Reader numeric(text_input(sentinel));
  CHECK(numeric.next());
  CHECK(numeric.number(0) == -999);  // not missing without --na
  auto with_na = text_input(sentinel);
  with_na.na_tokens = {"-999"};
  Reader coded(with_na);
  REQUIRE(coded.next());
  CHECK(std::isnan(coded.number(0)));  // a numeric missing-value code wins over the number
  CHECK(coded.number(1) == -999.5);
}

TEST_CASE("reader: shape errors name line and column") {
  CHECK(error_at("a,b\n1,2\n3\n").line == 3);
  CHECK(error_text("a,b\n1,2\n3\n") == "expected 2 fields as in the header, found 1");
  CHECK(error_at("a,b\n1,2,3\n").line == 2);
  const auto quote = error_at("a,b\n1,\"open\n2,3\n");
  CHECK(quote.line == 2);
  CHECK(error_text("a,b\n1,\"open\n2,3\n") == "a quoted field opened on this line is never closed");
  const auto after = error_at("a,b\n1,\"x\"y\n");
  CHECK(after.line == 2);
  CHECK(after.column == 2);
  CHECK(error_text("") == "the input is empty; a header line is needed");
  CHECK(error_text("\n\n") == "the input is empty; a header line is needed");
}

TEST_CASE("reader: a NUL byte is refused with its line") {
  const std::string text = std::string("a,b\n1,2\n3,") + '\0' + "4\n";
  CHECK(error_at(text).line == 3);
}

TEST_CASE("reader: a NUL byte in a file is placed by reading the file again, past 32 MiB too") {
  // A file's newlines are counted only once a NUL turns up: in the first block LineReader
  // reads (32 MiB), and in a later one. Each line is 16 bytes.
  // Named for this process: two test runs on one machine (a build and a CI clone) at once.
  const std::string path = std::filesystem::temp_directory_path() /
                           ("heq-reader-nul-" + std::to_string(::getpid()) + ".csv");
  for (const std::size_t nul_line : {3ul, 2'500'000ul}) {
    {
      std::ofstream f(path, std::ios::binary);
      f << "a,b\n";
      for (std::size_t line = 2; line < nul_line + 3; ++line)
        f << (line == nul_line ? std::string("12345,") + '\0' + "89\n" : "12345,123456789\n");
    }
    heq::io::ReaderOptions options;
    options.path = path;
    try {
      Reader r(options);
      while (r.next()) r.number(1);
      FAIL("no DataError");
    } catch (const DataError& e) {
      CHECK(e.where().line == nul_line);
      CHECK(std::string(e.what()).find("NUL byte") != std::string::npos);
    }
  }
  std::filesystem::remove(path);
}

TEST_CASE("reader: duplicate and missing column names") {
  const auto dup = error_at("a,b,a\n1,2,3\n");
  CHECK(dup.line == 1);
  CHECK(dup.column == 3);
  CHECK(error_text("a,b,a\n") == "column 'a' appears twice in the header (columns 1 and 3)");
  const std::string unnamed = "a,,\n1,2,3\n", plain = "x,y\n1,2\n";
  Reader ok(text_input(unnamed));  // unnamed columns may repeat
  Reader r(text_input(plain));
  try {
    r.column("z");
    FAIL("no column z");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()) == "column 'z' not found; the header has: x, y");
  }
}

TEST_CASE("reader: --where keeps matching rows") {
  const std::string text = "area,d,v\nA,x,1\nB,x,2\nA,\"y,z\",3\nA,y,4\n";
  auto options = text_input(text);
  options.where = {"area=A"};
  Reader a(options);
  CHECK(rows_of(a).size() == 3);
  CHECK(a.rows_filtered_out() == 1);
  options.where = {"area=A,d!=x"};
  Reader b(options);
  CHECK(rows_of(b) == Rows{{"A", "y,z", "3"}, {"A", "y", "4"}});
  options.where = {"d=y,z"};  // a comma that starts no COL= belongs to the value
  Reader c(options);
  CHECK(rows_of(c) == Rows{{"A", "y,z", "3"}});
  options.where = {"nope=1"};
  CHECK_THROWS_AS(Reader(options), DataError);
  options.where = {"=1"};
  CHECK_THROWS_AS(Reader(options), heq::UsageError);
}

TEST_CASE("reader: delimiter follows the file name unless given") {
  CHECK(heq::io::delimiter_for("x.tsv", 0) == '\t');
  CHECK(heq::io::delimiter_for("x.tab", 0) == '\t');
  CHECK(heq::io::delimiter_for("x.csv", 0) == ',');
  CHECK(heq::io::delimiter_for("-", 0) == ',');
  CHECK(heq::io::delimiter_for("x.tsv", ';') == ';');
  const std::string text = "a\tb\n1\t2\n";
  auto options = text_input(text, "t.tsv");
  Reader r(options);
  CHECK(rows_of(r) == Rows{{"1", "2"}});
}

TEST_CASE("reader: a missing file is an I/O error") {
  heq::io::ReaderOptions options;
  options.path = "/nonexistent/file.csv";
  CHECK_THROWS_AS(Reader(options), heq::IoError);
}

TEST_CASE("reader: whitespace-aligned columns after a title line (HMD's .txt)") {
  const std::string text =
      "Exland, Life tables (period 1x1)\tLast modified: today\n"
      "\n"
      "  Year          Age         mx\n"
      "  2020           0      0.00400\n"
      "\t2020        110+      0.76640   \n";
  auto options = text_input(text);
  options.whitespace = true;
  options.skip = 1;
  Reader r(options);
  CHECK(r.header() == std::vector<std::string>{"Year", "Age", "mx"});
  CHECK(rows_of(r) == Rows{{"2020", "0", "0.00400"}, {"2020", "110+", "0.76640"}});
}

TEST_CASE("reader: whitespace splitting drops leading, trailing and repeated blanks") {
  std::vector<std::string_view> fields;
  heq::io::split_whitespace("  a \t b   c  ", fields);
  CHECK(fields == std::vector<std::string_view>{"a", "b", "c"});
  heq::io::split_whitespace(" \t ", fields);
  CHECK(fields.empty());
}

TEST_CASE("reader: a file LineReader has read whole at the start is not split") {
  // Under 2 MiB, LineReader reads the whole file when made and frees its byte source then:
  // the reader must not ask that source where it stands (a use after free under ASan).
  const std::string path = std::filesystem::temp_directory_path() /
                           ("heq-reader-small-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream f(path, std::ios::binary);
    f << "a,b\n1,2\n3,4\n";
  }
  heq::io::ReaderOptions options;
  options.path = path;
  Reader r(options);
  CHECK(r.split_off(0) == nullptr);
  CHECK(rows_of(r) == Rows{{"1", "2"}, {"3", "4"}});
  std::filesystem::remove(path);

  const std::string small = "a,b\n1,2\n";
  Reader text(text_input(small, "in.csv"));
  CHECK(text.split_off(0) == nullptr);
}

TEST_CASE("reader: a file of 16 MiB or more splits at its middle and reads on past it unsplit") {
  // LineReader takes in 32 MiB at once, so without a fence set before it starts, a file
  // of 20 MB could not be split at its middle (the split would come after 32 MiB).
  const std::string path = std::filesystem::temp_directory_path() /
                           ("heq-reader-middle-" + std::to_string(::getpid()) + ".csv");
  constexpr long kRows = 1'000'000;
  const auto padded = [](long i) { return fmt::format("{:07}", i); };
  {
    std::ofstream f(path, std::ios::binary);
    f << "n,text\n";
    for (long i = 0; i < kRows; ++i) f << padded(i) << ",twenty bytes a row\n";
  }
  const auto size = static_cast<long>(std::filesystem::file_size(path));
  REQUIRE(size > (16L << 20));
  heq::io::ReaderOptions options;
  options.path = path;

  Reader whole(options);
  long n = 0;
  while (whole.next()) {
    if (whole.field(0) != padded(n)) FAIL("row " << n << " reads " << whole.field(0));
    ++n;
  }
  CHECK(n == kRows);
  CHECK(whole.here().line == kRows + 1);

  Reader first(options);
  auto rest = first.split_off(std::size_t{8} << 20);
  REQUIRE(rest != nullptr);
  long before = 0;
  while (first.next()) ++before;
  CHECK(first.at_fence());
  long after = 0;
  while (rest->next()) {
    if (rest->field(0) != padded(before + after)) FAIL("row " << before + after);
    ++after;
  }
  CHECK(before + after == kRows);
  CHECK(std::labs(before - after) < 2);  // the middle line of rows of one length
  std::filesystem::remove(path);
}
