#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "datastore/leaf_value.h"

namespace eventmgr::engine {

//! Configuration of one event-handler instance, as read from `system event-handler instance`.
//! Defaults are the YANG defaults.
struct InstanceConfig {
  std::string name;
  bool enabled = false;
  std::string script;               //!< upython-script: a bare file name
  std::vector<std::string> paths;   //!< configured paths in configured order
  std::map<std::string, datastore::LeafValue> options;
  std::chrono::milliseconds upython_timeout{10000};
  std::uint64_t upython_heap_bytes = 4096 * 1024;
  std::chrono::milliseconds run_script_timeout{10000};
  bool dry_run = false;
  std::chrono::milliseconds min_interval{0};
  std::size_t history_size = 64;

  //! Returns true when a change from OTHER to this config needs a restart of the instance
  //! (script, paths or options differ). The other leaves take effect on the next execution.
  bool needsRestart(const InstanceConfig& other) const;
};

//! The whole `system event-handler` configuration.
struct EventHandlerConfig {
  bool present = false;               //!< the presence container exists
  std::string run_as_user = "admin";
  std::map<std::string, InstanceConfig> instances;
};

//! Parses the RFC 7951 JSON of `system event-handler` as Datastore::getSubtree prints it (module
//! prefixes on names are accepted and ignored). "{}" or "" gives an absent configuration.
//! Throws Error(kInvalidArgument) naming the leaf when a value has the wrong type.
EventHandlerConfig parseEventHandlerConfig(const std::string& json_text);

}  // namespace eventmgr::engine
