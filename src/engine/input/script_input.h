#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "datastore/leaf_value.h"

namespace eventmgr::engine {

//! One value the script sees under "paths": a concrete CLI path without leading `/` and the
//! leaf's value (a string) or the leaf-list's items.
struct InputEntry {
  std::string path;
  datastore::LeafValue value;
};

//! Everything the input JSON of one execution is made of, in script order.
struct ScriptInput {
  //! Snapshot entries, already ordered (configured-path order, then natural key order) and
  //! without duplicates; the builder writes them as given.
  std::vector<InputEntry> paths;
  //! Configured paths, whitespace-normalised, in configured order.
  std::vector<std::string> schemas;
  //! Configured options by name; a `value` is a string, `values` a list in configured order.
  std::map<std::string, datastore::LeafValue> options;
  //! Compact JSON text stored from an earlier execution, written verbatim; absent when none.
  std::optional<std::string> persistent_data;
};

//! Renders INPUT as the compact JSON string passed to event_handler_main:
//! {"paths":[...],"schemas":[...],"options":{...},"persistent-data":...} with the keys in that
//! order, no whitespace, options sorted by name, leaf-lists as arrays of strings, UTF-8 unescaped.
std::string renderScriptInput(const ScriptInput& input);

//! Collapses runs of spaces and tabs to one space and trims both ends, as configured paths are
//! shown under "schemas". Spaces inside double quotes are kept.
std::string normaliseConfiguredPath(const std::string& path);

}  // namespace eventmgr::engine
