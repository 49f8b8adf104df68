#include "cli/options.hpp"

namespace heq::cli {

CLI::Option* add_column(CLI::App& app, const std::string& flag, std::string& target,
                        const std::string& help, bool* given) {
  CLI::Option* option = app.add_option(flag, target, help)->type_name("COL")->capture_default_str();
  if (given) option->each([given](const std::string&) { *given = true; });
  return option;
}

void add_columns(CLI::App& app, std::initializer_list<Column> columns) {
  for (const Column& c : columns) add_column(app, c.flag, c.target, c.help, c.given);
}

CLI::Option* add_list(CLI::App& app, const std::string& flag, std::vector<std::string>& target,
                      const std::string& type, const std::string& help) {
  return app.add_option(flag, target, help)
      ->type_name(type)
      ->delimiter(',')
      ->allow_extra_args(false);
}

CLI::Option* add_compat(CLI::App& app, const std::string& name, bool& target,
                        const std::string& help) {
  return app
      .add_option_function<std::string>(
          "--compat", [&target](const std::string&) { target = true; }, help)
      ->type_name(name)
      ->check(CLI::IsMember({name}));
}

}  // namespace heq::cli
