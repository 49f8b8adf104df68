#pragma once
// Option shapes every heq tool and heq-plot chart registers the same way: a column name,
// a named choice bound straight to an enum, a --compat switch. Each takes the CLI::App it
// registers on, so a tool and a heq-plot chart share one family registration.
#include <CLI/CLI.hpp>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace heq::cli {

// A column-name option (shown as COL with its default). With `given`, records whether
// the command line named the column (a tool then insists on it).
CLI::Option* add_column(CLI::App& app, const std::string& flag, std::string& target,
                        const std::string& help, bool* given = nullptr);

// The columns a tool reads, as one table: flag, the name it sets, help, and (optional)
// where to record that the command line named it. Registered in the table's order.
struct Column {
  const char* flag;
  std::string& target;
  const char* help;
  bool* given = nullptr;
};
void add_columns(CLI::App& app, std::initializer_list<Column> columns);

// A value shown as TYPE with its default ("--multiplier M [100000]").
template <class T>
CLI::Option* add_value(CLI::App& app, const std::string& flag, T& target, const std::string& type,
                       const std::string& help) {
  return app.add_option(flag, target, help)->type_name(type)->capture_default_str();
}

// A value with no default worth showing: a file, a subgroup, an optional count.
template <class T>
CLI::Option* add_named(CLI::App& app, const std::string& flag, T& target, const std::string& type,
                       const std::string& help) {
  return app.add_option(flag, target, help)->type_name(type);
}

// A comma-separated list ("--match sex,year"), never taking the next operand.
CLI::Option* add_list(CLI::App& app, const std::string& flag, std::vector<std::string>& target,
                      const std::string& type, const std::string& help);

// A value from a fixed list of names, bound to the enum `target` by a CLI11 transform;
// the help shows the names and the current value as the default.
template <class Enum>
CLI::Option* add_choice(CLI::App& app, const std::string& flag, Enum& target,
                        const std::vector<std::pair<std::string, Enum>>& names,
                        const std::string& help, const std::string& type_name = "TYPE") {
  std::string shown = "{";
  std::string current;
  for (const auto& [name, value] : names) {
    shown += (shown.size() > 1 ? "," : "") + name;
    if (value == target) current = name;
  }
  shown += "}";
  // The name becomes the enum's number before CLI11 converts it: only names are accepted.
  const CLI::Validator to_enum(
      [names, shown](std::string& text) -> std::string {
        for (const auto& [name, value] : names)
          if (text == name) {
            text = std::to_string(static_cast<long long>(value));
            return "";
          }
        return text + " not in " + shown;
      },
      shown);
  return app.add_option(flag, target, help)
      ->type_name(type_name)
      ->transform(to_enum)
      ->default_str(current);
}

// --compat NAME: a switch spelt as the one peer package it reproduces ("phe", "heat").
CLI::Option* add_compat(CLI::App& app, const std::string& name, bool& target,
                        const std::string& help);

}  // namespace heq::cli
