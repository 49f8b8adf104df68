#include "catch.hpp"

#include "io/bytes.hpp"
#include "io/split_line.hpp"

#include <cstring>
#include <string>
#include <vector>

using heq::io::QuoteState;
using heq::io::scan_quotes;
using heq::io::split_record;
using heq::io::SplitProblem;

namespace {
std::vector<std::string> split(const std::string& record, char delimiter = ',') {
  std::vector<std::string_view> fields;
  std::string scratch;
  SplitProblem problem;
  REQUIRE(split_record(record, delimiter, fields, scratch, problem));
  return {fields.begin(), fields.end()};
}
SplitProblem problem_of(const std::string& record) {
  std::vector<std::string_view> fields;
  std::string scratch;
  SplitProblem problem;
  REQUIRE_FALSE(split_record(record, ',', fields, scratch, problem));
  return problem;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("split: plain fields") {
  CHECK(split("a,b,c") == V{"a", "b", "c"});
  CHECK(split("") == V{""});
  CHECK(split(",") == V{"", ""});
  CHECK(split("a,,c,") == V{"a", "", "c", ""});
  CHECK(split("a;b", ';') == V{"a", "b"});
  CHECK(split("a\tb c", '\t') == V{"a", "b c"});
}

TEST_CASE("split: RFC 4180 quoting") {
  CHECK(split(R"("a,b",c)") == V{"a,b", "c"});
  CHECK(split(R"("say ""hi""",x)") == V{"say \"hi\"", "x"});
  CHECK(split(R"("",x)") == V{"", "x"});
  CHECK(split(R"(x,"")") == V{"x", ""});
  CHECK(split(R"("a",)") == V{"a", ""});
  CHECK(split("\"line1\nline2\",z") == V{"line1\nline2", "z"});
  CHECK(split(R"("""")") == V{"\""});
  // A quote inside an unquoted field is an ordinary character.
  CHECK(split(R"(5'11",x)") == V{"5'11\"", "x"});
}

TEST_CASE("split: malformed quoting names the field") {
  const SplitProblem open = problem_of(R"(a,"never closed)");
  CHECK(open.column == 2);
  CHECK(open.message == "quoted field is never closed");
  const SplitProblem after = problem_of(R"(a,"b"c,d)");
  CHECK(after.column == 2);
  CHECK(after.message == "unexpected text after the closing quote of a field");
}

TEST_CASE("split: views stay valid when several fields are unescaped") {
  const std::string record = R"("a""1","b""2","c""3",plain,"d""4")";
  CHECK(split(record) == V{"a\"1", "b\"2", "c\"3", "plain", "d\"4"});
}

TEST_CASE("quote scan: a record continues while a quoted field is open") {
  CHECK(scan_quotes("a,b", ',', QuoteState::field_start) == QuoteState::unquoted);
  CHECK(scan_quotes("a,\"b", ',', QuoteState::field_start) == QuoteState::quoted);
  CHECK(scan_quotes("x\"", ',', QuoteState::quoted) == QuoteState::quote_in_quoted);
  CHECK(scan_quotes("\"\"", ',', QuoteState::quoted) == QuoteState::quoted);
  CHECK(scan_quotes("\"a\"\"b\"", ',', QuoteState::field_start) == QuoteState::quote_in_quoted);
  CHECK(scan_quotes("a\"b", ',', QuoteState::field_start) == QuoteState::unquoted);
}

TEST_CASE("split: the word-at-a-time splitter agrees with the general one") {
  // Records of 0 to 200 bytes (several 64-byte windows) over delimiters, quotes, high bytes and
  // near misses (bytes one off the delimiter or quote, which a borrow-prone bit trick would
  // confuse).
  const char alphabet[] = {'a', ',', ';',    '\t',   '"',    '+', '-',
                           '!', '#', '\x80', '\xac', '\xff', ' ', '\r'};
  std::uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  std::vector<std::string_view> plain, general;
  std::string scratch;
  SplitProblem problem;
  for (int i = 0; i < 200000; ++i) {
    std::string record(next() % (i % 4 ? 41 : 201), 'a');
    for (char& c : record) c = alphabet[next() % sizeof alphabet];
    const char delimiter = ",;\t"[next() % 3];
    INFO("record [" << record << "] delimiter " << int(delimiter));
    const bool has_quote = record.find('"') != std::string::npos;
    REQUIRE(heq::io::split_plain(record, delimiter, plain) == !has_quote);
    if (has_quote) continue;
    REQUIRE(split_record(record, delimiter, general, scratch, problem));
    REQUIRE(plain == general);
  }
}

TEST_CASE("bytes: counting a byte, near misses around it") {
  std::string text;
  std::size_t newlines = 0;
  for (int i = 0; i < 1000; ++i) {
    CHECK(heq::io::bytes::count(text.data(), text.size(), '\n') == newlines);
    const char c = "\n\x0b\x09\x8a\xff a"[i % 7];  // near misses of '\n' (0x0a) around it
    newlines += c == '\n';
    text += c;
  }
}

TEST_CASE("bytes: counting over long runs, where the byte lanes must be folded in time") {
  // 255 steps of 16 bytes fill a lane to 255; all-newline text is the worst case.
  for (std::size_t size : {4079u, 4080u, 4081u, 8161u, 100000u}) {
    const std::string all(size, '\n');
    CHECK(heq::io::bytes::count(all.data(), all.size(), '\n') == size);
    std::string mixed;
    std::size_t want = 0;
    for (std::size_t i = 0; i < size; ++i) {
      mixed += i % 3 ? '\n' : 'x';
      want += i % 3 != 0;
    }
    CHECK(heq::io::bytes::count(mixed.data(), mixed.size(), '\n') == want);
  }
}

TEST_CASE("bytes: equal ranges, and ranges one byte apart anywhere, of every length to 40") {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('A' + (i * 7) % 26);
    const std::string b = a;
    CHECK(heq::io::bytes::same(a, b));
    for (std::size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = static_cast<char>(c[i] ^ 0x20);
      INFO("length " << n << ", byte " << i);
      CHECK_FALSE(heq::io::bytes::same(a, c));
    }
    CHECK_FALSE(heq::io::bytes::same(a, a + "x"));
  }
}

TEST_CASE("csv split: a NUL-terminated line splits as its text does, at every alignment") {
  // split_terminated reads 16-byte blocks on 16-byte boundaries: bytes before the line and
  // after its NUL are read and must not count. They are delimiters and quotes here.
  const char alphabet[] = {'a', ',', ';', '\t', '"', '+', '\x80', '\xff', ' '};
  std::uint64_t state = 987654321;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  std::vector<std::string_view> want, got;
  for (int i = 0; i < 100000; ++i) {
    std::string record(next() % (i % 4 ? 41 : 201), 'a');
    for (char& c : record) c = alphabet[next() % (i % 3 ? 4 : sizeof alphabet)];
    const char delimiter = ",;\t"[next() % 3];
    const std::size_t offset = next() % 16;
    std::vector<char> buffer(offset + record.size() + 1 + next() % 20, delimiter);
    for (std::size_t j = 0; j < offset; ++j) buffer[j] = j % 2 ? '"' : delimiter;
    std::memcpy(buffer.data() + offset, record.data(), record.size());
    buffer[offset + record.size()] = '\0';
    for (std::size_t j = offset + record.size() + 1; j < buffer.size(); ++j)
      buffer[j] = j % 3 ? delimiter : '"';
    INFO("record [" << record << "] delimiter " << int(delimiter) << " offset " << offset);
    const bool plain = heq::io::split_plain(record, delimiter, want);
    std::size_t count = 0, length = 0;
    REQUIRE(heq::io::split_terminated(buffer.data() + offset, delimiter, got, count, length) ==
            plain);
    if (!plain) continue;
    CHECK(length == record.size());
    REQUIRE(count <= got.size());
    REQUIRE(std::vector<std::string_view>(got.begin(), got.begin() + count) == want);
  }
}
