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
//! When several owners override the same leaf, the most recent write wins; removing it reveals
//! the next most recent one. Not thread-safe: the datastore guards it with its write lock.
class EphemeralOverlay {
 public:
  //! Sets OWNER's override of the leaf at XPATH (a normalised libyang data path) to VALUE.
  void set(const std::string& owner, const std::string& xpath, const LeafValue& value);
  //! Removes OWNER's override of XPATH. Returns false when there was none.
  bool remove(const std::string& owner, const std::string& xpath);
  //! Removes every override of OWNER. Returns false when it had none.
  bool removeOwner(const std::string& owner);

  //! Returns the winning value of every overridden leaf, by data path.
  std::map<std::string, LeafValue> effective() const;
  //! Returns the winning override of XPATH, or null.
  const LeafValue* find(const std::string& xpath) const;

 private:
  struct Entry {
    std::string owner;
    LeafValue value;
    std::uint64_t sequence = 0;
  };
  std::map<std::string, std::vector<Entry>> entries_;
  std::uint64_t next_sequence_ = 1;
};

}  // namespace eventmgr::datastore
