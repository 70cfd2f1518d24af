#pragma once

#include <libyang/libyang.h>

#include <string>
#include <string_view>

#include "datastore/config_format.h"

namespace eventmgr::datastore {

//! Parses the brace format that SR Linux's `info` prints. `name {` opens a container and
//! `name key {` a list entry (further keys as `key-name value`), which `}` closes. `name value`
//! sets a leaf. `name [` starts leaf-list items (one or more per line) that `]` ends, and
//! `name [ a b ]` fits on one line. Lines that are prompts (`--{ candidate ... }--` or
//! `A:leaf1# info`) and `#` comments are ignored, so text pasted from documentation loads.
//! Throws Error whose message starts with `line L, column C:`.
Tree parseBraceConfig(const schema::Schema& schema, std::string_view text, ParseScope scope);

//! Prints FOREST in the brace format with 4-space indentation, as `info` does.
std::string printBraceConfig(const lyd_node* forest, bool with_defaults);

}  // namespace eventmgr::datastore
