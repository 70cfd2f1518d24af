#pragma once

#include <libyang/libyang.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "datastore/ephemeral_overlay.h"
#include "datastore/leaf_value.h"
#include "datastore/simulated_node.h"
#include "datastore/yang_tree.h"
#include "path/concrete_path.h"

namespace eventmgr::datastore {

// The merged view is cut into regions so that a write rebuilds only the part it touched. Every
// entry of an outermost list (one interface, one event-handler instance, one LLDP interface) is
// a region with everything below it. Every top-level container is a region of the nodes that
// lie outside those list entries (e.g. `system configuration last-change`).
// A region's key is the libyang data path of its root node.

//! One leaf, or one whole leaf-list, of the merged view.
struct SnapshotLeaf {
  //! The leaf node, or the first instance of the leaf-list. Owned by the region's tree.
  const lyd_node* node = nullptr;
  //! The leaf's schema node, kept here so that scans do not touch the libyang tree.
  const lysc_node* schema = nullptr;
  //! libyang data path, without a value predicate for a leaf-list.
  std::string xpath;
  path::ConcretePath path;
  //! naturalSortKey(path), so that reads sort leaves with plain string comparisons.
  std::string sort_key;
  LeafValue value;
};

//! The merged data of one region, immutable once built.
struct Region {
  std::string key;
  //! Schema node of the region's root: an outermost list, or a top-level node.
  const lysc_node* root_schema = nullptr;
  //! The region's merged nodes with their ancestors up to the top level.
  Tree tree;
  //! Leaves in data-tree order.
  std::vector<SnapshotLeaf> leaves;
  std::unordered_map<std::string, std::size_t> by_xpath;

  //! Returns the leaf at XPATH, spelled as dataPath() prints it, or null.
  const SnapshotLeaf* find(const std::string& xpath) const;
};

//! Returns the key of the region that contains NODE.
std::string regionKeyOf(const lyd_node* node);
//! Returns the key of the region that contains PATH (which must not be the root).
std::string regionKeyOf(const path::ConcretePath& path);

//! Returns the region roots found at or below NODE: NODE's own region, and the outermost list
//! entries below it when NODE lies in a container region.
void collectRegionKeys(const lyd_node* node, std::vector<std::string>& keys);

//! Returns the node at XPATH in FOREST, or null. Never throws for a missing node.
const lyd_node* findNode(const lyd_node* forest, const std::string& xpath);

//! Inputs of a region build.
struct RegionSources {
  const ly_ctx* ctx = nullptr;
  //! The whole running config, to tell which entries are configured.
  const lyd_node* running = nullptr;
  //! The region's root node in running config and in state, null where it does not exist.
  const lyd_node* running_root = nullptr;
  const lyd_node* state_root = nullptr;
  const SimulatedNode* simulated = nullptr;
  const EphemeralOverlay* overlay = nullptr;
};

//! Builds the region KEY from SOURCES: config merged with state, then the simulated behaviour,
//! then the overrides. Returns null when the region has no data (its entry was deleted).
std::shared_ptr<const Region> buildRegion(const std::string& key, const RegionSources& sources);

}  // namespace eventmgr::datastore
