#include "path/concrete_path.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/error.h"
#include "path/parser.h"
#include "path/pattern.h"

namespace eventmgr::path {
namespace {

const schema::Schema& schemaOf() {
  return *schema::Schema::builtin();
}

ConcretePath concrete(const std::string& text) {
  return parseConcretePath(schemaOf(), text);
}

TEST(ConcretePath, RendersGnmi) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"interface ethernet-1/1 oper-state", "/interface[name=ethernet-1/1]/oper-state"},
      {"system lldp interface ethernet-1/1 neighbor \"a]b\\\\c\" system-name",
       "/system/lldp/interface[name=ethernet-1/1]/neighbor[id=a\\]b\\\\c]/system-name"},
      {"network-instance default protocols bgp neighbor 10.0.0.1 peer-as",
       "/network-instance[name=default]/protocols/bgp/neighbor[peer-address=10.0.0.1]/peer-as"},
  };
  for (const auto& [cli, gnmi] : cases) {
    EXPECT_EQ(concrete(cli).toGnmi(), gnmi) << cli;
  }
  EXPECT_EQ(ConcretePath().toGnmi(), "/");
}

TEST(ConcretePath, RendersXPath) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"interface ethernet-1/1 oper-state",
       "/srl_nokia-interfaces:interface[name='ethernet-1/1']/oper-state"},
      {"network-instance default protocols bgp neighbor 10.0.0.1 peer-as",
       "/srl_nokia-network-instance:network-instance[name='default']/protocols/srl_nokia-bgp:bgp/"
       "neighbor[peer-address='10.0.0.1']/peer-as"},
      {"system lldp interface ethernet-1/1 neighbor \"it's\" system-name",
       "/srl_nokia-system:system/srl_nokia-lldp:lldp/interface[name='ethernet-1/1']/"
       "neighbor[id=\"it's\"]/system-name"},
      {"network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 0 route-type bgp "
       "route-owner o origin-network-instance default active",
       "/srl_nokia-network-instance:network-instance[name='default']/route-table/"
       "srl_nokia-ip-route-tables:ipv4-unicast/route[ipv4-prefix='10.0.0.0/24']"
       "[route-type='srl_nokia-common:bgp'][route-owner='o'][id='0']"
       "[origin-network-instance='default']/active"},
  };
  for (const auto& [cli, xpath] : cases) {
    EXPECT_EQ(concrete(cli).toXPath(), xpath) << cli;
  }
}

TEST(ConcretePath, XPathWorksWithLibyang) {
  const ly_ctx* context = schemaOf().context();
  for (const char* cli :
       {"interface ethernet-1/1 description",
        "system lldp interface ethernet-1/1 neighbor \"it's \\\"x\\\"\" system-name",
        "system lldp interface ethernet-1/1 neighbor \"it's\" system-name",
        "network-instance default protocols bgp neighbor 10.0.0.1 peer-as",
        "interface ethernet-1/1 subinterface 3 vlan encap single-tagged vlan-id"}) {
    SCOPED_TRACE(cli);
    ConcretePath path = concrete(cli);
    std::string xpath;
    try {
      xpath = path.toXPath();
    } catch (const Error& error) {
      // A value with both quote characters cannot be written, and the error names the cause.
      EXPECT_NE(std::string(error.what()).find("both"), std::string::npos);
      continue;
    }
    lyd_node* tree = nullptr;
    const char* value = std::string(cli).find("vlan-id") != std::string::npos       ? "10"
                        : std::string(cli).find("peer-as") != std::string::npos     ? "65000"
                        : std::string(cli).find("admin-state") != std::string::npos ? "enable"
                                                                                    : "text";
    ASSERT_EQ(lyd_new_path(nullptr, context, xpath.c_str(), value, 0, &tree), LY_SUCCESS) << xpath;
    lyd_free_all(tree);
  }
}

TEST(ConcretePath, NeedsNoModuleInNeighbor) {
  // Neighbor is in srl_nokia-bgp; the predicate after it carries no prefix of its own.
  std::string xpath =
      concrete("network-instance default protocols bgp neighbor 10.0.0.1 peer-as").toXPath();
  EXPECT_NE(xpath.find("srl_nokia-bgp:bgp/neighbor"), std::string::npos) << xpath;
}

TEST(ConcretePath, OrdersNaturally) {
  std::vector<ConcretePath> paths = {
      concrete("interface ethernet-1/10 oper-state"), concrete("interface ethernet-1/2 oper-state"),
      concrete("interface ethernet-1/2 admin-state"), concrete("interface ethernet-1/1 oper-state"),
      concrete("interface ethernet-1/1")};
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> rendered;
  for (const auto& path : paths) {
    rendered.push_back(path.toCli());
  }
  std::vector<std::string> expected = {
      "interface ethernet-1/1", "interface ethernet-1/1 oper-state",
      "interface ethernet-1/2 admin-state", "interface ethernet-1/2 oper-state",
      "interface ethernet-1/10 oper-state"};
  EXPECT_EQ(rendered, expected);
}

TEST(ConcretePath, HashesConsistently) {
  ConcretePath first = concrete("interface ethernet-1/1 oper-state");
  ConcretePath second = concrete("/interface ethernet-1/1 oper-state");
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.hash(), second.hash());
  std::unordered_set<ConcretePath, ConcretePathHash> set = {first, second,
                                                            concrete("interface lag1 oper-state")};
  EXPECT_EQ(set.size(), 2u);
}

TEST(ConcretePath, BuildsParentsAndChildren) {
  ConcretePath leaf = concrete("interface ethernet-1/1 subinterface 0 oper-state");
  ConcretePath entry = leaf.parent();
  EXPECT_EQ(entry.toCli(), "interface ethernet-1/1 subinterface 0");
  EXPECT_TRUE(leaf.startsWith(entry));
  EXPECT_FALSE(entry.startsWith(leaf));
  EXPECT_TRUE(leaf.parent(10).empty());
  EXPECT_EQ(entry.child(leaf.back()), leaf);
  EXPECT_EQ(leaf.schemaNode(), leaf.back().node);
  EXPECT_EQ(ConcretePath().schemaNode(), nullptr);
}

const char* kRoute =
    "network-instance default route-table ipv4-unicast route 10.0.0.0/24 id 0 route-type bgp "
    "route-owner bgp_mgr origin-network-instance default active";

TEST(IdentityKey, StoresModulePrefix) {
  ConcretePath path = concrete(kRoute);
  // The datastore builds paths from lyd_get_value(), which prefixes identities.
  EXPECT_EQ(path.elements()[3].keys[1], "srl_nokia-common:bgp");
  EXPECT_EQ(concrete(std::string(kRoute).replace(std::string(kRoute).find("bgp "), 3,
                                                 "srl_nokia-common:bgp")),
            path);
}

TEST(IdentityKey, RendersWithoutPrefix) {
  ConcretePath path = concrete(kRoute);
  EXPECT_EQ(path.toCli(), kRoute);
  EXPECT_NE(path.toGnmi().find("[route-type=bgp]"), std::string::npos) << path.toGnmi();
}

TEST(IdentityKey, ExpandsWithoutPrefix) {
  Pattern pattern = parsePattern(
      schemaOf(),
      "network-instance default route-table ipv4-unicast route * route-type {bgp,static} active");
  std::vector<std::string> rendered;
  for (const Pattern& single : pattern.expandRanges()) {
    rendered.push_back(single.toCli());
  }
  std::vector<std::string> expected = {
      "network-instance default route-table ipv4-unicast route * route-type bgp active",
      "network-instance default route-table ipv4-unicast route * route-type static active"};
  EXPECT_EQ(rendered, expected);
  EXPECT_TRUE(pattern.matches(concrete(kRoute)));
}

}  // namespace
}  // namespace eventmgr::path
