#pragma once

#include <libyang/libyang.h>

#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::schema {

//! Kind of a schema node, as far as paths and values are concerned. Choices and cases are
//! transparent in paths, so they have no kind of their own; RPCs, actions and notifications
//! are not addressable and report kOther.
enum class NodeKind { kContainer, kList, kLeaf, kLeafList, kOther };

//! Returns the kind of NODE (a compiled schema node, never null).
NodeKind nodeKind(const lysc_node* node);

//! Returns "container", "list", "leaf", "leaf-list" or "other", as used in messages.
const char* nodeKindName(NodeKind kind);

//! Returns the key leaves of the list NODE in the order of its YANG `key` statement, which
//! is the order used for key values everywhere in eventmgr. Empty for keyless lists and for
//! nodes that are not lists.
std::vector<const lysc_node*> listKeys(const lysc_node* node);

//! Returns the key leaves of the list NODE in the order SR Linux's CLI writes them: the first
//! key of the `key` statement (written positionally), then the other keys in the order they
//! are defined in the list body (`route 10.0.0.0/24 id 0 route-type bgp ...`). Falls back to
//! key-statement order when the definition order is not available (a Schema compiles its
//! contexts so that it is).
std::vector<const lysc_node*> listKeysInCliOrder(const lysc_node* node);

//! Returns the name of the module that defines NODE (for an augmented node, the augmenting
//! module), e.g. "srl_nokia-bgp".
std::string_view moduleName(const lysc_node* node);

//! Returns true when NODE is configuration (config true), false for state (config false).
bool isConfig(const lysc_node* node);

//! Returns the nearest ancestor of NODE that can appear in a path (skipping choice and case),
//! or null for a top-level node.
const lysc_node* dataParent(const lysc_node* node);

//! Returns the schema path of NODE in libyang's form, e.g.
//! "/srl_nokia-interfaces:interface/oper-state", for messages and logs.
std::string schemaPath(const lysc_node* node);

}  // namespace eventmgr::schema
