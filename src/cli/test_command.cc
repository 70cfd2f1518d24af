#include "cli/commands.h"

namespace eventmgr::cli {

void addTestCommand(CLI::App& app, CommandAction& action) {
  auto* command = app.add_subcommand("test", "Run a script once on an input");
  command->callback([&action] { action = [] { return kExitFailed; }; });
}

}  // namespace eventmgr::cli
