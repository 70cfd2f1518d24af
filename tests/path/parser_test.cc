#include "path/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "schema/node.h"

namespace eventmgr::path {
namespace {

using schema::NodeKind;

const schema::Schema& schemaOf() {
  return *schema::Schema::builtin();
}

struct PatternCase {
  const char* input;
  const char* cli;  // normalised rendering
  NodeKind ends_at;
  std::size_t expansion;
  std::vector<std::string> gnmi;
};

// Every example of SR Linux's path notation that the event-handler documentation gives,
// plus the forms that the notation allows around them.
TEST(ParsePattern, ResolvesExamples) {
  std::vector<PatternCase> cases = {
      {"interface ethernet-1/1 oper-state",
       "interface ethernet-1/1 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/oper-state"}},
      {"/interface ethernet-1/1 oper-state",
       "interface ethernet-1/1 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/oper-state"}},
      {"/ interface ethernet-1/1 oper-state",
       "interface ethernet-1/1 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/oper-state"}},
      {"  interface   ethernet-1/1\toper-state ",
       "interface ethernet-1/1 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/oper-state"}},
      {"interface * oper-state",
       "interface * oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=*]/oper-state"}},
      {"interface ethernet-1/* oper-state",
       "interface ethernet-1/* oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=*]/oper-state"}},
      {"interface lag* oper-state",
       "interface lag* oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=*]/oper-state"}},
      {"interface ethernet-1/{49..50} oper-state",
       "interface ethernet-1/{49..50} oper-state",
       NodeKind::kLeaf,
       2,
       {"/interface[name=ethernet-1/49]/oper-state", "/interface[name=ethernet-1/50]/oper-state"}},
      {"interface ethernet-1/{1,3..5,8} admin-state",
       "interface ethernet-1/{1,3..5,8} admin-state",
       NodeKind::kLeaf,
       5,
       {"/interface[name=ethernet-1/1]/admin-state", "/interface[name=ethernet-1/3]/admin-state",
        "/interface[name=ethernet-1/4]/admin-state", "/interface[name=ethernet-1/5]/admin-state",
        "/interface[name=ethernet-1/8]/admin-state"}},
      {"interface ethernet-1/{1,3,5} mtu",
       "interface ethernet-1/{1,3,5} mtu",
       NodeKind::kLeaf,
       3,
       {"/interface[name=ethernet-1/1]/mtu", "/interface[name=ethernet-1/3]/mtu",
        "/interface[name=ethernet-1/5]/mtu"}},
      {"network-instance {red,blue} admin-state",
       "network-instance {red,blue} admin-state",
       NodeKind::kLeaf,
       2,
       {"/network-instance[name=red]/admin-state", "/network-instance[name=blue]/admin-state"}},
      {"network-instance {red{1..2},blue} admin-state",
       "network-instance {red{1..2},blue} admin-state",
       NodeKind::kLeaf,
       3,
       {"/network-instance[name=red1]/admin-state", "/network-instance[name=red2]/admin-state",
        "/network-instance[name=blue]/admin-state"}},
      {"network-instance {cust1-*,cust2-*} oper-state",
       "network-instance {cust1-*,cust2-*} oper-state",
       NodeKind::kLeaf,
       2,
       {"/network-instance[name=*]/oper-state"}},
      {"network-instance foo*bar type",
       "network-instance foo*bar type",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=*]/type"}},
      {"interface ethernet-1/1 subinterface 0 oper-state",
       "interface ethernet-1/1 subinterface 0 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/subinterface[index=0]/oper-state"}},
      {"network-instance default protocols bgp neighbor 10.0.0.1 session-state",
       "network-instance default protocols bgp neighbor 10.0.0.1 session-state",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=default]/protocols/bgp/neighbor[peer-address=10.0.0.1]/"
        "session-state"}},
      {"network-instance * protocols bgp neighbor * session-state",
       "network-instance * protocols bgp neighbor * session-state",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=*]/protocols/bgp/neighbor[peer-address=*]/session-state"}},
      {"network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 0 route-type bgp "
       "route-owner bgp_mgr origin-network-instance default active",
       "network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 0 route-type bgp "
       "route-owner bgp_mgr origin-network-instance default active",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=default]/route-table/ipv4-unicast/route[id=0][ipv4-prefix=10.0.0.0/"
        "24][origin-network-instance=default][route-owner=bgp_mgr][route-type=bgp]/active"}},
      // Named keys in any order; rendered in SR Linux's CLI order.
      {"network-instance default route-table ipv4-unicast route 10.0.0.0/24 "
       "origin-network-instance default route-owner bgp_mgr route-type bgp id 0 active",
       "network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 0 route-type bgp "
       "route-owner bgp_mgr origin-network-instance default active",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=default]/route-table/ipv4-unicast/route[id=0][ipv4-prefix=10.0.0.0/"
        "24][origin-network-instance=default][route-owner=bgp_mgr][route-type=bgp]/active"}},
      // Keys left out match every value.
      {"network-instance default route-table ipv4-unicast route * route-type bgp active",
       "network-instance default route-table ipv4-unicast route * route-type bgp active",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=default]/route-table/ipv4-unicast/route[id=*][ipv4-prefix=*]"
        "[origin-network-instance=*][route-owner=*][route-type=bgp]/active"}},
      {"system lldp interface * neighbor * system-name",
       "system lldp interface * neighbor * system-name",
       NodeKind::kLeaf,
       1,
       {"/system/lldp/interface[name=*]/neighbor[id=*]/system-name"}},
      {"system configuration last-change",
       "system configuration last-change",
       NodeKind::kLeaf,
       1,
       {"/system/configuration/last-change"}},
      {"system event-handler instance \"my backup\" paths",
       "system event-handler instance \"my backup\" paths",
       NodeKind::kLeafList,
       1,
       {"/system/event-handler/instance[name=my backup]/paths"}},
      {"interface ethernet-1/1 subinterface 0 vlan encap single-tagged vlan-id",
       "interface ethernet-1/1 subinterface 0 vlan encap single-tagged vlan-id",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/subinterface[index=0]/vlan/encap/single-tagged/vlan-id"}},
      {"interface lag1 lag member * oper-state",
       "interface lag1 lag member * oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=lag1]/lag/member[name=*]/oper-state"}},
      {"interface ethernet-1/1 ethernet forward-error-correction",
       "interface ethernet-1/1 ethernet forward-error-correction",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/ethernet/forward-error-correction"}},
      {"network-instance blue bridge-table statistics active-entries",
       "network-instance blue bridge-table statistics active-entries",
       NodeKind::kLeaf,
       1,
       {"/network-instance[name=blue]/bridge-table/statistics/active-entries"}},
      {"interface ethernet-1/1 statistics",
       "interface ethernet-1/1 statistics",
       NodeKind::kContainer,
       1,
       {"/interface[name=ethernet-1/1]/statistics"}},
      {"interface ethernet-1/1",
       "interface ethernet-1/1",
       NodeKind::kList,
       1,
       {"/interface[name=ethernet-1/1]"}},
      {"interface", "interface", NodeKind::kList, 1, {"/interface[name=*]"}},
      {"system", "system", NodeKind::kContainer, 1, {"/system"}},
      // Module prefixes are accepted on element names.
      {"srl_nokia-interfaces:interface ethernet-1/1 oper-state",
       "interface ethernet-1/1 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/oper-state"}},
      // Quoted braces and stars are literal.
      {"system lldp interface ethernet-1/1 neighbor \"a{1..2}*\" system-name",
       "system lldp interface ethernet-1/1 neighbor \"a{1..2}*\" system-name",
       NodeKind::kLeaf,
       1,
       {"/system/lldp/interface[name=ethernet-1/1]/neighbor[id=a{1..2}*]/system-name"}},
      // Canonical key values.
      {"interface ethernet-1/1 subinterface 007 oper-state",
       "interface ethernet-1/1 subinterface 007 oper-state",
       NodeKind::kLeaf,
       1,
       {"/interface[name=ethernet-1/1]/subinterface[index=7]/oper-state"}},
      {"interface ethernet-1/1 subinterface {1..3} oper-state",
       "interface ethernet-1/1 subinterface {1..3} oper-state",
       NodeKind::kLeaf,
       3,
       {"/interface[name=ethernet-1/1]/subinterface[index=1]/oper-state",
        "/interface[name=ethernet-1/1]/subinterface[index=2]/oper-state",
        "/interface[name=ethernet-1/1]/subinterface[index=3]/oper-state"}},
      {"interface ethernet-1/{3..1} mtu",
       "interface ethernet-1/{3..1} mtu",
       NodeKind::kLeaf,
       3,
       {"/interface[name=ethernet-1/3]/mtu", "/interface[name=ethernet-1/2]/mtu",
        "/interface[name=ethernet-1/1]/mtu"}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.input);
    Pattern pattern = parsePattern(schemaOf(), test.input);
    EXPECT_EQ(pattern.toCli(), test.cli);
    EXPECT_EQ(pattern.endsAt(), test.ends_at);
    EXPECT_EQ(pattern.expansionCount(), test.expansion);
    EXPECT_EQ(pattern.toGnmi(), test.gnmi);
  }
}

TEST(ParsePattern, RoundTripsThroughCli) {
  for (const char* input : {
           "interface ethernet-1/{49..50} oper-state",
           "network-instance {red{1..2},blue} admin-state",
           "system lldp interface ethernet-1/1 neighbor \"a \\\"b\\\" {c}\" system-name",
           "network-instance \"x y\"* oper-state",
           "network-instance default route-table ipv4-unicast route * route-type bgp active",
       }) {
    Pattern first = parsePattern(schemaOf(), input);
    Pattern second = parsePattern(schemaOf(), first.toCli());
    EXPECT_EQ(second.toCli(), first.toCli()) << input;
    EXPECT_EQ(second.toGnmi(), first.toGnmi()) << input;
  }
}

TEST(ParsePattern, ResolvesToolsTree) {
  Pattern pattern =
      parsePattern(schemaOf(), "system event-handler instance backup reload", schema::Tree::kTools);
  EXPECT_EQ(pattern.endsAt(), NodeKind::kLeaf);
  EXPECT_THROW(parsePattern(schemaOf(), "system event-handler instance backup reload"), PathError);
}

TEST(ParsePattern, CapsExpansion) {
  EXPECT_EQ(parsePattern(schemaOf(), "interface ethernet-1/1 subinterface {1..4096} oper-state")
                .expansionCount(),
            4096u);
  EXPECT_THROW(parsePattern(schemaOf(), "interface ethernet-1/1 subinterface {0..4096} oper-state"),
               PathError);
  // The cap applies to the product over all ranges of the path.
  EXPECT_THROW(
      parsePattern(schemaOf(), "interface ethernet-1/{1..100} subinterface {1..100} oper-state"),
      PathError);
}

struct ErrorCase {
  const char* input;
  const char* message_part;
};

TEST(ParsePattern, RejectsInvalidPaths) {
  std::vector<ErrorCase> cases = {
      {"", "empty path"},
      {"   ", "empty path"},
      {"/", "empty path"},
      {"interface ethernet-1/1 oper-sate",
       "unknown element \"oper-sate\" at column 24 under interface; did you mean oper-state?"},
      {"interfac ethernet-1/1 oper-state", "did you mean interface?"},
      {"bogus", "unknown element \"bogus\" at column 1 at the top level"},
      {"interface ethernet-1/1 oper-state extra",
       "unexpected \"extra\" at column 35 after leaf oper-state"},
      {"interface ethernet-1/1 \"oper-state\"", "unknown element \"oper-state\""},
      {"interface ethernet-1/{1..2 oper-state", "unterminated \"{\""},
      {"interface ethernet-1/1} oper-state", "unbalanced \"}\""},
      {"interface ethernet-1/{} oper-state", "empty braces"},
      {"interface ethernet-1/{a..3} oper-state", "invalid range"},
      {"interface ethernet-1/{1..99999999999999999999} oper-state", "invalid range"},
      {"interface ethernet-1/{1..5000} oper-state", "more than 4096"},
      {"interface eth0 oper-state", "invalid value \"eth0\" for key name of list interface"},
      {"interface ethernet-1/1 subinterface abc oper-state",
       "invalid value \"abc\" for key index of list subinterface"},
      {"interface ethernet-1/1 subinterface 10000 oper-state", "invalid value \"10000\""},
      {"network-instance default route-table ipv4-unicast route 10.0.0.0/24 route-type nope active",
       "invalid value \"nope\" for key route-type"},
      {"interface \"ethernet-1/1 oper-state", "unterminated quote"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.input);
    try {
      Pattern pattern = parsePattern(schemaOf(), test.input);
      ADD_FAILURE() << "expected an error, got " << pattern.toCli();
    } catch (const PathError& error) {
      EXPECT_NE(std::string(error.what()).find(test.message_part), std::string::npos)
          << error.what();
      EXPECT_EQ(error.kind(), ErrorKind::kInvalidArgument);
    }
  }
}

// Schema promises concurrent readers; parsing validates key values through libyang, which
// uses the shared dictionary and per-thread error records.
TEST(ParsePattern, ParsesFromManyThreads) {
  const std::vector<std::string> inputs = {
      "interface ethernet-1/{1..8} oper-state", "interface eth0 oper-state",
      "network-instance default protocols bgp neighbor 10.0.0.1 session-state",
      "interface ethernet-1/1 subinterface abc oper-state"};
  std::vector<std::string> expected;
  for (const std::string& input : inputs) {
    try {
      expected.push_back(parsePattern(schemaOf(), input).toCli());
    } catch (const PathError& error) {
      expected.push_back(error.what());
    }
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 300; ++round) {
        std::size_t i = static_cast<std::size_t>(round + t) % inputs.size();
        std::string result;
        try {
          result = parsePattern(schemaOf(), inputs[i]).toCli();
        } catch (const PathError& error) {
          result = error.what();
        }
        mismatches[t] += result == expected[i] ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int t = 0; t < 4; ++t) {
    EXPECT_EQ(mismatches[t], 0) << "thread " << t;
  }
}

TEST(ParseConcretePath, ParsesAndRenders) {
  std::vector<std::pair<const char*, const char*>> cases = {
      {"interface ethernet-1/49 oper-state", "interface ethernet-1/49 oper-state"},
      {"/interface ethernet-1/1 description", "interface ethernet-1/1 description"},
      {"system event-handler instance \"my backup\" admin-state",
       "system event-handler instance \"my backup\" admin-state"},
      {"interface ethernet-1/1 subinterface 0", "interface ethernet-1/1 subinterface 0"},
      {"network-instance default route-table ipv4-unicast route 10.0.0.0/24 route-owner bgp_mgr "
       "id 0 origin-network-instance default route-type bgp active",
       "network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 0 route-type bgp "
       "route-owner bgp_mgr origin-network-instance default active"},
      {"system", "system"},
  };
  for (const auto& [input, expected] : cases) {
    ConcretePath path = parseConcretePath(schemaOf(), input);
    EXPECT_EQ(path.toCli(), expected) << input;
    EXPECT_EQ(parseConcretePath(schemaOf(), path.toCli()), path) << input;
  }
}

TEST(ParseConcretePath, RejectsPatterns) {
  for (const char* input : {"interface * oper-state", "interface ethernet-1/* oper-state",
                            "interface ethernet-1/{1..2} oper-state", "interface",
                            "network-instance default route-table ipv4-unicast route 10.0.0.0/24 "
                            "route-type bgp active"}) {
    EXPECT_THROW(parseConcretePath(schemaOf(), input), PathError) << input;
  }
}

TEST(ParseConcretePath, RejectsNulByte) {
  std::string text = "system lldp interface ethernet-1/1 neighbor a";
  text.push_back('\0');
  text += "b port-id";
  EXPECT_THROW(parseConcretePath(schemaOf(), text), PathError);
}

TEST(ParseConcretePath, AcceptsQuotedStar) {
  ConcretePath path =
      parseConcretePath(schemaOf(), "system lldp interface ethernet-1/1 neighbor \"a*\" port-id");
  EXPECT_EQ(path.elements()[3].keys.front(), "a*");
  EXPECT_EQ(path.toCli(), "system lldp interface ethernet-1/1 neighbor \"a*\" port-id");
}

TEST(ParsePathWithValue, SplitsValue) {
  PathWithValue result =
      parsePathWithValue(schemaOf(), "/ interface ethernet-1/1 description \"a b\"");
  EXPECT_EQ(result.path.toCli(), "interface ethernet-1/1 description");
  ASSERT_EQ(result.value.size(), 1u);
  EXPECT_EQ(result.value[0].text, "a b");
  EXPECT_TRUE(result.value[0].quoted);
}

TEST(ParsePathWithValue, SplitsLeafListValue) {
  PathWithValue result = parsePathWithValue(
      schemaOf(), "system event-handler instance x paths [ \"interface * oper-state\" \"z\" ]");
  EXPECT_EQ(result.path.toCli(), "system event-handler instance x paths");
  std::vector<std::string> words;
  for (const Token& token : result.value) {
    words.push_back(token.text);
  }
  std::vector<std::string> expected = {"[", "interface * oper-state", "z", "]"};
  EXPECT_EQ(words, expected);
  EXPECT_FALSE(result.value[0].quoted);
}

TEST(ParsePathWithValue, ContainerHasNoValue) {
  PathWithValue result = parsePathWithValue(schemaOf(), "interface ethernet-1/1 subinterface 0");
  EXPECT_EQ(result.path.size(), 2u);
  EXPECT_TRUE(result.value.empty());
  EXPECT_THROW(parsePathWithValue(schemaOf(), "interface ethernet-1/1 ethernet foo"), PathError);
}

TEST(ParsePathWithValue, LeafWithoutValue) {
  PathWithValue result = parsePathWithValue(schemaOf(), "interface ethernet-1/1 description");
  EXPECT_TRUE(result.value.empty());
}

}  // namespace
}  // namespace eventmgr::path
