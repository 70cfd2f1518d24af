#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace eventmgr::cli {

//! Exit status of eventmgr commands: 0 on success, 1 when the requested work failed
//! (an execution failed, a server returned an error), 2 on usage errors.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

//! A subcommand's action. It runs after parsing and returns the process exit status.
using CommandAction = std::function<int()>;

//! Each function below adds one subcommand to APP and stores its action in ACTION, which main
//! calls when that subcommand was chosen. One file per subcommand in src/cli/.
void addTestCommand(CLI::App& app, CommandAction& action);
void addPathCommand(CLI::App& app, CommandAction& action);
void addDatastoreCommand(CLI::App& app, CommandAction& action);
void addRunCommand(CLI::App& app, CommandAction& action);
void addCliCommand(CLI::App& app, CommandAction& action);
void addRecordCommand(CLI::App& app, CommandAction& action);
void addReplayCommand(CLI::App& app, CommandAction& action);

}  // namespace eventmgr::cli
