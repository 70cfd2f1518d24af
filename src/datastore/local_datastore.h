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
#include "datastore/simulated_node.h"
#include "datastore/snapshot.h"

namespace eventmgr::datastore {

//! How a LocalDatastore is set up.
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
//! Implementation: running config and state are separate trees; every write builds the merged
//! view anew (running + state + simulated behaviour + ephemeral overrides) and compares its
//! leaves with the previous view to produce the change batch. A write therefore costs time
//! proportional to the whole tree, which is small on a simulated node.
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
  std::uint64_t installConfigLocked(Tree next);
  std::uint64_t publishLocked();
  void stampLastChangeLocked();
  std::string clearInterfaceStatistics(const std::string& name);
  void registerBuiltinTools();
  std::string nowTimestamp() const;

  std::shared_ptr<const Snapshot> currentSnapshot() const;
  std::shared_ptr<const Snapshot> viewFor(const lysc_node* read_node) const;

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

  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const Snapshot> snapshot_;

  mutable std::mutex providers_mutex_;
  std::map<std::uint64_t, Provider> providers_;
  std::uint64_t next_provider_ = 1;

  ChangeDispatcher dispatcher_;
};

}  // namespace eventmgr::datastore
