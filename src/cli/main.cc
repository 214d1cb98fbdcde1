// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <map>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"zhitu (智图): a geo knowledge graph of a city's cultural and civic data — import, "
               "serve, query, export, check"};
  app.require_subcommand(1);
  std::map<CLI::App const*, zhitu::cli::command> commands;
  auto add = [&](auto adder, char const* name, char const* help) {
    auto* sub = app.add_subcommand(name, help);
    commands[sub] = adder(*sub);
  };
  add(zhitu::cli::add_import, "import", "import CSV or GeoJSON files into the store (all or nothing)");
  add(zhitu::cli::add_serve, "serve", "serve the HTTP API and the web map");
  add(zhitu::cli::add_query, "query", "search the store by name, box and kind; print the results");
  add(zhitu::cli::add_export, "export", "export entities as GeoJSON or CSV");
  add(zhitu::cli::add_check, "check", "validate files without importing, and the store's integrity");
  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    return app.exit(e);
  }
  try {
    return commands.at(app.get_subcommands().front())();
  } catch (std::exception const& e) {
    std::cerr << "zhitu: error: " << e.what() << '\n';
    return 2;
  }
}
