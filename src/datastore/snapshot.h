#pragma once

#include <libyang/libyang.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "datastore/leaf_value.h"
#include "datastore/yang_tree.h"
#include "path/concrete_path.h"

namespace eventmgr::datastore {

//! One leaf, or one whole leaf-list, of a snapshot.
struct SnapshotLeaf {
  //! The leaf node, or the first instance of the leaf-list. Owned by the snapshot's tree.
  const lyd_node* node = nullptr;
  //! libyang data path; a leaf-list's path has no value predicate.
  std::string xpath;
  LeafValue value;
};

//! An immutable merged view of one node's data (config, state, simulated values and ephemeral
//! overrides) with its leaves listed in data-tree order. Shared between readers through
//! shared_ptr<const Snapshot>; nothing changes it after construction, so any number of threads
//! may read it at once.
class Snapshot {
 public:
  //! Takes ownership of TREE and lists its leaves.
  explicit Snapshot(Tree tree);

  //! Returns the first top-level node of the merged tree (null when the tree is empty).
  const lyd_node* tree() const { return tree_.get(); }
  const std::vector<SnapshotLeaf>& leaves() const { return leaves_; }
  //! Returns the leaf at XPATH, written as dataPath() prints it, or null.
  const SnapshotLeaf* find(const std::string& xpath) const;
  //! Returns the leaves whose schema node is SCHEMA, in data-tree order.
  std::vector<const SnapshotLeaf*> leavesOf(const lysc_node* schema) const;

 private:
  Tree tree_;
  std::vector<SnapshotLeaf> leaves_;
  std::unordered_map<std::string, std::size_t> by_xpath_;
  std::unordered_multimap<const lysc_node*, std::size_t> by_schema_;
};

//! Returns the concrete path of the data node NODE, keys taken from its list entries.
path::ConcretePath concretePathOf(const lyd_node* node);

//! Returns the leaves of NODE's subtree (or of the whole forest when NODE is null) in
//! data-tree order, leaf-lists folded into one entry each. Used for snapshots and subtree reads.
std::vector<SnapshotLeaf> listLeaves(const lyd_node* forest);

}  // namespace eventmgr::datastore
