#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "datastore/leaf_value.h"
#include "path/concrete_path.h"

namespace eventmgr::datastore {

//! A change of one leaf (or one whole leaf-list) in the merged view of config, state, simulated
//! values and ephemeral overrides. Writing a value equal to the current one produces none.
struct LeafChange {
  //! The leaf, or for a leaf-list the leaf-list itself (no value predicate).
  path::ConcretePath path;
  //! Value before the commit, empty when the leaf was created.
  std::optional<LeafValue> old_value;
  //! Value after the commit, empty when the leaf was deleted.
  std::optional<LeafValue> new_value;

  bool created() const { return !old_value.has_value(); }
  bool deleted() const { return !new_value.has_value(); }
};

//! All leaf changes of one commit (a config transaction, a state write, an overlay change).
struct ChangeBatch {
  //! Position of the commit in the datastore's history: 1, 2, 3, ... without gaps. Commits that
  //! change nothing get no number.
  std::uint64_t sequence = 0;
  //! Changes grouped by region of the merged view (one outermost list entry, or the rest of a
  //! top-level container), regions sorted by data path. Within a region, created and modified
  //! leaves come first in data-tree order, then deleted ones.
  std::vector<LeafChange> changes;
};

//! Receives change batches. See ChangeDispatcher for the thread it runs on.
using ChangeCallback = std::function<void(const ChangeBatch&)>;

}  // namespace eventmgr::datastore
