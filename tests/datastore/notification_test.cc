#include <gtest/gtest.h>

#include <mutex>

#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

// Records every batch, as the engine would see it.
class NotificationTest : public DatastoreTest {
 protected:
  NotificationTest() {
    registration_ = datastore_->subscribe([this](const ChangeBatch& batch) {
      std::lock_guard lock(mutex_);
      batches_.push_back(batch);
    });
  }

  std::vector<ChangeBatch> received(std::uint64_t sequence) {
    if (sequence > 0) {
      datastore_->waitForDelivery(sequence);
    }
    std::lock_guard lock(mutex_);
    return batches_;
  }

  //! Finds the change of the leaf CLI in BATCH, or null.
  static const LeafChange* changeOf(const ChangeBatch& batch, const std::string& cli) {
    for (const auto& change : batch.changes) {
      if (change.path.toCli() == cli) {
        return &change;
      }
    }
    return nullptr;
  }

  std::mutex mutex_;
  std::vector<ChangeBatch> batches_;
  Registration registration_;
};

TEST_F(NotificationTest, CreatedLeafHasNoOldValue) {
  auto sequence = commit({set("interface ethernet-1/1 description", "uplink")});
  auto batches = received(sequence);
  ASSERT_EQ(batches.size(), 1u);
  const LeafChange* change = changeOf(batches[0], "interface ethernet-1/1 description");
  ASSERT_NE(change, nullptr);
  EXPECT_TRUE(change->created());
  EXPECT_EQ(std::get<std::string>(*change->new_value), "uplink");
}

TEST_F(NotificationTest, ModifiedLeafHasBothValues) {
  commit({set("interface ethernet-1/1 description", "a")});
  auto sequence = commit({set("interface ethernet-1/1 description", "b")});
  auto batches = received(sequence);
  ASSERT_EQ(batches.size(), 2u);
  const LeafChange* change = changeOf(batches[1], "interface ethernet-1/1 description");
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(std::get<std::string>(*change->old_value), "a");
  EXPECT_EQ(std::get<std::string>(*change->new_value), "b");
}

TEST_F(NotificationTest, DeletedLeafHasNoNewValue) {
  commit({set("interface ethernet-1/1 description", "a")});
  auto sequence = commit({remove("interface ethernet-1/1")});
  auto batches = received(sequence);
  const LeafChange* change = changeOf(batches.back(), "interface ethernet-1/1 description");
  ASSERT_NE(change, nullptr);
  EXPECT_TRUE(change->deleted());
  EXPECT_NE(changeOf(batches.back(), "interface ethernet-1/1 oper-state"), nullptr);
}

TEST_F(NotificationTest, SameValueIsNoChange) {
  writeState({set("interface ethernet-1/1 statistics in-packets", "5")});
  EXPECT_EQ(writeState({set("interface ethernet-1/1 statistics in-packets", "5")}), 0u);
  auto sequence = writeState({set("interface ethernet-1/1 statistics in-packets", "6")});
  auto batches = received(sequence);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[1].changes.size(), 1u);
}

TEST_F(NotificationTest, BatchesArriveInCommitOrder) {
  std::uint64_t last = 0;
  for (int i = 0; i < 20; ++i) {
    last = writeState({set("interface ethernet-1/1 statistics in-packets", std::to_string(i))});
  }
  auto batches = received(last);
  ASSERT_EQ(batches.size(), 20u);
  for (std::size_t i = 0; i < batches.size(); ++i) {
    EXPECT_EQ(batches[i].sequence, i + 1);
    const LeafChange* change = changeOf(batches[i], "interface ethernet-1/1 statistics in-packets");
    ASSERT_NE(change, nullptr);
    EXPECT_EQ(std::get<std::string>(*change->new_value), std::to_string(i));
  }
}

TEST_F(NotificationTest, CommitIsVisibleWhenBatchArrives) {
  std::string seen;
  std::mutex seen_mutex;
  auto reader = datastore_->subscribe([&](const ChangeBatch&) {
    std::lock_guard lock(seen_mutex);
    seen = value("interface ethernet-1/1 description");
  });
  auto sequence = commit({set("interface ethernet-1/1 description", "visible")});
  datastore_->waitForDelivery(sequence);
  std::lock_guard lock(seen_mutex);
  EXPECT_EQ(seen, "visible");
}

TEST_F(NotificationTest, LeafListChangeCarriesAllItems) {
  auto sequence =
      commit({set("system event-handler instance a paths", std::vector<std::string>{"x", "y"})});
  auto batches = received(sequence);
  const LeafChange* change = changeOf(batches[0], "system event-handler instance a paths");
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(std::get<std::vector<std::string>>(*change->new_value),
            (std::vector<std::string>{"x", "y"}));
}

TEST_F(NotificationTest, ConfigCommitChangesLastChange) {
  auto sequence = commit({set("interface ethernet-1/1")});
  auto batches = received(sequence);
  EXPECT_NE(changeOf(batches[0], "system configuration last-change"), nullptr);
}

TEST_F(NotificationTest, OverlayChangeIsNotified) {
  commit({set("interface ethernet-1/1")});
  auto sequence = datastore_->setEphemeral("eh1", at("interface ethernet-1/1 oper-state"), "down");
  auto batches = received(sequence);
  const LeafChange* change = changeOf(batches.back(), "interface ethernet-1/1 oper-state");
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(std::get<std::string>(*change->old_value), "up");
  EXPECT_EQ(std::get<std::string>(*change->new_value), "down");
}

TEST_F(NotificationTest, FailedCommitSendsNothing) {
  EXPECT_THROW(commit({set("interface ethernet-1/1 mtu", "1")}), Error);
  auto sequence = commit({set("interface ethernet-1/1 mtu", "1600")});
  auto batches = received(sequence);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].sequence, 1u);
}

TEST_F(NotificationTest, UnsubscribedCallbackGetsNothing) {
  registration_.reset();
  auto sequence = commit({set("interface ethernet-1/1")});
  EXPECT_TRUE(received(sequence).empty());
}

TEST_F(NotificationTest, ThrowingSubscriberDoesNotStopOthers) {
  auto thrower = datastore_->subscribe(
      [](const ChangeBatch&) { throw Error(ErrorKind::kInternal, "subscriber failure"); });
  auto sequence = commit({set("interface ethernet-1/1")});
  EXPECT_EQ(received(sequence).size(), 1u);
}

}  // namespace
}  // namespace eventmgr::datastore::testing
