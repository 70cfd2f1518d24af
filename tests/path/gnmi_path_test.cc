#include "path/gnmi_path.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "path/parser.h"

namespace eventmgr::path {
namespace {

const schema::Schema& schemaOf() {
  return *schema::Schema::builtin();
}

TEST(GnmiPath, ParsesStringForm) {
  GnmiPath path = parseGnmiPath("/interface[name=ethernet-1/1]/subinterface[index=0]/oper-state");
  ASSERT_EQ(path.elems.size(), 3u);
  EXPECT_EQ(path.elems[0].name, "interface");
  EXPECT_EQ(path.elems[0].keys.at("name"), "ethernet-1/1");
  EXPECT_EQ(path.elems[1].keys.at("index"), "0");
  EXPECT_EQ(path.elems[2].name, "oper-state");
  EXPECT_TRUE(path.origin.empty());
}

TEST(GnmiPath, ParsesEscapesOriginAndRoot) {
  GnmiPath escaped = parseGnmiPath(R"(/a[k=x\]y\\z]/b)");
  EXPECT_EQ(escaped.elems[0].keys.at("k"), "x]y\\z");
  GnmiPath with_origin = parseGnmiPath("srl:/interface[name=a]");
  EXPECT_EQ(with_origin.origin, "srl");
  EXPECT_EQ(with_origin.elems.size(), 1u);
  EXPECT_TRUE(parseGnmiPath("/").elems.empty());
  EXPECT_TRUE(parseGnmiPath("").elems.empty());
  GnmiPath prefixed = parseGnmiPath("srl_nokia-interfaces:interface[name=a]/oper-state");
  EXPECT_TRUE(prefixed.origin.empty());
  EXPECT_EQ(prefixed.elems[0].name, "srl_nokia-interfaces:interface");
}

TEST(GnmiPath, FormatsAndParsesBack) {
  for (const char* text : {"/interface[name=ethernet-1/1]/oper-state", "/a[x=1][y=2]/b",
                           R"(/a[k=x\]y\\z])", "/", "origin:/a/b"}) {
    EXPECT_EQ(formatGnmiPath(parseGnmiPath(text)), text);
  }
}

TEST(GnmiPath, SortsKeysByName) {
  GnmiPath path;
  path.elems.push_back(GnmiPathElem{"route", {{"z", "1"}, {"a", "2"}}});
  EXPECT_EQ(formatGnmiPath(path), "/route[a=2][z=1]");
}

TEST(GnmiPath, RejectsMalformedStrings) {
  for (const char* text : {"/a[k=v", "/a[kv]", "/a//b", "/a[=v]", "/a]b", "/a[k=1][k=2]"}) {
    EXPECT_THROW(parseGnmiPath(text), PathError) << text;
  }
}

TEST(GnmiPath, ConvertsConcretePaths) {
  for (const char* cli : {"interface ethernet-1/1 oper-state",
                          "network-instance default protocols bgp neighbor 10.0.0.1 session-state",
                          "system event-handler instance \"my backup\" admin-state"}) {
    ConcretePath path = parseConcretePath(schemaOf(), cli);
    GnmiPath gnmi = toGnmiPath(path);
    EXPECT_EQ(formatGnmiPath(gnmi), path.toGnmi()) << cli;
    EXPECT_EQ(fromGnmiPath(schemaOf(), gnmi), path) << cli;
    EXPECT_EQ(fromGnmiPath(schemaOf(), parseGnmiPath(path.toGnmi())), path) << cli;
  }
}

TEST(GnmiPath, AcceptsModulePrefixes) {
  GnmiPath gnmi = parseGnmiPath(
      "/srl_nokia-network-instance:network-instance[name=default]/protocols/srl_nokia-bgp:bgp/"
      "neighbor[peer-address=2.2.2.2]/session-state");
  ConcretePath path = fromGnmiPath(schemaOf(), gnmi);
  EXPECT_EQ(path.toCli(), "network-instance default protocols bgp neighbor 2.2.2.2 session-state");
  EXPECT_THROW(fromGnmiPath(schemaOf(), parseGnmiPath("/srl_nokia-bgp:interface[name=a]")),
               PathError);
}

TEST(GnmiPath, ResolvesPatterns) {
  Pattern pattern = patternFromGnmiPath(schemaOf(), parseGnmiPath("/interface[name=*]/oper-state"));
  EXPECT_TRUE(pattern.matches(parseConcretePath(schemaOf(), "interface lag1 oper-state")));
  Pattern missing_key = patternFromGnmiPath(schemaOf(), parseGnmiPath("/interface/oper-state"));
  EXPECT_TRUE(missing_key.matches(parseConcretePath(schemaOf(), "interface lag1 oper-state")));
  EXPECT_EQ(formatGnmiPath(toGnmiPath(pattern)), "/interface[name=*]/oper-state");
}

TEST(GnmiPath, RejectsIncompleteConcretePaths) {
  std::vector<std::pair<const char*, const char*>> cases = {
      {"/interface/oper-state", "missing"},
      {"/interface[name=*]/oper-state", "wildcard"},
      {"/interface[name=ethernet-1/1]/oper-sate", "unknown element \"oper-sate\""},
      {"/interface[name=ethernet-1/1][colour=red]/oper-state", "not a key"},
      {"/interface[name=eth0]/oper-state", "invalid value \"eth0\""},
      {"/*/oper-state", "not supported"},
  };
  for (const auto& [text, part] : cases) {
    try {
      fromGnmiPath(schemaOf(), parseGnmiPath(text));
      ADD_FAILURE() << "expected an error for " << text;
    } catch (const PathError& error) {
      EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
    }
  }
}

TEST(GnmiPath, RejectsRangesInPatternConversion) {
  Pattern pattern = parsePattern(schemaOf(), "interface ethernet-1/{1,2} oper-state");
  EXPECT_THROW(toGnmiPath(pattern), Error);
}

}  // namespace
}  // namespace eventmgr::path
