#include "cli/tool.hpp"

#include "core/error.hpp"
#include "io/number.hpp"
#include "stats/confidence.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>

#ifndef HEQ_VERSION
#define HEQ_VERSION "unknown"
#endif

namespace heq::cli {

namespace {

std::string location_prefix(const Location& where) {
  if (where.file.empty()) return "";
  std::string s = where.file;
  if (where.line) s += fmt::format(":{}", where.line);
  if (where.line && where.column) s += fmt::format(":{}", where.column);
  return s + ": ";
}

// Help in the house style: examples first, then usage and options, then the details.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_description(const CLI::App* app) const override {
    return app->get_description() + "\n\n";
  }
  // A subcommand's line in its parent's help: its name and its summary's first line,
  // without the "tool sub: " the summary starts with.
  std::string make_subcommand(const CLI::App* sub) const override {
    std::string summary = sub->get_description();
    summary = summary.substr(0, summary.find('\n'));
    if (const std::size_t colon = summary.find(": "); colon != std::string::npos)
      summary.erase(0, colon + 2);
    return fmt::format("  {:<12}{}\n", sub->get_name(), summary);
  }
};

constexpr const char* kExitStatus =
    "Exit status: 0 done; 1 bad data or an input/output error; 2 bad usage.\n"
    "Errors are one line on stderr: TOOL: FILE:LINE:COLUMN: what is wrong.";

}  // namespace

std::vector<double> parse_ages(const std::string& text, const std::string& option) {
  std::vector<double> ages;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    double v = 0;
    if (io::parse_number(part, v) != io::NumberStatus::ok || v < 0)
      throw UsageError(fmt::format("{} '{}': expected ages such as 0,65", option, part));
    ages.push_back(v);
    if (comma == std::string::npos) return ages;
    start = comma + 1;
  }
}

char parse_delimiter(const std::string& text) {
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text == "comma") return ',';
  if (text == "semicolon") return ';';
  if (text.size() == 1 && static_cast<unsigned char>(text[0]) < 0x80 && text[0] != '"' &&
      text[0] != '\n' && text[0] != '\r')
    return text[0];
  throw UsageError(
      fmt::format("--delimiter '{}': expected one character such as , ; | or tab", text));
}

Tool::Tool(std::string name, std::string summary, std::string examples, std::string details)
    : name_(std::move(name)), app_(summary + "\n\nExamples:\n" + examples, name_) {
  app_.formatter(std::make_shared<HelpFormatter>());
  app_.get_formatter()->column_width(30);
  app_.footer(details.empty() ? std::string(kExitStatus) : details + "\n\n" + kExitStatus);
  app_.set_version_flag("--version", fmt::format("{} (heq) {}", name_, HEQ_VERSION),
                        "Print the version and exit");
  app_.add_option("FILE", common_.inputs,
                  "Input CSV or TSV file; - or none reads standard input; several are read as one "
                  "(the same header in each)")
      ->type_name("")
      ->each([this](const std::string&) { input_given_ = true; });
  app_.add_option("-o,--output", common_.output,
                  "Write to FILE (replaced only when the run succeeds) instead of standard output")
      ->type_name("FILE");
  app_.add_option("--format", common_.format, "Output format: csv, tsv, json or ndjson")
      ->type_name("FORMAT")
      ->capture_default_str();
  app_.add_option("--delimiter", common_.delimiter,
                  "Input delimiter: one character, tab, or whitespace (aligned columns, as HMD's "
                  ".txt) (default: tab for .tsv files, else ,)")
      ->type_name("CHAR");
  app_.add_option("--skip", common_.skip, "Lines before the header to pass over (a title line)")
      ->type_name("N");
  app_.add_option("--na", common_.na,
                  "Tokens read as missing besides an empty field (comma-separated)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->capture_default_str();
  app_.add_option("--thousands", common_.thousands,
                  "Thousands separator to read in numbers (\"1,234\" with --thousands ,)")
      ->type_name("CHAR");
  app_.add_option("--where", common_.where,
                  "Keep rows where COL=VALUE (or COL!=VALUE); repeat or comma-separate to "
                  "require several")
      ->type_name("COL=VALUE")
      ->allow_extra_args(false);
  app_.add_option("--digits", common_.digits,
                  "Round computed numbers to N decimal places (default: exact, shortest form)")
      ->type_name("N")
      ->check(CLI::Range(0, 17));
  app_.add_flag("--excel-safe", common_.excel_safe,
                "Prefix text starting with = + - @ with ' so spreadsheets do not run it");
  app_.add_flag(
      "--bom", common_.bom,
      "Start CSV/TSV output with a UTF-8 byte-order mark, so that a spreadsheet opened by "
      "double-click reads non-ASCII names (Welsh place names) right");
  app_.add_flag("--no-header", common_.no_header,
                "Write the rows without the header line (CSV/TSV), to join the outputs of runs "
                "split by group (GNU parallel)");
  app_.add_flag("-q,--quiet", common_.quiet, "Do not print warnings");
  app_.add_flag("--progress", common_.progress,
                "Report progress on stderr (rows read, rate, time left); by default only on a "
                "terminal, for runs over 2 seconds");
}

void Tool::add_by(Sorted sorted, const std::string& help) {
  app_.add_option("--by", common_.by, help)
      ->type_name("COLS")
      ->delimiter(',')
      ->allow_extra_args(false);
  if (sorted == Sorted::yes)
    app_.add_flag("--sorted", common_.sorted,
                  "Rows of each group are contiguous: process groups as they end (flat memory)");
}

namespace {
void add_threads_option(CLI::App& app, unsigned& threads, const std::string& help) {
  app.add_option("--threads", threads, help)->type_name("N")->capture_default_str();
}
}  // namespace

void Tool::add_threads() {
  add_threads_option(app_, common_.threads, "Worker threads (default 0: all cores)");
}

void Tool::add_split_threads() {
  add_threads_option(app_, common_.threads,
                     "Threads (default 0: all cores). Two read a file of 16 MiB or more in "
                     "halves; the output is the same bytes at any count");
}

void Tool::add_confidence(Levels levels, std::string default_levels, CLI::App* on) {
  confidence_ = std::move(default_levels);
  confidence_levels_ = levels;
  const bool many = levels == Levels::many;
  (on ? *on : app_)
      .add_option("--confidence", confidence_,
                  many ? "Confidence level(s), e.g. 0.95,0.998 or 95,99.8"
                       : "Confidence level, e.g. 0.95 or 99.8")
      ->type_name(many ? "LEVELS" : "LEVEL")
      ->capture_default_str();
}

void Tool::add_input_confidence(CLI::App* on) {
  (on ? *on : app_)
      .add_option("--input-confidence", input_confidence_,
                  "Level of the input limits, where their names do not say it (lowercl and "
                  "uppercl are 95%; lower99_8cl is 99.8%)")
      ->type_name("LEVEL");
}

std::optional<double> Tool::input_level() const {
  if (input_confidence_.empty()) return std::nullopt;
  const std::vector<double> levels = stats::parse_levels(input_confidence_, "--input-confidence");
  if (levels.size() != 1) throw UsageError("--input-confidence takes one level");
  return levels[0];
}

CLI::Option* Tool::add_column(const std::string& flag, std::string& target, const std::string& help,
                              bool* given) {
  return cli::add_column(app_, flag, target, help, given);
}

void Tool::document_output() {
  for (const char* name : {"--format", "--digits", "--excel-safe", "--no-header"})
    app_.remove_option(app_.get_option(name));
}

std::vector<double> Tool::levels() const {
  std::vector<double> levels = stats::parse_levels(confidence_);
  if (confidence_levels_ == Levels::one && levels.size() != 1)
    throw UsageError("--confidence takes one level here");
  return levels;
}

int Tool::run_table(int argc, char** argv,
                    const std::function<void(io::Reader&, io::Writer&)>& body) {
  return run(argc, argv, [&] {
    auto in = open_input();
    auto out = open_output();
    body(*in, *out);
    if (std::string report = in->filter_report(); !report.empty()) diagnostics_.warn(report);
    // For tests/split: whether two threads' work was merged (a dropped split gives the
    // same bytes, only slower, so the output alone cannot tell).
    if (std::getenv("HEQ_SPLIT_TRACE")) {
      static constexpr const char* kSplit[] = {"none", "made", "merged", "dropped"};
      std::fprintf(stderr, "heq: split %s\n", kSplit[static_cast<int>(in->split())]);
      if (const auto times = in->part_times())
        std::fprintf(stderr, "heq: part times (ms from the split): first %.1f, second %.1f\n",
                     times->first_ms, times->second_ms);
    }
  });
}

io::ReaderOptions Tool::reader_options() const {
  io::ReaderOptions r;
  r.path = common_.inputs.empty() ? "-" : common_.inputs.front();
  if (common_.inputs.size() > 1) {
    r.more_paths.assign(common_.inputs.begin() + 1, common_.inputs.end());
    if (std::count(common_.inputs.begin(), common_.inputs.end(), "-") > 0)
      throw UsageError("standard input (-) cannot be one of several input files");
  }
  r.whitespace = common_.delimiter == "whitespace";
  r.delimiter = common_.delimiter.empty() || r.whitespace ? 0 : parse_delimiter(common_.delimiter);
  r.skip = common_.skip;
  r.na_tokens = common_.na;
  if (!common_.thousands.empty()) {
    if (common_.thousands.size() != 1 || common_.thousands == "." || common_.thousands == "-")
      throw UsageError(fmt::format("--thousands '{}': expected one character such as , or a space",
                                   common_.thousands));
    r.thousands = common_.thousands[0];
  }
  r.where = common_.where;
  r.progress = progress_reporter();
  return r;
}

// The progress line: on a terminal it rewrites itself and is cleared at the end; asked
// for with --progress elsewhere, one line each time. Never with --quiet.
std::function<void(std::size_t, std::size_t, bool)> Tool::progress_reporter() const {
  const bool terminal = ::isatty(2) == 1;
  if (common_.quiet || !(common_.progress || terminal)) return nullptr;
  struct State {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now(), last;
    bool shown = false;
  };
  auto state = std::make_shared<State>();
  double total = 0;  // bytes of a single regular input file, for the time left
  struct stat st {};
  if (common_.inputs.size() == 1 && common_.inputs[0] != "-" &&
      ::stat(common_.inputs[0].c_str(), &st) == 0 && S_ISREG(st.st_mode))
    total = static_cast<double>(st.st_size);
  const bool forced = common_.progress;
  const std::string name = name_;
  return [state, total, forced, terminal, name](std::size_t rows, std::size_t bytes, bool done) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - state->start).count();
    if (!done && (elapsed < (forced ? 0.5 : 2.0) ||
                  std::chrono::duration<double>(now - state->last).count() < 0.5))
      return;
    if (done && !state->shown && !forced) return;
    state->last = now;
    state->shown = true;
    std::string line = fmt::format("{}: {} rows read in {:.1f} s, {:.0f} rows/s", name, rows,
                                   elapsed, elapsed > 0 ? static_cast<double>(rows) / elapsed : 0);
    if (!done && total > 0 && bytes > 0)
      line += fmt::format(", about {:.1f} s left",
                          elapsed * std::max(0.0, total / static_cast<double>(bytes) - 1));
    if (done) line += ", done";
    if (terminal)
      std::fprintf(stderr, "\r%s\033[K%s", line.c_str(), done ? "\n" : "");
    else
      std::fprintf(stderr, "%s\n", line.c_str());
  };
}

io::ReaderOptions Tool::side_input(const std::string& path) const {
  io::ReaderOptions r = reader_options();
  r.path = path;
  r.more_paths.clear();
  r.where.clear();
  r.progress = nullptr;  // the main input's progress only
  return r;
}

std::unique_ptr<io::Reader> Tool::open_input() const {
  const io::ReaderOptions r = reader_options();
  if (r.path == "-" && !input_given_ && ::isatty(0))
    throw UsageError("no input: give a FILE, or pipe CSV into " + name_);
  return std::make_unique<io::Reader>(r);
}

std::unique_ptr<io::Writer> Tool::open_output() const {
  io::WriterOptions w;
  w.format = io::parse_format(common_.format);
  w.digits = common_.digits;
  w.excel_safe = common_.excel_safe;
  w.bom = common_.bom;
  w.no_header = common_.no_header;
  if (w.no_header && w.format == io::Format::json)
    throw UsageError("--no-header joins CSV, TSV or NDJSON outputs; a JSON array cannot be joined");
  if (w.bom && (w.format == io::Format::json || w.format == io::Format::ndjson))
    throw UsageError("--bom is for CSV and TSV output; JSON must not start with a byte-order mark");
  return std::make_unique<io::Writer>(io::open_sink(common_.output), w);
}

void Tool::report(const std::string& message) const {
  std::fflush(stdout);
  std::fputs(fmt::format("{}: {}\n", name_, message).c_str(), stderr);
}

void Tool::print_warnings() const {
  if (common_.quiet) return;
  for (const std::string& w : diagnostics_.warnings()) report("warning: " + w);
}

int Tool::usage_error(const std::string& message) const {
  report(message);
  std::fputs(fmt::format("Try '{} --help' for more information.\n", name_).c_str(), stderr);
  return 2;
}

int Tool::run(int argc, char** argv, const std::function<void()>& body) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help or --version
      app_.exit(e, std::cout, std::cerr);
      return 0;
    }
    return usage_error(e.what());
  } catch (const UsageError& e) {  // from an option's own callback (--le-age)
    return usage_error(e.what());
  }
  int status = 0;
  try {
    io::parse_format(common_.format);  // a bad --format is usage, before any work
    body();
  } catch (const UsageError& e) {
    status = usage_error(e.what());
  } catch (const DataError& e) {
    print_warnings();
    report(location_prefix(e.where()) + e.what());
    return 1;
  } catch (const IoError& e) {
    report(e.what());
    status = 1;
  } catch (const BrokenPipe&) {
    return 0;  // the reader has all it wanted (`| head`)
  } catch (const std::bad_alloc&) {
    report("out of memory");
    status = 1;
  } catch (const std::exception& e) {
    report(std::string("internal error: ") + e.what());
    status = 1;
  }
  if (status == 0) print_warnings();
  return status;
}

}  // namespace heq::cli
