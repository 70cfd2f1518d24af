#pragma once

#include <libyang/libyang.h>

#include <string>
#include <string_view>

#include "datastore/config_format.h"

namespace eventmgr::datastore {

//! Parses flat commands, one `set / <path> [<value>]` per line as `info flat` prints them.
//! A path that ends at a container or list entry creates it, and a leaf-list value is written
//! `[ item ... ]`. Blank lines, prompt lines and `#` comments are ignored. Throws Error whose
//! message starts with `line L, column C:`.
Tree parseFlatConfig(const schema::Schema& schema, std::string_view text, ParseScope scope);

//! Prints FOREST as flat commands: one line per leaf and leaf-list, plus one per container or
//! list entry that has no printable leaf below it (presence containers, entries with only keys).
std::string printFlatConfig(const lyd_node* forest, bool with_defaults);

}  // namespace eventmgr::datastore
