// eventmgr: an open implementation of the SR Linux event-handler framework.
// main parses the command line and hands over to one subcommand in src/cli/.

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "common/error.h"
#include "common/logging.h"

int main(int argc, char** argv) {
  CLI::App app{"eventmgr: runs SR Linux event-handler scripts on a simulated node or real devices"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "eventmgr 0.1.0");
  std::string log_level = "info";
  app.add_option("--log-level", log_level,
                 "Log level: trace, debug, info, warning, error or off")
      ->capture_default_str();

  eventmgr::cli::CommandAction action;
  eventmgr::cli::addTestCommand(app, action);
  eventmgr::cli::addPathCommand(app, action);
  eventmgr::cli::addDatastoreCommand(app, action);
  eventmgr::cli::addRunCommand(app, action);
  eventmgr::cli::addCliCommand(app, action);
  eventmgr::cli::addRecordCommand(app, action);
  eventmgr::cli::addReplayCommand(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    return status == 0 ? eventmgr::cli::kExitOk : eventmgr::cli::kExitUsage;
  }

  try {
    eventmgr::configureLogging(log_level);
    return action ? action() : eventmgr::cli::kExitUsage;
  } catch (const eventmgr::Error& error) {
    std::cerr << "eventmgr: " << error.what() << '\n';
    return error.kind() == eventmgr::ErrorKind::kInvalidArgument ? eventmgr::cli::kExitUsage
                                                                 : eventmgr::cli::kExitFailed;
  } catch (const std::exception& error) {
    std::cerr << "eventmgr: " << error.what() << '\n';
    return eventmgr::cli::kExitFailed;
  }
}
