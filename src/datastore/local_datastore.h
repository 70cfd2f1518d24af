#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "common/clock.h"
#include "datastore/change_dispatcher.h"
#include "datastore/datastore.h"
#include "datastore/edit.h"
#include "datastore/ephemeral_overlay.h"
#include "datastore/region.h"
#include "datastore/simulated_node.h"
#include "datastore/snapshot.h"

namespace eventmgr::datastore {

//! Settings of a LocalDatastore.
struct LocalDatastoreOptions {
  //! Folder of the startup config (`startup.json`). Empty: no persistence, and
  //! `system configuration save` fails.
  std::filesystem::path data_dir;
  //! Source of `system configuration last-change` and `statistics last-clear` timestamps.
  //! Null: the system clock. A VirtualClock makes offline tests deterministic.
  const Clock* clock = nullptr;
};

//! The datastore of the simulated node, held in memory with libyang trees and validated
//! against the schema. See Datastore for the contract.
//!
//! Implementation: running config and state are separate libyang trees. The merged view
//! (running + state + simulated behaviour + ephemeral overrides) is cut into regions, one per
//! outermost list entry (see region.h). A write rebuilds only the regions its paths fall in and
//! compares their leaves with the previous ones to produce the change batch. A config commit
//! also copies and validates the whole running config, as full validation needs it.
//!
//! The candidate is kept as a list of operations, replayed on the running config at
//! commitCandidate, so commits made meanwhile (for example by event-handler scripts) are kept.
class LocalDatastore : public Datastore {
 public:
  //! Loads `startup.json` from OPTIONS.data_dir when it exists. Throws Error(kValidation) naming
  //! the file when the startup config is invalid, kUnavailable when it cannot be read.
  explicit LocalDatastore(std::shared_ptr<const schema::Schema> schema,
                          LocalDatastoreOptions options = {});
  ~LocalDatastore() override;

  const schema::Schema& schema() const override { return *schema_; }

  std::uint64_t commit(const std::vector<Operation>& operations) override;
  void editCandidate(const std::vector<Operation>& operations) override;
  std::uint64_t commitCandidate() override;
  void discardCandidate() override;
  void validateCandidate() const override;
  void validate(const std::vector<Operation>& operations) const override;
  std::uint64_t replaceConfig(const std::string& text, ConfigFormat format) override;

  std::uint64_t writeState(const std::vector<Operation>& operations) override;

  std::uint64_t setEphemeral(const std::string& owner, const path::ConcretePath& path,
                             const LeafValue& value) override;
  std::uint64_t removeEphemeral(const std::string& owner, const path::ConcretePath& path) override;
  std::uint64_t removeEphemeralOwner(const std::string& owner) override;

  std::optional<LeafValue> getValue(const path::ConcretePath& path) const override;
  std::vector<MatchedLeaf> getMatching(const path::Pattern& pattern) const override;
  std::string getSubtree(const path::ConcretePath& path, DataView view,
                         ConfigFormat format) const override;

  Registration subscribe(ChangeCallback callback) override;
  std::uint64_t lastSequence() const override;
  void waitForDelivery(std::uint64_t sequence) override;

  Registration addStateProvider(const path::ConcretePath& root, StateProvider provider) override;

  ToolsRegistry& tools() override { return tools_; }

  void saveStartup() override;

  //! Returns the path of the startup config file ("" without a data folder).
  std::filesystem::path startupPath() const;

 private:
  struct Provider {
    path::ConcretePath root;
    StateProvider provider;
  };

  // All methods ending in Locked expect write_mutex_ to be held.
  Tree configWithLocked(const std::vector<Operation>& operations) const;
  void validateConfig(Tree& tree) const;
  void addRegionsOfLocked(const path::ConcretePath& path, std::vector<std::string>& regions) const;
  //! Rebuilds REGIONS of the merged view and, when NOTIFY, queues the changes as one batch.
  //! Returns the batch's sequence number, 0 when nothing changed or NOTIFY is false.
  std::uint64_t rebuildLocked(std::vector<std::string> regions, bool notify = true);
  std::uint64_t rebuildAllLocked(bool notify = true);
  void stampLastChangeLocked(std::vector<std::string>& regions);
  std::string clearInterfaceStatistics(const std::string& name);
  void registerBuiltinTools();
  std::string nowTimestamp() const;

  std::shared_ptr<const Snapshot> currentSnapshot() const;
  //! Returns the leaves of the state providers whose subtree overlaps READ_NODE's (every
  //! provider when READ_NODE is null), by data path.
  std::map<std::string, MatchedLeaf> providedLeaves(const lysc_node* read_node) const;
  //! Returns a tree of the merged view at PATH (all of it for the root), with provided leaves.
  Tree mergedTree(const path::ConcretePath& path) const;

  std::shared_ptr<const schema::Schema> schema_;
  const ly_ctx* ctx_;
  LocalDatastoreOptions options_;
  SimulatedNode simulated_;
  ToolsRegistry tools_;

  mutable std::mutex write_mutex_;
  Tree running_;
  Tree state_;
  std::vector<Operation> candidate_;
  EphemeralOverlay overlay_;
  std::uint64_t sequence_ = 0;
  //! `system configuration last-change` and its region, empty when the schema lacks it.
  std::string last_change_xpath_;
  std::string last_change_region_;

  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const Snapshot> snapshot_;

  mutable std::mutex providers_mutex_;
  std::map<std::uint64_t, Provider> providers_;
  std::uint64_t next_provider_ = 1;

  ChangeDispatcher dispatcher_;
};

}  // namespace eventmgr::datastore
