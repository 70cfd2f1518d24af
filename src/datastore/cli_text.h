#pragma once

#include <libyang/libyang.h>

#include <string>
#include <vector>

#include "datastore/edit.h"
#include "datastore/leaf_value.h"
#include "path/tokenizer.h"
#include "schema/schema.h"

namespace eventmgr::datastore {

//! Returns the value written by TOKENS after a path: "" for none, the word for one, the items
//! for `[ item ... ]`. Throws path::PathError at the offending token for anything else.
LeafValue valueFromTokens(const std::vector<path::Token>& tokens, std::size_t end_offset);

//! Returns NODE's own step in CLI notation: its name, then for a list entry the first key value
//! and each further key as `key-name value`, values quoted where needed.
std::string cliStep(const lyd_node* node);

//! Returns true when NODE should be printed: it is not a default value (unless WITH_DEFAULTS),
//! and a non-presence container has something printable below it.
bool isPrintable(const lyd_node* node, bool with_defaults);

//! Returns true when NODE is a key leaf of its parent list entry.
bool isListKey(const lyd_node* node);

//! Applies a `path value` line, parsed by the path parser from TEXT, to TREE. Offsets in thrown
//! path::PathError refer to TEXT.
void applyCliLine(Tree& tree, const schema::Schema& schema, std::string_view text, EditScope scope);

}  // namespace eventmgr::datastore
