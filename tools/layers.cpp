// heq-layers: how long each layer of heq's reading takes on one file, on one thread, for
// scripts/bench/layers (issue 18, goal 2: is fast-cpp-csv-parser's LineReader what stands
// between heq --sorted and 10x `wc -l`?). Each layer adds one step to the one before:
//   linereader  LineReader's next_line over the file, nothing else (the floor of any
//               reading that keeps LineReader as its line source)
//   split       + io::split_terminated on every line (the fields, and the line's end)
//   reader      io::Reader::next instead (pieces of 1 MiB, fences, the field-count check)
//   numbers     + Reader::number on the columns named by --numbers (heq-rate reads two)
//   heq-layers [--rounds N] [--numbers COL,COL] FILE
//     ->   "<layer> <min ms> <median ms> <lines>", a line each
// Every layer runs once per round, in order, so each sees the same page cache; the
// minimum is what the code costs, the median what a shared machine gave. Every layer
// must count the same lines (the header and each row), or the figures compare different
// work: exit 1.
#include "io/fccp.hpp"
#include "io/reader.hpp"
#include "io/split_line.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace {

// A result that depends on every line, so the compiler cannot drop the work.
volatile std::size_t g_sink = 0;

struct Count {
  std::size_t lines = 0, check = 0;  // check: what the work found, into g_sink
};

Count line_reader(const std::string& path) {
  ::io::LineReader lines(path);
  Count n;
  for (; char* line = lines.next_line(); ++n.lines) n.check += static_cast<unsigned char>(line[0]);
  return n;
}

Count split(const std::string& path) {
  ::io::LineReader lines(path);
  std::vector<std::string_view> fields;
  std::size_t count = 0, length = 0;
  Count n;
  for (; char* line = lines.next_line(); ++n.lines)
    n.check += heq::io::split_terminated(line, ',', fields, count, length) ? count : length;
  return n;
}

Count reader(const std::string& path) {
  heq::io::ReaderOptions options;
  options.path = path;
  heq::io::Reader in(options);
  Count n{1, 0};  // the header, read when the reader opens
  for (; in.next(); ++n.lines) n.check += in.field(0).size();
  return n;
}

Count numbers(const std::string& path, const std::vector<std::string>& names) {
  heq::io::ReaderOptions options;
  options.path = path;
  heq::io::Reader in(options);
  std::vector<std::size_t> columns;
  for (const std::string& name : names) columns.push_back(in.column(name));
  double total = 0;
  Count n{1, 0};
  for (; in.next(); ++n.lines)
    for (std::size_t c : columns) total += in.number(c);
  n.check = static_cast<std::size_t>(total);
  return n;
}

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  for (std::size_t from = 0; from <= list.size();) {
    const std::size_t comma = std::min(list.find(',', from), list.size());
    if (comma > from) names.push_back(list.substr(from, comma - from));
    from = comma + 1;
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 11;
  std::string path, columns = "deaths,population";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
      rounds = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--numbers") == 0 && i + 1 < argc)
      columns = argv[++i];
    else if (argv[i][0] != '-' && path.empty())
      path = argv[i];
    else {
      path.clear();  // anything else: the usage line
      break;
    }
  }
  if (path.empty()) {
    std::fputs("usage: heq-layers [--rounds N] [--numbers COL,COL] FILE\n", stderr);
    return 2;
  }
  const std::vector<std::string> names = split_names(columns);
  const std::vector<std::pair<const char*, std::function<Count()>>> layers{
      {"linereader", [&] { return line_reader(path); }},
      {"split", [&] { return split(path); }},
      {"reader", [&] { return reader(path); }},
      {"numbers", [&] { return numbers(path, names); }},
  };
  std::vector<std::vector<double>> ms(layers.size());
  std::vector<std::size_t> lines(layers.size());
  try {
    for (int round = 0; round < rounds; ++round)
      for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        const Count n = layers[i].second();
        ms[i].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        g_sink = g_sink + n.check;
        lines[i] = n.lines;
      }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "heq-layers: %s\n", e.what());
    return 1;
  }
  for (std::size_t i = 1; i < layers.size(); ++i)
    if (lines[i] != lines[0]) {
      std::fprintf(stderr,
                   "heq-layers: %s counted %zu lines but %s %zu: the layers did different "
                   "work (blank lines, or a quoted field over several lines?)\n",
                   layers[i].first, lines[i], layers[0].first, lines[0]);
      return 1;
    }
  for (std::size_t i = 0; i < layers.size(); ++i) {
    std::vector<double>& v = ms[i];
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    const double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    std::printf("%s %.1f %.1f %zu\n", layers[i].first, v[0], median, lines[i]);
  }
  return 0;
}
