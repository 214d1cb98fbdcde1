// SPDX-License-Identifier: Apache-2.0
// The `zhitu` subcommands. Each registers its flags on the CLI11 app (binding them straight to
// a config struct whose member initialisers are the printed defaults) and returns the function
// that runs it. Exit codes: 0 done, 1 input rejected (bad file, query or conflict: fix and
// rerun), 2 broken environment (unreadable store, port in use).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace zhitu::cli {

constexpr int kExitInputRejected = 1;

using command = std::function<int()>;

// $ZHITU_DB, else var/zhitu.db.
std::string default_db();

command add_import(CLI::App& app);
command add_serve(CLI::App& app);
command add_query(CLI::App& app);
command add_export(CLI::App& app);
command add_check(CLI::App& app);

}  // namespace zhitu::cli
