#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "datastore/change.h"
#include "datastore/config_format.h"
#include "datastore/leaf_value.h"
#include "datastore/tools_registry.h"
#include "path/concrete_path.h"
#include "path/pattern.h"
#include "schema/schema.h"

namespace eventmgr::datastore {

//! One operation of a configuration transaction or state write.
struct Operation {
  enum class Kind {
    kSet,        //!< create a node or set a value (see value)
    kDelete,     //!< delete a node and its subtree (a missing node is no error)
    kMergeJson,  //!< merge a JSON subtree (RFC 7951, names qualified or not) at path
  };
  Kind kind = Kind::kSet;
  path::ConcretePath path;
  //! For kSet: "" creates a container, list entry or empty leaf. A string sets a leaf (converted
  //! to its type) or adds one leaf-list item. A vector replaces all items of a leaf-list.
  LeafValue value;
  //! For kMergeJson: the subtree's JSON text. At a leaf or leaf-list it may be a string,
  //! number, boolean or array.
  std::string json;

  static Operation set(path::ConcretePath path, LeafValue value);
  static Operation remove(path::ConcretePath path);
  static Operation mergeJson(path::ConcretePath path, std::string json);
};

//! A leaf found by a pattern read.
struct MatchedLeaf {
  path::ConcretePath path;
  LeafValue value;
};

//! Data that a subtree read returns.
enum class DataView {
  kRunning,    //!< running configuration only
  kCandidate,  //!< the shared candidate configuration
  kMerged,     //!< config, state, simulated values, ephemeral overrides and state providers
};

//! Leaves that a state provider contributes to reads of its subtree.
using StateProvider = std::function<std::vector<MatchedLeaf>()>;

//! Removes what a registration added when it is destroyed. Destroy it before the datastore.
class Registration {
 public:
  Registration() = default;
  explicit Registration(std::function<void()> release) : release_(std::move(release)) {}
  ~Registration() { reset(); }
  Registration(Registration&& other) noexcept : release_(std::move(other.release_)) {
    other.release_ = nullptr;
  }
  Registration& operator=(Registration&& other) noexcept {
    if (this != &other) {
      reset();
      release_ = std::move(other.release_);
      other.release_ = nullptr;
    }
    return *this;
  }
  //! Removes the registration now.
  void reset() {
    if (release_) {
      auto release = std::move(release_);
      release_ = nullptr;
      release();
    }
  }

 private:
  std::function<void()> release_;
};

//! The data of one node: running and candidate configuration, state, ephemeral overrides, tools
//! commands, change notifications and the startup configuration.
//!
//! Threading: every method may be called from any thread. Writes (commits, state writes,
//! overlay changes) run one at a time. Each one builds a new immutable merged view and swaps it
//! in, so reads never wait for a commit and always see one whole commit. Change batches are
//! queued after the new view is visible and delivered on the datastore's notification thread
//! (see subscribe).
//!
//! Errors: methods throw eventmgr::Error. kInvalidArgument and kNotFound name the offending
//! path or value, and kValidation names the data path and the violated constraint (type, range,
//! pattern, leafref, mandatory, must, when, max-elements). A failed write changes nothing.
class Datastore {
 public:
  virtual ~Datastore() = default;

  //! Returns the schema the data is validated against. It lives as long as the datastore.
  virtual const schema::Schema& schema() const = 0;

  //! Applies OPERATIONS, in order, to a copy of running config, validates the result as a whole
  //! and makes it the running config. The operations may pass through invalid intermediate
  //! states, because only the end result is validated. Updates
  //! `system configuration last-change` when the config changed.
  //! Returns the sequence number of the change batch, 0 when nothing changed.
  virtual std::uint64_t commit(const std::vector<Operation>& operations) = 0;

  //! Adds OPERATIONS to the candidate, which keeps its operations and replays them on the
  //! running config at commitCandidate, so commits made meanwhile are kept. Checks paths and
  //! types now, and validates the whole tree only at commitCandidate.
  virtual void editCandidate(const std::vector<Operation>& operations) = 0;
  //! Validates the candidate and makes it the running config, as commit does. A candidate
  //! without edits commits nothing and returns 0.
  virtual std::uint64_t commitCandidate() = 0;
  //! Drops the candidate's edits.
  virtual void discardCandidate() = 0;
  //! Throws the validation error the candidate would fail commitCandidate with, if any.
  virtual void validateCandidate() const = 0;

  //! Throws the validation error that commit(OPERATIONS) would fail with, if any, without
  //! changing anything (JSON-RPC validate).
  virtual void validate(const std::vector<Operation>& operations) const = 0;

  //! Replaces running config with the config in TEXT (format detected when FORMAT is kAuto),
  //! validated as in commit. Returns the sequence number, 0 when nothing changed. Parse errors
  //! carry line and column.
  virtual std::uint64_t replaceConfig(const std::string& text, ConfigFormat format) = 0;

  //! Writes state: kSet and kDelete of state leaves (config false), their list entries and
  //! containers. Values are type-checked but not validated against leafref, must or when. This
  //! is how the simulated device, scenario files and `state set` change state. Returns the
  //! sequence number, 0 when nothing changed.
  virtual std::uint64_t writeState(const std::vector<Operation>& operations) = 0;

  //! Overrides the state leaf PATH with VALUE on behalf of OWNER (an event-handler instance
  //! name). Reads see the override instead of the state value. Returns the sequence number, 0
  //! when nothing changed. Throws Error(kInvalidArgument) when PATH is not a state leaf.
  virtual std::uint64_t setEphemeral(const std::string& owner, const path::ConcretePath& path,
                                     const LeafValue& value) = 0;
  //! Removes OWNER's override of PATH. Returns the sequence number, 0 when nothing changed.
  virtual std::uint64_t removeEphemeral(const std::string& owner,
                                        const path::ConcretePath& path) = 0;
  //! Removes every override of OWNER (for a disabled or deleted instance).
  virtual std::uint64_t removeEphemeralOwner(const std::string& owner) = 0;

  //! Returns the value of the leaf or leaf-list at PATH in the merged view, or nothing when it
  //! has none. Throws Error(kInvalidArgument) when PATH is not a leaf or leaf-list.
  virtual std::optional<LeafValue> getValue(const path::ConcretePath& path) const = 0;
  //! Returns every leaf and leaf-list of the merged view that PATTERN covers: for a leaf pattern
  //! the matching leaves, for a container or list pattern every leaf below. Sorted in the
  //! natural order of paths (ethernet-1/2 before ethernet-1/10), as script input needs.
  virtual std::vector<MatchedLeaf> getMatching(const path::Pattern& pattern) const = 0;
  //! Returns the subtree at PATH (the whole tree for the root) of VIEW in FORMAT, or "" ("{}"
  //! for JSON) when it does not exist.
  virtual std::string getSubtree(const path::ConcretePath& path, DataView view,
                                 ConfigFormat format) const = 0;

  //! Adds CALLBACK, which receives every later change batch, in commit order, on the
  //! datastore's notification thread. The callback must return quickly (queue work elsewhere).
  //! It may read the datastore and start writes, but must not call waitForDelivery.
  virtual Registration subscribe(ChangeCallback callback) = 0;
  //! Returns the sequence number of the newest change batch, 0 before the first.
  virtual std::uint64_t lastSequence() const = 0;

  //! Blocks until the batch SEQUENCE and all before it have reached every subscriber.
  virtual void waitForDelivery(std::uint64_t sequence) = 0;

  //! Makes PROVIDER contribute leaves below ROOT to every read that touches ROOT's subtree
  //! (getValue, getMatching, getSubtree of kMerged). Providers run on the reading thread and
  //! must be thread-safe and fast. Their leaves overwrite stored state and produce no change
  //! notifications. Leaves outside ROOT are dropped with an error in the log.
  virtual Registration addStateProvider(const path::ConcretePath& root, StateProvider provider) = 0;

  //! Returns the tools commands of this node. Built in: `system configuration save` and
  //! `interface * statistics clear`.
  virtual ToolsRegistry& tools() = 0;

  //! Writes running config to the startup file atomically. Throws Error(kUnavailable) when the
  //! datastore has no data folder or the write fails.
  virtual void saveStartup() = 0;
};

}  // namespace eventmgr::datastore
