#include <gtest/gtest.h>

#include "datastore/snapshot.h"
#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

using TransactionTest = DatastoreTest;

TEST_F(TransactionTest, SetsLeafConvertedToType) {
  commit({set("interface ethernet-1/1 mtu", "9000")});
  EXPECT_EQ(value("interface ethernet-1/1 mtu"), "9000");
}

TEST_F(TransactionTest, EmptyValueCreatesPresenceContainerAndEntry) {
  commit({set("system event-handler"), set("system event-handler instance backup")});
  EXPECT_EQ(value("system event-handler instance backup admin-state"), "disable");
  EXPECT_NE(running().find("set / system event-handler instance backup"), std::string::npos);
}

TEST_F(TransactionTest, ArraySetsLeafListReplacingItems) {
  commit({set("system event-handler instance a paths",
              std::vector<std::string>{"interface * oper-state", "x y"})});
  commit({set("system event-handler instance a paths", std::vector<std::string>{"b", "a"})});
  EXPECT_EQ(value("system event-handler instance a paths"), "[ \"b\" \"a\" ]");
}

TEST_F(TransactionTest, SingleValueAddsLeafListItem) {
  commit({set("system event-handler instance a paths", std::vector<std::string>{"one"})});
  commit({set("system event-handler instance a paths", "two")});
  EXPECT_EQ(value("system event-handler instance a paths"), "[ \"one\" \"two\" ]");
}

TEST_F(TransactionTest, JsonSubtreeMergesIntoEntry) {
  commit({set("interface ethernet-1/1 description", "old")});
  commit({Operation::mergeJson(at("interface ethernet-1/1"),
                               R"({"admin-state":"disable","srl_nokia-interfaces:mtu":1600})")});
  EXPECT_EQ(value("interface ethernet-1/1 description"), "old");
  EXPECT_EQ(value("interface ethernet-1/1 admin-state"), "disable");
  EXPECT_EQ(value("interface ethernet-1/1 mtu"), "1600");
}

TEST_F(TransactionTest, JsonValueAtLeafListSetsItems) {
  commit({Operation::mergeJson(at("system event-handler instance a paths"), R"(["p", "q"])")});
  EXPECT_EQ(value("system event-handler instance a paths"), "[ \"p\" \"q\" ]");
}

TEST_F(TransactionTest, DeleteRemovesSubtree) {
  commit({set("interface ethernet-1/1 subinterface 0 description", "x")});
  commit({remove("interface ethernet-1/1 subinterface 0")});
  EXPECT_EQ(value("interface ethernet-1/1 subinterface 0 description"), "<absent>");
  EXPECT_EQ(running().find("subinterface"), std::string::npos);
}

TEST_F(TransactionTest, DeleteOfMissingNodeSucceeds) {
  EXPECT_NO_THROW(commit({remove("interface ethernet-1/9 description")}));
  EXPECT_NO_THROW(commit({remove("interface ethernet-1/9")}));
}

TEST_F(TransactionTest, OrderInsideTransactionDoesNotMatter) {
  // The leafref target is created after the reference, which works because only the end
  // result is validated.
  EXPECT_NO_THROW(
      commit({set("interface ethernet-1/1 ethernet aggregate-id", "lag1"), set("interface lag1")}));
  EXPECT_EQ(value("interface ethernet-1/1 ethernet aggregate-id"), "lag1");
}

TEST_F(TransactionTest, CommitWithoutChangeReturnsZero) {
  commit({set("interface ethernet-1/1 mtu", "9000")});
  EXPECT_EQ(commit({set("interface ethernet-1/1 mtu", "9000")}), 0u);
}

struct InvalidCase {
  const char* name;
  std::vector<std::pair<std::string, std::string>> sets;  // path, value
  const char* expected_text;                              // must appear in the error message
};

class InvalidTransactionTest : public DatastoreTest,
                               public ::testing::WithParamInterface<InvalidCase> {};

TEST_P(InvalidTransactionTest, ChangesNothingAndNamesConstraint) {
  commit({set("interface ethernet-1/1 description", "before")});
  std::string before = running();
  std::vector<Operation> operations;
  operations.push_back(set("interface ethernet-1/2 description", "part of the failed batch"));
  for (const auto& [cli, text] : GetParam().sets) {
    operations.push_back(set(cli, text));
  }
  try {
    commit(operations);
    FAIL() << "commit succeeded";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(GetParam().expected_text), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(running(), before);
  EXPECT_EQ(value("interface ethernet-1/2 description"), "<absent>");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InvalidTransactionTest,
    ::testing::Values(
        InvalidCase{"range", {{"interface ethernet-1/1 mtu", "1000"}}, "mtu"},
        InvalidCase{"type", {{"interface ethernet-1/1 mtu", "big"}}, "big"},
        InvalidCase{"enumeration", {{"interface ethernet-1/1 admin-state", "on"}}, "on"},
        InvalidCase{
            "pattern", {{"system event-handler instance a upython-script", "../x.py"}}, "../x.py"},
        InvalidCase{
            "leafref", {{"interface ethernet-1/1 ethernet aggregate-id", "lag7"}}, "aggregate-id"},
        InvalidCase{"must",
                    {{"network-instance default interface ethernet-1/1.0", ""}},
                    "subinterface does not exist"},
        InvalidCase{"state leaf", {{"interface ethernet-1/1 oper-state", "up"}}, "state"},
        InvalidCase{"value on container", {{"interface ethernet-1/1 ethernet", "x"}}, "container"}),
    [](const auto& test_info) {
      std::string name = test_info.param.name;
      std::replace(name.begin(), name.end(), ' ', '_');
      return name;
    });

TEST_F(TransactionTest, ErrorNamesFailingOperationPath) {
  try {
    commit({set("interface ethernet-1/1 mtu", "1000")});
    FAIL() << "commit succeeded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kValidation);
    EXPECT_NE(std::string(error.what()).find("interface[name='ethernet-1/1']/mtu"),
              std::string::npos)
        << error.what();
  }
}

TEST_F(TransactionTest, ValidationErrorNamesCliPath) {
  try {
    commit({set("interface ethernet-1/1 ethernet aggregate-id", "lag7")});
    FAIL() << "commit succeeded";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("(at interface ethernet-1/1 ethernet aggregate-id)"),
              std::string::npos)
        << error.what();
  }
}

TEST_F(TransactionTest, InvalidJsonSubtreeChangesNothing) {
  EXPECT_THROW(commit({Operation::mergeJson(at("interface ethernet-1/1"), R"({"speed":1})")}),
               Error);
  EXPECT_THROW(commit({Operation::mergeJson(at("interface ethernet-1/1"), "{not json")}), Error);
  EXPECT_THROW(commit({Operation::mergeJson(at("interface ethernet-1/1"), "[1]")}), Error);
  EXPECT_EQ(running(), "");
}

TEST_F(TransactionTest, ListValueForLeafIsRejected) {
  EXPECT_THROW(commit({set("interface ethernet-1/1 mtu", std::vector<std::string>{"1600"})}),
               Error);
}

TEST_F(TransactionTest, CandidateCommitsLaterEdits) {
  datastore_->editCandidate({set("interface ethernet-1/1 description", "from candidate")});
  EXPECT_EQ(value("interface ethernet-1/1 description"), "<absent>");
  EXPECT_NE(datastore_->getSubtree(path::ConcretePath(), DataView::kCandidate, ConfigFormat::kFlat)
                .find("from candidate"),
            std::string::npos);
  commit({set("interface ethernet-1/2 description", "committed meanwhile")});
  EXPECT_GT(datastore_->commitCandidate(), 0u);
  EXPECT_EQ(value("interface ethernet-1/1 description"), "from candidate");
  EXPECT_EQ(value("interface ethernet-1/2 description"), "committed meanwhile");
}

TEST_F(TransactionTest, CandidateValidationFailureKeepsEdits) {
  datastore_->editCandidate({set("interface ethernet-1/1 ethernet aggregate-id", "lag1")});
  EXPECT_THROW(datastore_->validateCandidate(), Error);
  EXPECT_THROW(datastore_->commitCandidate(), Error);
  datastore_->editCandidate({set("interface lag1")});
  EXPECT_NO_THROW(datastore_->commitCandidate());
  datastore_->discardCandidate();
  EXPECT_EQ(datastore_->commitCandidate(), 0u);
}

TEST_F(TransactionTest, StateWriteRejectsConfigLeaf) {
  EXPECT_THROW(writeState({set("interface ethernet-1/1 mtu", "1600")}), Error);
  EXPECT_THROW(writeState({set("interface ethernet-1/1 statistics in-packets", "-1")}), Error);
}

TEST_F(TransactionTest, StateWriteIsReadBack) {
  writeState({set("interface ethernet-1/1 statistics in-packets", "42")});
  EXPECT_EQ(value("interface ethernet-1/1 statistics in-packets"), "42");
  writeState({remove("interface ethernet-1/1 statistics")});
  EXPECT_EQ(value("interface ethernet-1/1 statistics in-packets"), "<absent>");
}

TEST_F(TransactionTest, PatternReadReturnsMatchingLeaves) {
  commit({set("interface ethernet-1/1"), set("interface ethernet-1/2"), set("interface lag1")});
  auto leaves = datastore_->getMatching(pattern("interface ethernet-1/* oper-state"));
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(leaves[0].path.toCli(), "interface ethernet-1/1 oper-state");
  EXPECT_EQ(std::get<std::string>(leaves[1].value), "up");
}

TEST_F(TransactionTest, PatternReadIsInNaturalOrder) {
  commit({set("interface ethernet-1/10"), set("interface ethernet-1/2"),
          set("interface ethernet-1/1"), set("interface mgmt0"),
          set("interface ethernet-1/2 subinterface 10"),
          set("interface ethernet-1/2 subinterface 9")});
  std::vector<std::string> paths;
  for (const auto& leaf : datastore_->getMatching(pattern("interface * oper-state"))) {
    paths.push_back(leaf.path.toCli());
  }
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "interface ethernet-1/1 oper-state", "interface ethernet-1/2 oper-state",
                       "interface ethernet-1/10 oper-state", "interface mgmt0 oper-state"}));
  paths.clear();
  for (const auto& leaf : datastore_->getMatching(pattern("interface * subinterface * index"))) {
    paths.push_back(leaf.path.toCli());
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"interface ethernet-1/2 subinterface 9 index",
                                             "interface ethernet-1/2 subinterface 10 index"}));
}

TEST_F(TransactionTest, SortKeyFollowsPathOrder) {
  std::vector<std::string> texts = {"interface ethernet-1/1",
                                    "interface ethernet-1/1 description",
                                    "system event-handler instance a01",
                                    "system event-handler instance a1",
                                    "system event-handler instance a10",
                                    "interface ethernet-1/2 subinterface 3",
                                    "interface ethernet-1/10",
                                    "interface lag1",
                                    "interface lag1 mtu",
                                    "system event-handler instance a",
                                    "system event-handler instance ab"};
  for (const auto& left : texts) {
    for (const auto& right : texts) {
      auto left_path = at(left);
      auto right_path = at(right);
      EXPECT_EQ(naturalSortKey(left_path) < naturalSortKey(right_path), left_path < right_path)
          << left << " vs " << right;
    }
  }
}

TEST_F(TransactionTest, PatternReadOfContainerCoversLeaves) {
  commit({set("interface ethernet-1/1 description", "d")});
  auto leaves = datastore_->getMatching(pattern("interface ethernet-1/1"));
  bool has_description = false;
  for (const auto& leaf : leaves) {
    has_description |= leaf.path.toCli() == "interface ethernet-1/1 description";
  }
  EXPECT_TRUE(has_description);
}

TEST_F(TransactionTest, GetValueOfContainerIsRejected) {
  EXPECT_THROW(datastore_->getValue(at("interface ethernet-1/1")), Error);
}

TEST_F(TransactionTest, StateProviderAddsLeavesToReads) {
  commit({set("system event-handler instance a")});
  auto registration = datastore_->addStateProvider(at("system event-handler"), [this] {
    return std::vector<MatchedLeaf>{
        {at("system event-handler instance a oper-state"), std::string("down")},
        {at("interface ethernet-1/1 oper-state"), std::string("down")}};
  });
  EXPECT_EQ(value("system event-handler instance a oper-state"), "down");
  // Leaves outside the provider's root are ignored.
  EXPECT_EQ(value("interface ethernet-1/1 oper-state"), "<absent>");
  registration.reset();
  EXPECT_EQ(value("system event-handler instance a oper-state"), "<absent>");
}

}  // namespace
}  // namespace eventmgr::datastore::testing
