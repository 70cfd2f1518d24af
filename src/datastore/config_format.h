#pragma once

#include <libyang/libyang.h>

#include <string>
#include <string_view>

#include "datastore/yang_tree.h"
#include "schema/schema.h"

namespace eventmgr::datastore {

//! Text formats of configuration and state, as SR Linux users have them.
enum class ConfigFormat {
  kAuto,     //!< detect from the text (parsing only): JSON, flat or brace
  kJson,     //!< RFC 7951 JSON with module-qualified names (gNMI JSON_IETF)
  kSrlJson,  //!< JSON as SR Linux's `info | as json` prints it: names without module prefix
  kBrace,    //!< nested blocks as SR Linux's `info` prints them
  kFlat,     //!< one `set / <path> <value>` line per leaf, as `info flat` prints them
};

//! Returns the format named NAME ("json", "srl-json", "brace", "flat", "auto"). Throws
//! Error(kInvalidArgument) listing the names for any other.
ConfigFormat parseConfigFormat(std::string_view name);

//! Returns the format TEXT is written in: JSON when it starts with `{`, flat when its first
//! command line starts with `set`, brace otherwise.
ConfigFormat detectConfigFormat(std::string_view text);

//! Scope of a parsed text: the nodes it may contain.
enum class ParseScope {
  kConfig,  //!< configuration only, so state nodes are errors
  kAll,     //!< configuration and state
};

//! Parses TEXT (JSON of either kind, brace or flat, detected when FORMAT is kAuto) into a data
//! tree. Types are checked here, and whole-tree validation (mandatory, leafref, must) is left
//! to the caller.
//! Throws Error(kInvalidArgument or kValidation) whose message starts with `line L, column C:`
//! when the position is known (JSON syntax, brace and flat errors), and names the data path for
//! schema errors.
Tree parseConfig(const schema::Schema& schema, std::string_view text, ConfigFormat format,
                 ParseScope scope = ParseScope::kConfig);

//! Prints the forest FOREST in FORMAT (not kAuto). Nodes that hold their schema default are
//! printed only when WITH_DEFAULTS is true. An empty forest prints "{}\n" in JSON and "" else.
std::string printConfig(const lyd_node* forest, ConfigFormat format, bool with_defaults);

}  // namespace eventmgr::datastore
