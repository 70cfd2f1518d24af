#pragma once

#include <string>

#include "runtime/output.h"
#include "schema/schema.h"

namespace eventmgr::engine {

//! Returns the key under which ACTION is remembered for the always-execute rule: the action
//! name, the path in normalised CLI notation (resolved against SCHEMA when possible, so that
//! `/interface ethernet-1/1 description` and `interface  ethernet-1/1 description` are the same)
//! or the command line, and the value or json-value as compact JSON.
std::string actionMemoryKey(const schema::Schema& schema, const runtime::Action& action);

}  // namespace eventmgr::engine
