#include "catch.hpp"

#include "core/error.hpp"
#include "io/writer.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

using heq::io::Format;
using heq::io::Writer;
using heq::io::WriterOptions;

namespace {

std::string write(Format format, int digits = -1, bool excel_safe = false) {
  std::string out;
  WriterOptions options;
  options.format = format;
  options.digits = digits;
  options.excel_safe = excel_safe;
  Writer w(std::make_unique<heq::io::StringSink>(out), options);
  w.begin({"label", "x", "y"});
  w.text("plain").number(1.5).number(std::nan(""));
  w.end_row();
  w.text("a,\"b\"\n\tc\\").number(-0.0).missing();
  w.end_row();
  w.finish();
  return out;
}

}  // namespace

TEST_CASE("writer: CSV quotes only when needed") {
  CHECK(write(Format::csv) == "label,x,y\nplain,1.5,\n\"a,\"\"b\"\"\n\tc\\\",0,\n");
}

TEST_CASE("writer: TSV escapes instead of quoting") {
  CHECK(write(Format::tsv) == "label\tx\ty\nplain\t1.5\t\na,\"b\"\\n\\tc\\\\\t0\t\n");
}

TEST_CASE("writer: JSON array and NDJSON lines, missing as null") {
  CHECK(write(Format::json) ==
        "[\n{\"label\":\"plain\",\"x\":1.5,\"y\":null},\n"
        "{\"label\":\"a,\\\"b\\\"\\n\\tc\\\\\",\"x\":0,\"y\":null}\n]\n");
  CHECK(write(Format::ndjson) ==
        "{\"label\":\"plain\",\"x\":1.5,\"y\":null}\n"
        "{\"label\":\"a,\\\"b\\\"\\n\\tc\\\\\",\"x\":0,\"y\":null}\n");
}

TEST_CASE("writer: an empty JSON table is an empty array") {
  std::string out;
  Writer w(std::make_unique<heq::io::StringSink>(out), {Format::json, -1, false});
  w.begin({"a"});
  w.finish();
  CHECK(out == "[]\n");
}

TEST_CASE("writer: JSON strings escape control bytes and mend invalid UTF-8") {
  std::string out;
  heq::io::append_json_string(
      out, std::string("\x01\x7f") + "\xC3\xA9" + "\xFF" + "\xE2\x82\xAC" + "\xC3");
  CHECK(out == "\"\\u0001\\u007f\xC3\xA9\\ufffd\xE2\x82\xAC\\ufffd\"");
  out.clear();
  heq::io::append_json_string(out, "\xED\xA0\x80");  // an encoded surrogate is not UTF-8
  CHECK(out == "\"\\ufffd\\ufffd\\ufffd\"");
}

TEST_CASE("writer: --digits applies to numbers only") {
  std::string out;
  Writer w(std::make_unique<heq::io::StringSink>(out), {Format::csv, 2, false});
  w.begin({"t", "n"});
  w.text("3.14159").number(3.14159);
  w.end_row();
  w.finish();
  CHECK(out == "t,n\n3.14159,3.14\n");
}

TEST_CASE("writer: --excel-safe guards formula-like text, never numbers") {
  std::string out;
  Writer w(std::make_unique<heq::io::StringSink>(out), {Format::csv, -1, true});
  w.begin({"a", "b", "c", "d", "e"});
  w.text("=SUM(A1)").text("-3").text("+cmd").text("@x").number(-3);
  w.end_row();
  w.finish();
  CHECK(out == "a,b,c,d,e\n'=SUM(A1),-3,'+cmd,'@x,-3\n");
}

TEST_CASE("writer: a row must fill every column") {
  std::string out;
  Writer w(std::make_unique<heq::io::StringSink>(out), {});
  w.begin({"a", "b"});
  w.text("x");
  CHECK_THROWS_AS(w.end_row(), std::logic_error);
}

TEST_CASE("sink: -o appears only on commit, and nothing is left behind otherwise") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("heq-sink-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto target = dir / "out.csv";
  {
    auto sink = heq::io::open_sink(target.string());
    sink->write("partial");
  }
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(std::filesystem::is_empty(dir));
  {
    auto sink = heq::io::open_sink(target.string());
    sink->write("whole\n");
    sink->commit();
  }
  std::ifstream in(target);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "whole\n");
  std::filesystem::remove_all(dir);
  CHECK_THROWS_AS(heq::io::open_sink("/nonexistent-dir/out.csv"), heq::IoError);
}

TEST_CASE("writer: rows written to a part and appended are the bytes of one writer") {
  // Every format, the split before each of three rows (an empty first part, an empty
  // part): a JSON part opens its rows as rows after others, mended when it comes first.
  for (Format format : {Format::csv, Format::tsv, Format::json, Format::ndjson}) {
    const auto row = [](Writer& w, int i) {
      w.text(i == 1 ? "a,\"b\"" : "c").number(i + 0.5).missing();
      w.end_row();
    };
    std::string whole;
    Writer one(std::make_unique<heq::io::StringSink>(whole), {format, -1, false});
    one.begin({"label", "x", "y"});
    for (int i = 0; i < 3; ++i) row(one, i);
    one.finish();
    for (int split = 0; split <= 3; ++split) {
      std::string out;
      Writer first(std::make_unique<heq::io::StringSink>(out), {format, -1, false});
      first.begin({"label", "x", "y"});
      const std::unique_ptr<Writer> part = first.part();
      for (int i = 0; i < 3; ++i) row(i < split ? first : *part, i);
      first.append(*part);
      first.finish();
      INFO("format " << static_cast<int>(format) << ", split before row " << split);
      CHECK(out == whole);
    }
  }
}

TEST_CASE("writer: a part past one 8 MiB block appends every byte in order") {
  for (Format format : {Format::csv, Format::json}) {
    const auto rows = [](Writer& w, int from, int to) {
      for (int i = from; i < to; ++i) {
        w.text(std::string(100, static_cast<char>('a' + i % 26))).number(i);
        w.end_row();
      }
    };
    std::string whole, out;
    Writer one(std::make_unique<heq::io::StringSink>(whole), {format, -1, false});
    one.begin({"label", "i"});
    rows(one, 0, 200000);  // about 22 MB
    one.finish();
    Writer first(std::make_unique<heq::io::StringSink>(out), {format, -1, false});
    first.begin({"label", "i"});
    const std::unique_ptr<Writer> part = first.part();
    rows(first, 0, 10);
    rows(*part, 10, 200000);
    CHECK(part->held() > (std::size_t{16} << 20));
    first.append(*part);
    first.finish();
    CHECK(out.size() == whole.size());
    CHECK(out == whole);
  }
}
