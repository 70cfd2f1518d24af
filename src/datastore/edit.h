#pragma once

#include <libyang/libyang.h>

#include <string>

#include "datastore/leaf_value.h"
#include "datastore/yang_tree.h"

namespace eventmgr::datastore {

//! Kind of an edit: the change it makes to the node at its path.
enum class EditKind {
  kSet,        //!< create the node, or set a leaf's value, or set/add leaf-list items
  kDelete,     //!< remove the node and everything below it (a missing node is no error)
  kMergeJson,  //!< merge a JSON subtree (RFC 7951, names qualified or not) into the node
};

//! One set, delete or merge operation addressed by a libyang data path (XPath with key
//! predicates, module prefix on the first node and wherever the module changes).
struct Edit {
  EditKind kind = EditKind::kSet;
  std::string xpath;
  //! For kSet: "" for a container, list entry or empty leaf, the value of a leaf, one item to add
  //! to a leaf-list, or all items of a leaf-list (replacing the current ones).
  LeafValue value;
  //! For kMergeJson: the JSON text of the subtree.
  std::string json;
};

//! Part of the schema an edit may touch.
enum class EditScope {
  kConfig,  //!< only config nodes (config true), for running and candidate config
  kState,   //!< state nodes, and the config list entries and containers that lead to them
};

//! Applies EDIT to TREE, which may be empty. Checks that the node exists in the schema, has the
//! right kind for the value and lies in SCOPE, and type-checks values. Does not run whole-tree
//! validation (mandatory, leafref, must, when), which the caller does once per transaction.
//! Throws Error(kInvalidArgument / kNotFound / kValidation) naming the path. TREE may then be
//! partly modified, so callers apply edits to a copy or check them on a scratch tree first.
void applyEdit(Tree& tree, const ly_ctx* ctx, const Edit& edit, EditScope scope);

//! Returns the schema node of XPATH. Throws Error(kNotFound) naming XPATH when it has none.
const lysc_node* findSchemaNode(const ly_ctx* ctx, const std::string& xpath);

}  // namespace eventmgr::datastore
