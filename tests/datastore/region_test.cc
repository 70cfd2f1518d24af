#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

// Writes at container level reach every list entry below, which are regions of their own.
using RegionTest = DatastoreTest;

TEST_F(RegionTest, DeletingContainerRemovesEntries) {
  commit({set("system event-handler instance a admin-state", "enable"),
          set("system event-handler instance b admin-state", "enable")});
  commit({remove("system event-handler")});
  EXPECT_EQ(value("system event-handler instance a admin-state"), "<absent>");
  EXPECT_EQ(value("system event-handler instance b admin-state"), "<absent>");
  EXPECT_TRUE(datastore_->getMatching(pattern("system event-handler instance * name")).empty());
}

TEST_F(RegionTest, DeletingContainerNotifiesEachLeaf) {
  commit({set("system event-handler instance a"), set("system event-handler instance b")});
  std::vector<ChangeBatch> batches;
  std::mutex mutex;
  auto registration = datastore_->subscribe([&](const ChangeBatch& batch) {
    std::lock_guard lock(mutex);
    batches.push_back(batch);
  });
  auto sequence = commit({remove("system")});
  datastore_->waitForDelivery(sequence);
  std::lock_guard lock(mutex);
  ASSERT_EQ(batches.size(), 1u);
  int deleted_names = 0;
  for (const auto& change : batches[0].changes) {
    if (change.deleted() && change.path.back().name == "name") {
      ++deleted_names;
    }
  }
  EXPECT_EQ(deleted_names, 2);
}

TEST_F(RegionTest, JsonMergeAtContainerCreatesEntries) {
  commit({Operation::mergeJson(
      at("system"),
      R"({"event-handler":{"instance":[{"name":"a","admin-state":"enable"},{"name":"b"}]}})")});
  EXPECT_EQ(value("system event-handler instance a admin-state"), "enable");
  EXPECT_EQ(value("system event-handler instance b admin-state"), "disable");
}

TEST_F(RegionTest, StateOutlivesDeletedConfig) {
  commit({set("interface ethernet-1/1 description", "d")});
  writeState({set("interface ethernet-1/1 statistics in-packets", "7")});
  commit({remove("interface ethernet-1/1")});
  EXPECT_EQ(value("interface ethernet-1/1 description"), "<absent>");
  EXPECT_EQ(value("interface ethernet-1/1 statistics in-packets"), "7");
  // Not configured any more, so no simulated oper-state.
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "<absent>");
}

TEST_F(RegionTest, ReplaceConfigRemovesOldEntries) {
  commit({set("interface ethernet-1/1"), set("interface ethernet-1/2")});
  datastore_->replaceConfig("set / interface ethernet-1/3\n", ConfigFormat::kFlat);
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "<absent>");
  EXPECT_EQ(value("interface ethernet-1/3 oper-state"), "up");
  EXPECT_NE(value("system configuration last-change"), "<absent>");
}

TEST_F(RegionTest, QuotedKeyIsFoundAgain) {
  commit({set("system event-handler instance \"my backup\" upython-script", "b.py")});
  EXPECT_EQ(value("system event-handler instance \"my backup\" upython-script"), "b.py");
  auto leaves = datastore_->getMatching(pattern("system event-handler instance * upython-script"));
  ASSERT_EQ(leaves.size(), 1u);
  EXPECT_EQ(leaves[0].path.toCli(), "system event-handler instance \"my backup\" upython-script");
}

TEST_F(RegionTest, MergedSubtreeOfContainerIncludesEntries) {
  commit({set("system event-handler instance a"), set("system event-handler run-as-user", "x")});
  std::string flat =
      datastore_->getSubtree(at("system event-handler"), DataView::kMerged, ConfigFormat::kFlat);
  EXPECT_NE(flat.find("set / system event-handler run-as-user x"), std::string::npos) << flat;
  EXPECT_NE(flat.find("set / system event-handler instance a admin-state disable"),
            std::string::npos)
      << flat;
}

// Readers run while a writer flaps a leaf. Every read must see a whole commit: the two counters
// are always written together, so a reader never sees them differ.
TEST_F(RegionTest, ReadsSeeWholeCommits) {
  commit({set("interface ethernet-1/1")});
  std::atomic<bool> stop = false;
  std::atomic<int> mismatches = 0;
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      auto in = at("interface ethernet-1/1 statistics in-packets");
      auto out = at("interface ethernet-1/1 statistics out-packets");
      while (!stop) {
        auto leaves = datastore_->getMatching(pattern("interface ethernet-1/1 statistics"));
        std::string in_value;
        std::string out_value;
        for (const auto& leaf : leaves) {
          if (leaf.path == in) {
            in_value = std::get<std::string>(leaf.value);
          } else if (leaf.path == out) {
            out_value = std::get<std::string>(leaf.value);
          }
        }
        if (in_value != out_value) {
          ++mismatches;
        }
      }
    });
  }
  for (int i = 0; i < 300; ++i) {
    writeState({set("interface ethernet-1/1 statistics in-packets", std::to_string(i)),
                set("interface ethernet-1/1 statistics out-packets", std::to_string(i))});
  }
  stop = true;
  for (auto& reader : readers) {
    reader.join();
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace eventmgr::datastore::testing
