#include <gtest/gtest.h>

#include "datastore/tools_registry.h"
#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

using ToolsTest = DatastoreTest;

TEST(ToolsRegistryTest, PassesKeysAndValue) {
  ToolsRegistry registry;
  ToolsRequest seen;
  registry.add("system event-handler instance * reload", [&seen](const ToolsRequest& request) {
    seen = request;
    return std::string("reloaded");
  });
  EXPECT_EQ(registry.run("/tools system event-handler instance \"my eh\" reload", ""), "reloaded");
  ASSERT_EQ(seen.keys.size(), 1u);
  EXPECT_EQ(seen.keys[0], "my eh");
}

TEST(ToolsRegistryTest, UnknownPathListsCommands) {
  ToolsRegistry registry;
  registry.add("interface * statistics clear", [](const ToolsRequest&) { return std::string(); });
  try {
    registry.run("interface ethernet-1/1 statistics reset", "");
    FAIL() << "unknown command ran";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kNotFound);
    EXPECT_NE(std::string(error.what()).find("interface * statistics clear"), std::string::npos);
  }
}

TEST(ToolsRegistryTest, DuplicatePatternIsRejected) {
  ToolsRegistry registry;
  registry.add("a * b", [](const ToolsRequest&) { return std::string(); });
  EXPECT_THROW(registry.add("a  *  b", [](const ToolsRequest&) { return std::string(); }), Error);
  registry.remove("a * b");
  EXPECT_TRUE(registry.patterns().empty());
}

TEST_F(ToolsTest, StatisticsClearResetsCounters) {
  commit({set("interface ethernet-1/1")});
  writeState({set("interface ethernet-1/1 statistics in-packets", "10"),
              set("interface ethernet-1/1 statistics out-octets", "20")});
  datastore_->tools().run("interface ethernet-1/1 statistics clear", "");
  EXPECT_EQ(value("interface ethernet-1/1 statistics in-packets"), "0");
  EXPECT_EQ(value("interface ethernet-1/1 statistics out-octets"), "0");
  EXPECT_NE(value("interface ethernet-1/1 statistics last-clear"), "<absent>");
}

TEST_F(ToolsTest, StatisticsClearOfUnknownInterfaceFails) {
  EXPECT_THROW(datastore_->tools().run("interface ethernet-1/7 statistics clear", ""), Error);
}

TEST_F(ToolsTest, SaveWithoutDataFolderFails) {
  try {
    datastore_->tools().run("system configuration save", "");
    FAIL() << "save succeeded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kUnavailable);
  }
}

TEST_F(ToolsTest, SaveWritesStartupConfig) {
  TemporaryFolder folder;
  auto datastore = makeDatastore({.data_dir = folder.path(), .clock = nullptr});
  datastore->commit({set("interface ethernet-1/1 description", "saved")});
  datastore->tools().run("system configuration save", "");
  EXPECT_TRUE(std::filesystem::exists(folder.path() / "startup.json"));
}

}  // namespace
}  // namespace eventmgr::datastore::testing
