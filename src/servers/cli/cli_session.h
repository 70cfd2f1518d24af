#pragma once

#include <string>
#include <vector>

#include "datastore/datastore.h"

namespace eventmgr::servers {

//! The datastore a CLI session works on, as SR Linux's `enter` command selects it.
enum class CliMode { kRunning, kCandidate, kState };

//! Output format of CLI command results.
enum class CliFormat { kText, kJson };

//! Runs SR Linux-style CLI commands on a datastore, one at a time, keeping the mode between
//! commands as one SR Linux session does. Used by the JSON-RPC `cli` method.
//!
//! Commands: `enter candidate|running|state`; `info [from running|candidate|state] [PATH]`;
//! `set [/] PATH [VALUE]`; `delete [/] PATH`; `commit now|stay|save|validate`; `discard [now]`;
//! `diff`; `tools PATH [VALUE]`; `state set PATH VALUE`; `state delete PATH`;
//! `show event-handler [INSTANCE]`; `show event-handler INSTANCE history`. Edits go to the node's
//! shared candidate, as in SR Linux's default `candidate shared` mode, and take effect at `commit`.
//!
//! Not thread-safe: one session per request or per connection.
class CliSession {
 public:
  explicit CliSession(datastore::Datastore& datastore) : datastore_(datastore) {}

  //! Runs COMMAND and returns its output (text, or JSON text for `info` when FORMAT is kJson;
  //! "" for commands that print nothing). Throws eventmgr::Error with a message for the user
  //! when the command is unknown, malformed or fails; the session stays usable.
  std::string run(const std::string& command, CliFormat format = CliFormat::kText);

  CliMode mode() const { return mode_; }

 private:
  std::string info(const std::vector<std::string>& words, const std::string& rest,
                   CliFormat format);
  std::string commit(const std::vector<std::string>& words);
  std::string edit(bool remove, const std::string& rest);
  std::string state(const std::string& rest);
  std::string diff();
  std::string showEventHandler(const std::string& rest);
  std::string showHistory(const std::string& instance);

  datastore::Datastore& datastore_;
  CliMode mode_ = CliMode::kRunning;
};

}  // namespace eventmgr::servers
