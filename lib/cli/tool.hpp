#pragma once
// The one CLI layer: every heq tool registers the common options here, opens its input
// and output here, and leaves through run(), the single place where errors become a
// message on stderr and an exit status (0 ok, 1 bad data or I/O, 2 bad usage).
#include "cli/options.hpp"
#include "core/diagnostics.hpp"
#include "io/reader.hpp"
#include "io/writer.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace heq::cli {

struct CommonOptions {
  std::vector<std::string> inputs;  // none: standard input; several: read as one
  bool bom = false;                 // --bom: a UTF-8 byte-order mark before CSV/TSV output
  bool no_header = false;           // --no-header: rows only, for joining parallel runs
  bool progress = false;            // --progress: a progress line even in a pipe
  std::string output;
  std::string format = "csv";
  std::string delimiter;
  std::size_t skip = 0;
  std::vector<std::string> na{"NA"};
  std::string thousands;
  std::vector<std::string> where;
  std::vector<std::string> by;
  int digits = -1;
  bool quiet = false;
  bool excel_safe = false;
  bool sorted = false;
  unsigned threads = 0;
};

class Tool {
 public:
  // `examples` leads the help text; `details` (methods, notes) follows the options.
  Tool(std::string name, std::string summary, std::string examples, std::string details = "");

  CLI::App& app() { return app_; }
  const std::string& name() const { return name_; }
  CommonOptions& common() { return common_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Optional common options a tool opts into. `on` is a heq-plot chart (a subcommand);
  // by default the tool itself.
  enum class Sorted { yes, no };  // whether --by comes with --sorted (streaming groups)
  void add_by(Sorted sorted = Sorted::yes,
              const std::string& help = "Group columns: one result per group, in input order");
  void add_threads();        // --threads, for work spread over cores (Monte Carlo draws)
  void add_split_threads();  // --threads, for a file folded in two halves (io/split_fold.hpp)
  enum class Levels { one, many };  // how many levels --confidence takes
  void add_confidence(Levels levels = Levels::many, std::string default_levels = "0.95",
                      CLI::App* on = nullptr);
  // The grouping most tables share: --by with --sorted, and --confidence (many levels).
  void add_grouping() {
    add_by();
    add_confidence();
  }
  // --input-confidence LEVEL: the level of the limits a tool reads, where their column
  // names do not say it.
  void add_input_confidence(CLI::App* on = nullptr);
  // A column-name option (shown as COL with its default); see cli/options.hpp.
  CLI::Option* add_column(const std::string& flag, std::string& target, const std::string& help,
                          bool* given = nullptr);

  // The option shapes of cli/options.hpp, on the tool itself: a main registers its own
  // options through these, without reaching for the CLI::App.
  void add_columns(std::initializer_list<Column> columns) { cli::add_columns(app_, columns); }
  template <class T>
  CLI::Option* add_value(const std::string& flag, T& target, const std::string& type,
                         const std::string& help) {
    return cli::add_value(app_, flag, target, type, help);
  }
  template <class T>
  CLI::Option* add_named(const std::string& flag, T& target, const std::string& type,
                         const std::string& help) {
    return cli::add_named(app_, flag, target, type, help);
  }
  CLI::Option* add_list(const std::string& flag, std::vector<std::string>& target,
                        const std::string& type, const std::string& help) {
    return cli::add_list(app_, flag, target, type, help);
  }
  CLI::Option* add_flag(const std::string& flag, bool& target, const std::string& help) {
    return app_.add_flag(flag, target, help);
  }
  template <class Enum>
  CLI::Option* add_choice(const std::string& flag, Enum& target,
                          const std::vector<std::pair<std::string, Enum>>& names,
                          const std::string& help, const std::string& type_name = "TYPE") {
    return cli::add_choice(app_, flag, target, names, help, type_name);
  }
  CLI::Option* add_compat(const std::string& name, bool& target, const std::string& help) {
    return cli::add_compat(app_, name, target, help);
  }

  // For tools that write documents, not tables: drops --format, --digits and --excel-safe.
  void document_output();

  // The parsed --confidence levels (call inside run).
  std::vector<double> levels() const;
  // The parsed --input-confidence, if given (call inside run).
  std::optional<double> input_level() const;

  // Parses the command line and runs `body`; returns the exit status.
  int run(int argc, char** argv, const std::function<void()>& body);
  // The same, with the input and output opened for the body.
  int run_table(int argc, char** argv, const std::function<void(io::Reader&, io::Writer&)>& body);

  // Fills the grouping an options struct embeds (by, sorted, levels, threads) and its
  // input_level from the command line: no main re-plumbs them by hand.
  template <class Options>
  void fill(Options& o) const {
    if constexpr (requires { o.grouping; }) {
      o.grouping.by = common_.by;
      o.grouping.sorted = common_.sorted;
      o.grouping.threads = common_.threads;
      if (!confidence_.empty()) o.grouping.levels = levels();
    }
    if constexpr (requires { o.input_level; }) o.input_level = input_level();
  }

  // Runs a table layer: parses the command line, opens the input and output, lets
  // `prepare` set what only the main knows, fills the common fields and calls
  // run(options, reader, writer, diagnostics).
  template <class Options, class Run>
  int run_tool(int argc, char** argv, Options& o, Run run,
               const std::function<void()>& prepare = {}) {
    return run_table(argc, argv, [&](io::Reader& in, io::Writer& out) {
      if (prepare) prepare();
      fill(o);
      run(o, in, out, diagnostics_);
    });
  }

  io::ReaderOptions reader_options() const;
  std::function<void(std::size_t, std::size_t, bool)> progress_reporter() const;
  // A second file (a lookup, a benchmark, a reference): read with the input's delimiter
  // rule and missing-value tokens, without --where or the other input files.
  io::ReaderOptions side_input(const std::string& path) const;
  std::unique_ptr<io::Reader> open_input() const;
  std::unique_ptr<io::Writer> open_output() const;

 private:
  void report(const std::string& message) const;
  int usage_error(const std::string& message) const;  // reports it; returns exit status 2
  void print_warnings() const;

  std::string name_;
  CLI::App app_;
  CommonOptions common_;
  Diagnostics diagnostics_;
  bool input_given_ = false;
  std::string confidence_;
  Levels confidence_levels_ = Levels::many;
  std::string input_confidence_;
};

// Parses a comma-separated list of non-negative numbers (ages): "0,65". Throws UsageError.
std::vector<double> parse_ages(const std::string& text, const std::string& option);

// Parses --delimiter: one ASCII character, or "tab" / "\t". Throws UsageError.
char parse_delimiter(const std::string& text);

}  // namespace heq::cli
