#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "datastore/change.h"
#include "datastore/datastore.h"
#include "datastore/leaf_value.h"
#include "path/concrete_path.h"
#include "path/pattern.h"
#include "schema/schema.h"

namespace eventmgr::targets {

//! A node whose state the engine watches and on which it applies actions: the local simulated
//! node, or (later) a device reached over gNMI. The engine talks to nodes only through this.
//!
//! Threading: every method may be called from any thread. Write methods return the sequence
//! number of the change batch they caused (0 when nothing changed), so the engine can tell
//! changes caused by its own actions from others. Failures throw eventmgr::Error whose message
//! names the path and the reason; nothing of a failed write is applied.
class Target {
 public:
  virtual ~Target() = default;

  //! Returns the node's name, used in logs and as gNMI target.
  virtual const std::string& name() const = 0;

  //! Returns the schema the node's paths resolve against. It lives as long as the target.
  virtual const schema::Schema& schema() const = 0;

  //! Delivers every later change batch of the node to CALLBACK, in order, on the target's
  //! notification thread. The callback must return quickly.
  virtual datastore::Registration subscribe(datastore::ChangeCallback callback) = 0;

  //! Returns the sequence number of the newest change batch, 0 before the first.
  virtual std::uint64_t lastSequence() const = 0;

  //! Returns the current leaves that PATTERN matches, in data-tree order.
  virtual std::vector<datastore::MatchedLeaf> read(const path::Pattern& pattern) = 0;

  //! Overrides the state leaf PATH with VALUE on behalf of OWNER.
  virtual std::uint64_t setEphemeral(const std::string& owner, const path::ConcretePath& path,
                                     const datastore::LeafValue& value) = 0;

  //! Removes every override of OWNER.
  virtual std::uint64_t clearEphemeral(const std::string& owner) = 0;

  //! Applies OPERATIONS to the configuration as one validated transaction.
  virtual std::uint64_t commitConfig(const std::vector<datastore::Operation>& operations) = 0;

  //! Runs the tools command PATH (CLI notation without `tools`) with VALUE; returns its output.
  virtual std::string runTools(const std::string& path, const std::string& value) = 0;
};

}  // namespace eventmgr::targets
