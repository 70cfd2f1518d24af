#include <gtest/gtest.h>

#include "common/virtual_clock.h"
#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

using SimulatedNodeTest = DatastoreTest;

TEST_F(SimulatedNodeTest, ConfiguredInterfaceIsUp) {
  commit({set("interface ethernet-1/1")});
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "<absent>");
}

TEST_F(SimulatedNodeTest, StateOverridesDefaultUp) {
  commit({set("interface ethernet-1/1")});
  writeState({set("interface ethernet-1/1 oper-state", "down"),
              set("interface ethernet-1/1 oper-down-reason", "lower-layer-down")});
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "lower-layer-down");
}

TEST_F(SimulatedNodeTest, AdminDisableForcesDown) {
  commit({set("interface ethernet-1/1 admin-state", "disable")});
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "port-admin-disabled");
  commit({set("interface ethernet-1/1 admin-state", "enable")});
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "<absent>");
}

TEST_F(SimulatedNodeTest, OverrideDownHasEventHandlerReason) {
  commit({set("interface ethernet-1/1")});
  datastore_->setEphemeral("opergroup", at("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "event-handler");
}

TEST_F(SimulatedNodeTest, RemovingOverrideRestoresState) {
  commit({set("interface ethernet-1/1")});
  writeState({set("interface ethernet-1/1 oper-state", "down"),
              set("interface ethernet-1/1 oper-down-reason", "lower-layer-down")});
  datastore_->setEphemeral("opergroup", at("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "<absent>");
  datastore_->removeEphemeral("opergroup", at("interface ethernet-1/1 oper-state"));
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 oper-down-reason"), "lower-layer-down");
}

TEST_F(SimulatedNodeTest, RemovingOwnerRestoresAllItsOverrides) {
  commit({set("interface ethernet-1/1"), set("interface ethernet-1/2")});
  datastore_->setEphemeral("a", at("interface ethernet-1/1 oper-state"), "down");
  datastore_->setEphemeral("a", at("interface ethernet-1/2 oper-state"), "down");
  datastore_->setEphemeral("b", at("interface ethernet-1/2 oper-state"), "down");
  datastore_->removeEphemeralOwner("a");
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "up");
  EXPECT_EQ(value("interface ethernet-1/2 oper-state"), "down");  // b still overrides it
  EXPECT_EQ(datastore_->removeEphemeralOwner("a"), 0u);
}

TEST_F(SimulatedNodeTest, OverrideOfConfigLeafIsRejected) {
  EXPECT_THROW(datastore_->setEphemeral("a", at("interface ethernet-1/1 admin-state"), "enable"),
               Error);
  EXPECT_THROW(datastore_->setEphemeral("a", at("interface ethernet-1/1 oper-state"), "sideways"),
               Error);
}

TEST_F(SimulatedNodeTest, SubinterfaceFollowsInterface) {
  commit({set("interface ethernet-1/1 subinterface 0")});
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 oper-state"), "up");
  commit({set("interface ethernet-1/1 admin-state", "disable")});
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 oper-down-reason"), "port-down");
}

TEST_F(SimulatedNodeTest, SubinterfaceFollowsOverride) {
  commit({set("interface ethernet-1/1 subinterface 0")});
  datastore_->setEphemeral("a", at("interface ethernet-1/1 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 oper-state"), "down");
}

TEST_F(SimulatedNodeTest, DisabledSubinterfaceIsDown) {
  commit({set("interface ethernet-1/1 subinterface 0 admin-state", "disable")});
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 oper-state"), "down");
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 oper-down-reason"), "admin-disabled");
}

TEST_F(SimulatedNodeTest, StateOnlyInterfaceKeepsStateValues) {
  writeState({set("interface mgmt0 oper-state", "down")});
  EXPECT_EQ(value("interface mgmt0 oper-state"), "down");
  EXPECT_EQ(value("interface mgmt0 oper-down-reason"), "<absent>");
}

TEST_F(SimulatedNodeTest, CommitStampsLastChangeFromClock) {
  VirtualClock clock;
  auto datastore = makeDatastore({.data_dir = {}, .clock = &clock});
  datastore->commit({set("interface ethernet-1/1")});
  auto stamp = datastore->getValue(at("system configuration last-change"));
  ASSERT_TRUE(stamp.has_value());
  // libyang stores date-and-time in its canonical form, with +00:00 for UTC.
  EXPECT_EQ(std::get<std::string>(*stamp), "2026-01-01T00:00:00.000+00:00");
}

}  // namespace
}  // namespace eventmgr::datastore::testing
