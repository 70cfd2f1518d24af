#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "datastore/local_datastore.h"
#include "path/parser.h"
#include "schema/schema.h"

namespace eventmgr::datastore::testing {

//! A LocalDatastore on the built-in schema, with helpers that take CLI paths.
class DatastoreTest : public ::testing::Test {
 protected:
  DatastoreTest() : schema_(schema::Schema::builtin()) { datastore_ = makeDatastore(); }

  std::unique_ptr<LocalDatastore> makeDatastore(LocalDatastoreOptions options = {}) {
    return std::make_unique<LocalDatastore>(schema_, std::move(options));
  }

  path::ConcretePath at(const std::string& cli) const {
    return path::parseConcretePath(*schema_, cli);
  }
  path::Pattern pattern(const std::string& cli) const { return path::parsePattern(*schema_, cli); }

  Operation set(const std::string& cli, LeafValue value = std::string()) const {
    return Operation::set(at(cli), std::move(value));
  }
  Operation remove(const std::string& cli) const { return Operation::remove(at(cli)); }

  std::uint64_t commit(std::vector<Operation> operations) { return datastore_->commit(operations); }
  std::uint64_t writeState(std::vector<Operation> operations) {
    return datastore_->writeState(operations);
  }

  //! Returns the leaf's value as a string, "<absent>" when it has none.
  std::string value(const std::string& cli) const {
    auto found = datastore_->getValue(at(cli));
    return found ? describeValue(*found) : "<absent>";
  }

  std::string running(ConfigFormat format = ConfigFormat::kFlat) const {
    return datastore_->getSubtree(path::ConcretePath(), DataView::kRunning, format);
  }

  std::shared_ptr<const schema::Schema> schema_;
  std::unique_ptr<LocalDatastore> datastore_;
};

//! A fresh folder under the system temporary folder, removed at the end of the test.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "eventmgr-ds-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace eventmgr::datastore::testing
