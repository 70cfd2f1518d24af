#pragma once

#include <libyang/libyang.h>

#include <nlohmann/json.hpp>
#include <string>

namespace eventmgr::datastore {

//! Returns a copy of JSON (the content of the schema node PARENT, or top-level data when PARENT
//! is null) whose member names follow RFC 7951: `module:name` where the module differs from the
//! parent's, plain `name` elsewhere. Accepts names with or without a module prefix, as
//! `info | as json` on SR Linux prints them without one. Metadata members (`@...`) pass through.
//! Throws Error(kInvalidArgument) naming the member and the JSON location WHERE when a name has
//! no schema node, or matches nodes of two modules.
nlohmann::json qualifyJsonNames(const nlohmann::json& json, const lysc_node* parent,
                                const std::string& where, const ly_ctx* ctx = nullptr);

//! Returns a copy of JSON with the `module:` prefix removed from every member name, as SR Linux's
//! `info | as json` prints data. Values (for example identities) keep their prefixes.
nlohmann::ordered_json unqualifyJsonNames(const nlohmann::ordered_json& json);

}  // namespace eventmgr::datastore
