// The CLI layer: the single exit point (0 done, 1 bad data or I/O, 2 bad usage) and the
// common option groups every tool shares.
#include "catch.hpp"

#include "cli/tool.hpp"
#include "core/error.hpp"
#include "tables/grouping.hpp"

#include <string>
#include <vector>

namespace {

int run(heq::cli::Tool& tool, std::vector<std::string> args, const std::function<void()>& body) {
  std::vector<char*> argv;
  static std::string name = "heq-test";
  argv.push_back(name.data());
  for (std::string& a : args) argv.push_back(a.data());
  return tool.run(static_cast<int>(argv.size()), argv.data(), body);
}

}  // namespace

TEST_CASE("cli: errors become exit statuses in one place") {
  const auto status = [](const std::function<void()>& body, std::vector<std::string> args = {}) {
    heq::cli::Tool tool("heq-test", "heq-test: a test.", "  heq-test");
    return run(tool, std::move(args), body);
  };
  CHECK(status([] {}) == 0);
  CHECK(status([] { throw heq::DataError(heq::Location{"f.csv", 3, 2}, "bad cell"); }) == 1);
  CHECK(status([] { throw heq::IoError("f.csv: cannot open"); }) == 1);
  CHECK(status([] { throw heq::UsageError("bad option"); }) == 2);
  CHECK(status([] { throw heq::BrokenPipe(); }) == 0);  // `| head` ends quietly
  CHECK(status([] {}, {"--no-such-option"}) == 2);
  CHECK(status([] {}, {"--format", "xml"}) == 2);
  CHECK(status([] { FAIL("--help must not run the body"); }, {"--help"}) == 0);
}

TEST_CASE("cli: the common option groups fill CommonOptions and parse levels") {
  heq::cli::Tool tool("heq-test", "heq-test: a test.", "  heq-test");
  tool.add_by();
  tool.add_confidence();
  tool.add_input_confidence();
  std::vector<double> levels;
  std::optional<double> input;
  const int s = run(tool,
                    {"a.csv", "b.csv", "--by", "area,sex", "--sorted", "--confidence", "95,99.8",
                     "--input-confidence", "90", "--na", "NA,*", "--thousands", ","},
                    [&] {
                      levels = tool.levels();
                      input = tool.input_level();
                    });
  CHECK(s == 0);
  const heq::cli::CommonOptions& c = tool.common();
  CHECK(c.inputs == std::vector<std::string>{"a.csv", "b.csv"});
  CHECK(c.by == std::vector<std::string>{"area", "sex"});
  CHECK(c.sorted);
  CHECK(c.na == std::vector<std::string>{"NA", "*"});
  CHECK(levels == std::vector<double>{0.95, 0.998});
  CHECK(input == 0.9);
  const heq::io::ReaderOptions r = tool.reader_options();
  CHECK(r.path == "a.csv");
  CHECK(r.more_paths == std::vector<std::string>{"b.csv"});
  CHECK(r.thousands == ',');
}

TEST_CASE("cli: a bad level or two input levels are usage errors") {
  heq::cli::Tool tool("heq-test", "heq-test: a test.", "  heq-test");
  tool.add_confidence();
  tool.add_input_confidence();
  CHECK(run(tool, {"--input-confidence", "95,99"}, [&] { (void)tool.input_level(); }) == 2);
  heq::cli::Tool other("heq-test", "heq-test: a test.", "  heq-test");
  other.add_confidence();
  CHECK(run(other, {"--confidence", "120"}, [&] { (void)other.levels(); }) == 2);
}

TEST_CASE("cli: fill() sets the embedded Grouping and input_level, and the option shapes bind") {
  struct Options {
    heq::Grouping grouping;
    std::optional<double> input_level;
    std::string count = "count", population = "population";
    double multiplier = 100000;
    std::string reference;
    std::vector<std::string> match;
    bool rate = false;
    enum class Kind { ratio, rate } kind = Kind::ratio;
  } o;
  heq::cli::Tool tool("heq-test", "heq-test: a test.", "  heq-test");
  tool.add_grouping();
  tool.add_threads();
  tool.add_input_confidence();
  bool population_given = true, count_given = false;
  tool.add_columns({{"--count", o.count, "Events column", &count_given},
                    {"--population", o.population, "Population column", &population_given}});
  tool.add_value("--multiplier", o.multiplier, "M", "Per this many");
  tool.add_named("--reference", o.reference, "FILE", "A file");
  tool.add_list("--match", o.match, "COLS", "Shared columns");
  tool.add_flag("--rate", o.rate, "A flag");
  tool.add_choice("--kind", o.kind,
                  {{"ratio", Options::Kind::ratio}, {"rate", Options::Kind::rate}},
                  "ratio or rate");
  population_given = false;
  const std::vector<std::string> args{
      "--by",    "area,sex",           "--sorted", "--confidence", "95,99.8", "--threads",
      "3",       "--input-confidence", "90",       "--count",      "deaths",  "--multiplier",
      "1000",    "--reference",        "ref.csv",  "--rate",       "--kind",  "rate",
      "--match", "sex,year",           "x.csv"};
  CHECK(run(tool, args, [&] { tool.fill(o); }) == 0);
  CHECK(o.grouping.by == std::vector<std::string>{"area", "sex"});
  CHECK(o.grouping.sorted);
  CHECK(o.grouping.levels == std::vector<double>{0.95, 0.998});
  CHECK(o.grouping.threads == 3);
  CHECK(o.input_level == 0.9);
  CHECK(o.count == "deaths");
  CHECK(count_given);
  CHECK(o.population == "population");
  CHECK_FALSE(population_given);
  CHECK(o.multiplier == 1000);
  CHECK(o.reference == "ref.csv");
  CHECK(o.match == std::vector<std::string>{"sex", "year"});
  CHECK(tool.common().inputs == std::vector<std::string>{"x.csv"});  // a list stops at its value
  CHECK(o.rate);
  CHECK(o.kind == Options::Kind::rate);
  // A name outside the choice's list.
  heq::cli::Tool other("heq-test", "heq-test: a test.", "  heq-test");
  Options p;
  other.add_choice("--kind", p.kind, {{"ratio", Options::Kind::ratio}}, "ratio");
  CHECK(run(other, {"--kind", "rate"}, [] {}) == 2);
  // Without --confidence on the command line the struct keeps its default level.
  heq::cli::Tool plain("heq-test", "heq-test: a test.", "  heq-test");
  plain.add_grouping();
  Options q;
  CHECK(run(plain, {}, [&] { plain.fill(q); }) == 0);
  CHECK(q.grouping.levels == std::vector<double>{0.95});
  CHECK(q.grouping.by.empty());
}
