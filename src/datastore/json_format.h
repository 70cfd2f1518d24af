#pragma once

#include <libyang/libyang.h>

#include <string>
#include <string_view>

#include "datastore/config_format.h"

namespace eventmgr::datastore {

//! Parses JSON data with module-qualified or plain member names (see qualifyJsonNames). Throws
//! Error: syntax errors name line and column, schema errors the location in the document.
Tree parseJsonConfig(const schema::Schema& schema, std::string_view text, ParseScope scope);

//! Prints FOREST as RFC 7951 JSON (QUALIFIED) or with plain names as SR Linux's
//! `info | as json` does, indented by 2 spaces, members in schema order.
std::string printJsonConfig(const lyd_node* forest, bool qualified, bool with_defaults);

}  // namespace eventmgr::datastore
