#pragma once

#include <cstddef>
#include <vector>

#include "datastore/datastore.h"
#include "path/concrete_path.h"
#include "path/gnmi_path.h"
#include "path/pattern.h"
#include "schema/schema.h"

namespace eventmgr::servers::gnmi {

//! The leaves a gNMI read path selects: the node it names and everything below, with `*` and
//! omitted keys matching every list entry, and the element names `*` (one level) and `...`
//! (any number of levels) as gNMI wildcards.
//!
//! The elements before the first element wildcard are resolved against the schema, so a
//! misspelt name is INVALID_ARGUMENT. Those after it are compared by name only, because they
//! may apply to many schema nodes.
class PathSelector {
 public:
  //! Resolves PATH against SCHEMA. Throws PathError naming the element for an unknown name,
  //! an unknown key or an invalid key value.
  PathSelector(const schema::Schema& schema, const path::GnmiPath& path);

  //! Returns true when the path has no wildcard of any kind (no `*`, `...` or omitted key).
  bool isConcrete() const;
  //! Returns true when the path contains the element wildcard `...`.
  bool hasRecursiveWildcard() const;
  //! Returns the number of path elements (the depth at which it names nodes).
  std::size_t depth() const { return depth_; }

  //! Returns the leaves of the merged view of DATASTORE that the path selects, in data-tree
  //! order.
  std::vector<datastore::MatchedLeaf> read(const datastore::Datastore& datastore) const;
  //! Returns true when LEAF is the node the path names or lies below it.
  bool covers(const path::ConcretePath& leaf) const;

 private:
  bool coversRest(const path::ConcretePath& leaf, std::size_t leaf_index,
                  std::size_t rest_index) const;

  path::Pattern prefix_;
  std::vector<path::GnmiPathElem> rest_;
  std::size_t depth_ = 0;
  bool concrete_ = false;
};

}  // namespace eventmgr::servers::gnmi
