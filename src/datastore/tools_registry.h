#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "datastore/leaf_value.h"

namespace eventmgr::datastore {

//! A tools command as the registry hands it to a handler.
struct ToolsRequest {
  //! The path as given, in CLI notation without the `tools` prefix.
  std::string path;
  //! The words that matched the `*` positions of the registered pattern, in order: the list
  //! keys, e.g. {"backup"} for `system event-handler instance backup reload`.
  std::vector<std::string> keys;
  //! The value of the request ("" for commands without input), or a JSON text when the request
  //! came with json-value.
  std::string value;
};

//! Runs one tools command and returns its output text ("" when it prints nothing). Throws
//! eventmgr::Error naming the problem when the command fails.
using ToolsHandler = std::function<std::string(const ToolsRequest&)>;

//! Tools commands of a node, found by their path.
//!
//! A command is registered under a pattern of words in CLI notation where `*` stands for one
//! key value, e.g. `interface * statistics clear` or
//! `system event-handler instance * reload`. A request matches when it has the same number of
//! words and every word other than `*` is equal. Tools commands are matched by words rather than
//! through the tools YANG so that the commands work whatever tools modules are loaded.
//!
//! Thread-safe. Handlers run on the caller's thread without the registry's lock held, so a
//! handler may register or run other commands.
class ToolsRegistry {
 public:
  //! Adds HANDLER under PATTERN. Throws Error(kInvalidArgument) when PATTERN is empty or already
  //! registered.
  void add(std::string_view pattern, ToolsHandler handler);
  //! Removes PATTERN. Unknown patterns are ignored.
  void remove(std::string_view pattern);
  //! Runs the command that PATH (optionally starting with `/` or `tools`) names with VALUE.
  //! Throws Error(kNotFound) listing the registered commands when none matches, and whatever
  //! the handler throws.
  std::string run(std::string_view path, const std::string& value) const;
  //! Returns the registered patterns, sorted.
  std::vector<std::string> patterns() const;

 private:
  struct Command {
    std::string pattern;
    std::vector<std::string> words;
    ToolsHandler handler;
  };
  mutable std::mutex mutex_;
  std::vector<Command> commands_;
};

}  // namespace eventmgr::datastore
