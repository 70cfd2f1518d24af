#include "path/matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "path/parser.h"

namespace eventmgr::path {
namespace {

const schema::Schema& schemaOf() {
  return *schema::Schema::builtin();
}

ConcretePath concrete(const std::string& text) {
  return parseConcretePath(schemaOf(), text);
}

class PatternIndexTest : public ::testing::Test {
 protected:
  void add(PatternId id, const char* text) {
    index_.add(id, parsePattern(schemaOf(), text));
    patterns_.push_back({id, parsePattern(schemaOf(), text)});
  }

  // The ids a full scan finds, for comparison with the index.
  std::vector<PatternId> scan(const ConcretePath& path) const {
    std::vector<PatternId> ids;
    for (const auto& [id, pattern] : patterns_) {
      schema::NodeKind kind = pattern.endsAt();
      bool subtree = kind == schema::NodeKind::kContainer || kind == schema::NodeKind::kList;
      if (subtree ? pattern.covers(path) : pattern.matches(path)) {
        ids.push_back(id);
      }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  PatternIndex index_;
  std::vector<std::pair<PatternId, Pattern>> patterns_;
};

TEST_F(PatternIndexTest, MatchesLikeFullScan) {
  add(1, "interface ethernet-1/1 oper-state");
  add(2, "interface * oper-state");
  add(3, "interface ethernet-1/* oper-state");
  add(4, "interface ethernet-1/{1..4} oper-state");
  add(5, "interface lag* oper-state");
  add(6, "interface {ethernet-1/2,lag*} oper-state");
  add(7, "interface ethernet-1/1 admin-state");
  add(8, "interface ethernet-1/1 statistics");
  add(9, "interface *");
  add(10, "system configuration last-change");
  add(11, "network-instance * protocols bgp neighbor * session-state");
  add(12, "network-instance default protocols bgp neighbor 10.0.0.{1..3} session-state");
  add(13, "interface ethernet-1/1 subinterface * oper-state");

  std::vector<std::string> paths = {
      "interface ethernet-1/1 oper-state",
      "interface ethernet-1/2 oper-state",
      "interface ethernet-1/9 oper-state",
      "interface ethernet-2/1 oper-state",
      "interface lag1 oper-state",
      "interface ethernet-1/1 admin-state",
      "interface ethernet-1/1 statistics in-octets",
      "interface ethernet-1/1 subinterface 0 oper-state",
      "interface ethernet-1/2 subinterface 0 oper-state",
      "system configuration last-change",
      "network-instance default protocols bgp neighbor 10.0.0.2 session-state",
      "network-instance blue protocols bgp neighbor 10.0.0.2 session-state",
      "network-instance blue protocols bgp neighbor 10.0.0.2 peer-as",
  };
  for (const std::string& text : paths) {
    ConcretePath path = concrete(text);
    EXPECT_EQ(index_.match(path), scan(path)) << text;
  }
}

TEST_F(PatternIndexTest, ReturnsEachIdOnce) {
  add(7, "interface ethernet-1/1 oper-state");
  add(7, "interface * oper-state");
  add(7, "interface {ethernet-1/1,ethernet-*} oper-state");
  std::vector<PatternId> expected = {7};
  EXPECT_EQ(index_.match(concrete("interface ethernet-1/1 oper-state")), expected);
  EXPECT_EQ(index_.size(), 3u);
}

TEST_F(PatternIndexTest, RemovesById) {
  add(1, "interface * oper-state");
  add(2, "interface ethernet-1/1 oper-state");
  add(1, "interface ethernet-1/* admin-state");
  index_.remove(1);
  index_.remove(99);
  EXPECT_EQ(index_.size(), 1u);
  std::vector<PatternId> expected = {2};
  EXPECT_EQ(index_.match(concrete("interface ethernet-1/1 oper-state")), expected);
  EXPECT_TRUE(index_.match(concrete("interface ethernet-1/1 admin-state")).empty());
}

TEST_F(PatternIndexTest, EmptyIndexMatchesNothing) {
  EXPECT_TRUE(index_.match(concrete("interface ethernet-1/1 oper-state")).empty());
  EXPECT_TRUE(index_.match(ConcretePath()).empty());
}

TEST_F(PatternIndexTest, ClearsOutputVector) {
  add(1, "interface * oper-state");
  std::vector<PatternId> ids = {42, 43};
  index_.match(concrete("interface ethernet-1/1 admin-state"), ids);
  EXPECT_TRUE(ids.empty());
}

}  // namespace
}  // namespace eventmgr::path
