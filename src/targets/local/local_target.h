#pragma once

#include <string>

#include "targets/target.h"

namespace eventmgr::targets {

//! The node eventmgr runs itself: a Target over a local Datastore, which it does not own.
class LocalTarget : public Target {
 public:
  LocalTarget(std::string name, datastore::Datastore& datastore)
      : name_(std::move(name)), datastore_(datastore) {}

  const std::string& name() const override { return name_; }
  const schema::Schema& schema() const override { return datastore_.schema(); }
  datastore::Registration subscribe(datastore::ChangeCallback callback) override {
    return datastore_.subscribe(std::move(callback));
  }
  std::uint64_t lastSequence() const override { return datastore_.lastSequence(); }
  std::vector<datastore::MatchedLeaf> read(const path::Pattern& pattern) override {
    return datastore_.getMatching(pattern);
  }
  std::uint64_t setEphemeral(const std::string& owner, const path::ConcretePath& path,
                             const datastore::LeafValue& value) override {
    return datastore_.setEphemeral(owner, path, value);
  }
  std::uint64_t clearEphemeral(const std::string& owner) override {
    return datastore_.removeEphemeralOwner(owner);
  }
  std::uint64_t commitConfig(const std::vector<datastore::Operation>& operations) override {
    return datastore_.commit(operations);
  }
  std::string runTools(const std::string& path, const std::string& value) override {
    return datastore_.tools().run(path, value);
  }

 private:
  std::string name_;
  datastore::Datastore& datastore_;
};

}  // namespace eventmgr::targets
