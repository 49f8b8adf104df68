// The CLI layer: the single exit point (0 done, 1 bad data or I/O, 2 bad usage) and the
// common option groups every tool shares.
#include "catch.hpp"

#include "cli/tool.hpp"
#include "core/error.hpp"

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
