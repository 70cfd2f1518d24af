#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "datastore/leaf_value.h"

namespace eventmgr::datastore {

//! Ephemeral overrides of state leaves, each owned by a writer (an event-handler instance
//! name), so that removing an owner restores everything it overrode.
//!
//! When several owners override the same leaf, the most recent write wins. Removing that write
//! reveals the next most recent one. Overrides are grouped by the region of the merged view
//! they fall in, so a region rebuild finds its own quickly. Not thread-safe: the datastore
//! guards it with its write lock.
class EphemeralOverlay {
 public:
  //! Sets OWNER's override of the leaf at XPATH (a normalised libyang data path) in REGION.
  void set(const std::string& owner, const std::string& region, const std::string& xpath,
           const LeafValue& value);
  //! Removes OWNER's override of XPATH in REGION. Returns false when there was none.
  bool remove(const std::string& owner, const std::string& region, const std::string& xpath);
  //! Removes every override of OWNER and returns the regions it had overrides in.
  std::vector<std::string> removeOwner(const std::string& owner);

  //! Returns the winning value of every overridden leaf of REGION, by data path.
  std::map<std::string, LeafValue> effectiveIn(const std::string& region) const;
  //! Returns the winning override of XPATH in REGION, or null.
  const LeafValue* find(const std::string& region, const std::string& xpath) const;
  //! Returns the regions that have overrides.
  std::vector<std::string> regions() const;

 private:
  struct Entry {
    std::string owner;
    LeafValue value;
    std::uint64_t sequence = 0;
  };
  // Region, then leaf data path, then the owners' writes in the order they were made.
  std::map<std::string, std::map<std::string, std::vector<Entry>>> entries_;
  std::uint64_t next_sequence_ = 1;
};

}  // namespace eventmgr::datastore
