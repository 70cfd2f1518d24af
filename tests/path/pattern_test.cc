#include "path/pattern.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "path/parser.h"

namespace eventmgr::path {
namespace {

const schema::Schema& schemaOf() {
  return *schema::Schema::builtin();
}

ConcretePath concrete(const char* text) {
  return parseConcretePath(schemaOf(), text);
}

struct MatchCase {
  const char* pattern;
  const char* path;
  bool matches;
};

TEST(Pattern, MatchesConcretePaths) {
  std::vector<MatchCase> cases = {
      {"interface * oper-state", "interface ethernet-1/1 oper-state", true},
      {"interface * oper-state", "interface lag1 oper-state", true},
      {"interface * oper-state", "interface ethernet-1/1 admin-state", false},
      {"interface ethernet-1/* oper-state", "interface ethernet-1/12 oper-state", true},
      {"interface ethernet-1/* oper-state", "interface ethernet-2/1 oper-state", false},
      {"interface lag* oper-state", "interface lag10 oper-state", true},
      {"interface lag* oper-state", "interface ethernet-1/1 oper-state", false},
      {"network-instance foo*bar type", "network-instance foobar type", true},
      {"network-instance foo*bar type", "network-instance foo-x-bar type", true},
      {"network-instance foo*bar type", "network-instance foo-x-baz type", false},
      {"network-instance a*b*c type", "network-instance abc type", true},
      {"network-instance a*b*c type", "network-instance axbyc type", true},
      {"network-instance a*b*c type", "network-instance acb type", false},
      {"network-instance ab*ba type", "network-instance aba type", false},
      {"interface ethernet-1/{49..50} oper-state", "interface ethernet-1/49 oper-state", true},
      {"interface ethernet-1/{49..50} oper-state", "interface ethernet-1/50 oper-state", true},
      {"interface ethernet-1/{49..50} oper-state", "interface ethernet-1/51 oper-state", false},
      {"interface ethernet-1/{49..50} oper-state", "interface ethernet-1/4 oper-state", false},
      {"network-instance {cust1-*,cust2-*} type", "network-instance cust2-x type", true},
      {"network-instance {cust1-*,cust2-*} type", "network-instance cust3-x type", false},
      {"network-instance {red{1..2},blue} type", "network-instance red2 type", true},
      {"network-instance {red{1..2},blue} type", "network-instance red3 type", false},
      {"network-instance * protocols bgp neighbor * session-state",
       "network-instance default protocols bgp neighbor 10.0.0.1 session-state", true},
      {"network-instance default route-table ipv4-unicast route * route-type bgp active",
       "network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 3 route-type bgp "
       "route-owner x origin-network-instance default active",
       true},
      {"network-instance default route-table ipv4-unicast route * route-type bgp active",
       "network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 3 route-type "
       "static route-owner x origin-network-instance default active",
       false},
      {"interface ethernet-1/1 subinterface 007 oper-state",
       "interface ethernet-1/1 subinterface 7 oper-state", true},
      {"system lldp interface * neighbor \"a*\" port-id",
       "system lldp interface ethernet-1/1 neighbor \"a*\" port-id", true},
      {"system lldp interface * neighbor \"a*\" port-id",
       "system lldp interface ethernet-1/1 neighbor ab port-id", false},
  };
  for (const auto& test : cases) {
    Pattern pattern = parsePattern(schemaOf(), test.pattern);
    EXPECT_EQ(pattern.matches(concrete(test.path)), test.matches)
        << test.pattern << " vs " << test.path;
  }
}

TEST(Pattern, CoversSubtree) {
  Pattern pattern = parsePattern(schemaOf(), "interface ethernet-1/* statistics");
  EXPECT_TRUE(pattern.covers(concrete("interface ethernet-1/1 statistics in-octets")));
  EXPECT_TRUE(pattern.covers(concrete("interface ethernet-1/1 statistics")));
  EXPECT_FALSE(pattern.matches(concrete("interface ethernet-1/1 statistics in-octets")));
  EXPECT_FALSE(pattern.covers(concrete("interface ethernet-1/1 oper-state")));
  EXPECT_FALSE(pattern.covers(concrete("interface ethernet-1/1")));
}

TEST(Pattern, ConvertsConcretePattern) {
  Pattern pattern = parsePattern(schemaOf(), "interface ethernet-1/1 subinterface 2 oper-state");
  ASSERT_TRUE(pattern.isConcrete());
  EXPECT_EQ(pattern.toConcrete()->toCli(), "interface ethernet-1/1 subinterface 2 oper-state");
  EXPECT_FALSE(parsePattern(schemaOf(), "interface * oper-state").isConcrete());
  EXPECT_FALSE(parsePattern(schemaOf(), "interface ethernet-1/{1,2} oper-state").isConcrete());
  EXPECT_FALSE(parsePattern(schemaOf(), "interface ethernet-1/{1,2} oper-state").toConcrete());
}

TEST(Pattern, ExpandsRangesInOrder) {
  Pattern pattern =
      parsePattern(schemaOf(), "interface ethernet-1/{1,2} subinterface {5..6} oper-state");
  std::vector<std::string> expanded;
  for (const Pattern& single : pattern.expandRanges()) {
    expanded.push_back(single.toCli());
    EXPECT_TRUE(single.isConcrete());
  }
  std::vector<std::string> expected = {"interface ethernet-1/1 subinterface 5 oper-state",
                                       "interface ethernet-1/1 subinterface 6 oper-state",
                                       "interface ethernet-1/2 subinterface 5 oper-state",
                                       "interface ethernet-1/2 subinterface 6 oper-state"};
  EXPECT_EQ(expanded, expected);
}

TEST(Pattern, ExpandKeepsGlobs) {
  Pattern pattern = parsePattern(schemaOf(), "network-instance {a*,\"b c\"*} type");
  std::vector<std::string> expanded;
  for (const Pattern& single : pattern.expandRanges()) {
    expanded.push_back(single.toCli());
    EXPECT_FALSE(single.isConcrete());
  }
  std::vector<std::string> expected = {"network-instance a* type",
                                       "network-instance \"b c\"* type"};
  EXPECT_EQ(expanded, expected);
}

TEST(Pattern, PadsRangesWithLeadingZero) {
  Pattern pattern = parsePattern(schemaOf(), "network-instance vrf{08..10} type");
  std::vector<std::string> expanded;
  for (const Pattern& single : pattern.expandRanges()) {
    expanded.push_back(single.toCli());
  }
  std::vector<std::string> expected = {"network-instance vrf08 type", "network-instance vrf09 type",
                                       "network-instance vrf10 type"};
  EXPECT_EQ(expanded, expected);
}

TEST(KeyPattern, CompilesEscapes) {
  std::vector<Token> tokens = tokenize(R"(a\*b*)");
  KeyPattern key = compileKeyPattern(tokens.front(), true);
  ASSERT_EQ(key.alternatives.size(), 1u);
  EXPECT_TRUE(key.matches("a*bxyz"));
  EXPECT_FALSE(key.matches("axbxyz"));
}

TEST(KeyPattern, RejectsPatternsWhenConcrete) {
  for (const char* text : {"*", "a{1,2}", "}"}) {
    std::vector<Token> tokens = tokenize(text);
    EXPECT_THROW(compileKeyPattern(tokens.front(), false), PathError) << text;
  }
}

TEST(KeyPattern, TreatsCommaOutsideBracesAsLiteral) {
  std::vector<Token> tokens = tokenize("a,b");
  KeyPattern key = compileKeyPattern(tokens.front(), true);
  EXPECT_TRUE(key.matches("a,b"));
  EXPECT_EQ(key.alternatives.size(), 1u);
}

}  // namespace
}  // namespace eventmgr::path

namespace eventmgr::path {
namespace {

TEST(Pattern, RejectsDeeplyNestedBraces) {
  for (int depth : {33, 20000}) {
    std::string value = std::string(static_cast<std::size_t>(depth), '{') + "a" +
                        std::string(static_cast<std::size_t>(depth), '}');
    try {
      parsePattern(schemaOf(), "interface " + value + " oper-state");
      ADD_FAILURE() << "accepted " << depth << " levels";
    } catch (const PathError& error) {
      EXPECT_NE(std::string(error.what()).find("nest deeper than 32"), std::string::npos)
          << error.what();
    }
  }
  EXPECT_NO_THROW(parsePattern(schemaOf(), "interface ethernet-1/{{{{1}}}} oper-state"));
}

}  // namespace
}  // namespace eventmgr::path
