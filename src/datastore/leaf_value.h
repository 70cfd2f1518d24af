#pragma once

#include <string>
#include <variant>
#include <vector>

namespace eventmgr::datastore {

//! Value of one leaf (a string, in the leaf type's canonical form) or of one leaf-list (its items
//! in data-tree order). Scripts see the same shapes: a JSON string or a JSON array of strings.
using LeafValue = std::variant<std::string, std::vector<std::string>>;

//! Renders VALUE for messages and CLI output: a string as is, a leaf-list as `[ "a" "b" ]`.
std::string describeValue(const LeafValue& value);

}  // namespace eventmgr::datastore
