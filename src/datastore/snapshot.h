#pragma once

#include <libyang/libyang.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "datastore/region.h"
#include "path/concrete_path.h"

namespace eventmgr::datastore {

//! An immutable merged view of one node's data (config, state, simulated values and ephemeral
//! overrides), made of regions (see region.h). Readers share it through
//! shared_ptr<const Snapshot>, and nothing changes it after construction, so any number of
//! threads may read it at once.
//!
//! A write makes the next snapshot with withRegions(), which copies only the bucket table and
//! the buckets of the regions it replaces. The cost of a write thus grows with the size of the
//! regions it touches, not with the size of the node.
class Snapshot {
 public:
  //! A region to replace, or to remove when the pointer is null.
  using RegionUpdate = std::pair<std::string, std::shared_ptr<const Region>>;

  //! Returns the region KEY, or null.
  const Region* region(const std::string& key) const;
  //! Calls VISIT for every region, in no particular order.
  void forEachRegion(const std::function<void(const Region&)>& visit) const;
  //! Returns a new snapshot with UPDATES applied, leaving this one unchanged.
  std::shared_ptr<const Snapshot> withRegions(const std::vector<RegionUpdate>& updates) const;

 private:
  static constexpr std::size_t kBucketCount = 256;
  using Bucket = std::map<std::string, std::shared_ptr<const Region>>;
  static std::size_t bucketOf(const std::string& key);

  std::array<std::shared_ptr<const Bucket>, kBucketCount> buckets_{};
};

//! Returns the concrete path of the data node NODE, keys taken from its list entries.
path::ConcretePath concretePathOf(const lyd_node* node);

//! Returns a string whose byte order is the natural order of paths: element by element, names
//! and key values compared with runs of digits as numbers (`ethernet-1/2` before
//! `ethernet-1/10`), a path before its extensions. Sorting by it is much cheaper than comparing
//! paths.
std::string naturalSortKey(const path::ConcretePath& path);

}  // namespace eventmgr::datastore
