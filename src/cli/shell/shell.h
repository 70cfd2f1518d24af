#pragma once

#include <string>
#include <vector>

#include "schema/schema.h"

namespace eventmgr::cli::shell {

//! Daemon address and credentials of the interactive shell.
struct ShellOptions {
  std::string host;
  int port = 0;
  std::string username;  //!< HTTP basic authentication when not empty
  std::string password;
};

//! Runs the interactive `eventmgr cli`: reads lines with GNU readline (line editing, history in
//! ~/.eventmgr_history, tab completion of commands and schema paths) and sends each one to the
//! daemon's JSON-RPC `cli` method. The daemon runs every request in a new session, so the shell
//! keeps the mode chosen with `enter` and sends it before each command. Candidate edits persist
//! between commands because they live in the node's shared candidate. Returns the exit status: 0
//! after `quit`, `exit` or end of input.
int runShell(const ShellOptions& options);

//! Returns the completions of the word WORD that starts at byte START of LINE: command names
//! for the first word, then child names of the schema node the earlier words lead to (list
//! key values are skipped). Exposed for tests.
std::vector<std::string> completeWord(const schema::Schema& schema, const std::string& line,
                                      std::size_t start, const std::string& word);

}  // namespace eventmgr::cli::shell
