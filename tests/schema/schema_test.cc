#include "schema/schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.h"
#include "schema/node.h"

namespace eventmgr::schema {
namespace {

class SchemaTest : public ::testing::Test {
 protected:
  const Schema& schema() { return *Schema::builtin(); }

  // Resolves a chain of names from the top of TREE; fails the test on a missing name.
  const lysc_node* find(std::initializer_list<const char*> names, Tree tree = Tree::kData) {
    const lysc_node* node = nullptr;
    for (const char* name : names) {
      node = node == nullptr ? schema().findTopLevel(name, tree) : schema().findChild(node, name);
      EXPECT_NE(node, nullptr) << "missing " << name;
      if (node == nullptr) {
        return nullptr;
      }
    }
    return node;
  }
};

TEST_F(SchemaTest, FindsTopLevelNodes) {
  for (const char* name : {"interface", "network-instance", "system"}) {
    EXPECT_NE(schema().findTopLevel(name), nullptr) << name;
  }
  EXPECT_EQ(schema().findTopLevel("interfaces"), nullptr);
}

TEST_F(SchemaTest, AcceptsMatchingModulePrefix) {
  EXPECT_NE(schema().findTopLevel("srl_nokia-interfaces:interface"), nullptr);
  EXPECT_EQ(schema().findTopLevel("srl_nokia-bgp:interface"), nullptr);
}

TEST_F(SchemaTest, FindsAugmentedChildren) {
  const lysc_node* bgp = find({"network-instance", "protocols", "bgp"});
  ASSERT_NE(bgp, nullptr);
  EXPECT_EQ(moduleName(bgp), "srl_nokia-bgp");
  EXPECT_NE(schema().findChild(find({"network-instance", "protocols"}), "srl_nokia-bgp:bgp"),
            nullptr);
  EXPECT_NE(find({"system", "event-handler", "instance", "upython-timeout"}), nullptr);
  EXPECT_NE(find({"system", "lldp", "interface", "neighbor", "system-name"}), nullptr);
}

TEST_F(SchemaTest, LooksThroughChoices) {
  EXPECT_NE(find({"interface", "subinterface", "vlan", "encap", "single-tagged", "vlan-id"}),
            nullptr);
  EXPECT_NE(find({"system", "event-handler", "instance", "options", "object", "values"}), nullptr);
}

TEST_F(SchemaTest, ReportsNodeKinds) {
  EXPECT_EQ(nodeKind(find({"interface"})), NodeKind::kList);
  EXPECT_EQ(nodeKind(find({"interface", "ethernet"})), NodeKind::kContainer);
  EXPECT_EQ(nodeKind(find({"interface", "oper-state"})), NodeKind::kLeaf);
  EXPECT_EQ(nodeKind(find({"system", "event-handler", "instance", "paths"})), NodeKind::kLeafList);
}

TEST_F(SchemaTest, ListsKeysInKeyOrder) {
  const lysc_node* route = find({"network-instance", "route-table", "ipv4-unicast", "route"});
  ASSERT_NE(route, nullptr);
  std::vector<std::string> names;
  for (const lysc_node* key : listKeys(route)) {
    names.emplace_back(key->name);
  }
  std::vector<std::string> expected = {"ipv4-prefix", "route-type", "route-owner", "id",
                                       "origin-network-instance"};
  EXPECT_EQ(names, expected);
}

TEST_F(SchemaTest, ListsKeysInCliOrder) {
  const lysc_node* route = find({"network-instance", "route-table", "ipv4-unicast", "route"});
  ASSERT_NE(route, nullptr);
  std::vector<std::string> names;
  for (const lysc_node* key : listKeysInCliOrder(route)) {
    names.emplace_back(key->name);
  }
  std::vector<std::string> expected = {"ipv4-prefix", "id", "route-type", "route-owner",
                                       "origin-network-instance"};
  EXPECT_EQ(names, expected);
}

TEST_F(SchemaTest, ReportsConfigAndState) {
  EXPECT_TRUE(isConfig(find({"interface", "description"})));
  EXPECT_FALSE(isConfig(find({"interface", "oper-state"})));
  EXPECT_FALSE(isConfig(find({"system", "event-handler", "instance", "statistics"})));
}

TEST_F(SchemaTest, KeepsToolsInOwnTree) {
  const lysc_node* reload = find({"system", "event-handler", "instance", "reload"}, Tree::kTools);
  ASSERT_NE(reload, nullptr);
  EXPECT_EQ(schema().treeOf(reload), Tree::kTools);
  EXPECT_NE(find({"system", "event-handler", "instance", "persistent-data", "clear"}, Tree::kTools),
            nullptr);
  EXPECT_NE(find({"system", "configuration", "save"}, Tree::kTools), nullptr);
  EXPECT_NE(find({"interface", "statistics", "clear"}, Tree::kTools), nullptr);
  EXPECT_EQ(schema().findChild(find({"system", "event-handler", "instance"}), "reload"), nullptr);
  EXPECT_EQ(schema().treeOf(find({"interface"})), Tree::kData);
}

TEST_F(SchemaTest, ListsChildNames) {
  std::vector<std::string> names = schema().childNames(find({"interface", "subinterface"}));
  EXPECT_NE(std::find(names.begin(), names.end(), "oper-state"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "vlan"), names.end());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  std::vector<std::string> top = schema().childNames(nullptr);
  EXPECT_NE(std::find(top.begin(), top.end(), "network-instance"), top.end());
}

TEST_F(SchemaTest, ListsModuleNames) {
  std::vector<std::string> names = schema().moduleNames();
  for (const char* name : {"srl_nokia-interfaces", "srl_nokia-event-handler",
                           "eventmgr-event-handler", "srl_nokia-bgp"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  EXPECT_EQ(std::find(names.begin(), names.end(), "srl_nokia-tools-event-handler"), names.end());
}

SchemaOptions optionsWith(std::vector<std::filesystem::path> yang_dirs,
                          std::vector<std::filesystem::path> search_dirs = {}) {
  SchemaOptions options;
  options.yang_dirs = std::move(yang_dirs);
  options.search_dirs = std::move(search_dirs);
  return options;
}

// A folder in the test's temporary directory that is removed afterwards.
class YangFolder {
 public:
  explicit YangFolder(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              (name + "-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~YangFolder() { std::filesystem::remove_all(path_); }
  void write(const std::string& file, const std::string& text) {
    std::ofstream(path_ / file) << text;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(SchemaYangDir, LoadsFurtherModules) {
  YangFolder folder("eventmgr-yang-further");
  folder.write("example-widgets.yang", R"(module example-widgets {
  yang-version 1.1;
  namespace "urn:example:widgets";
  prefix w;
  import srl_nokia-interfaces { prefix srl_nokia-if; }
  container widgets { leaf count { type uint8; } }
  augment "/srl_nokia-if:interface" { leaf colour { type string; } }
})");
  Schema schema(optionsWith({folder.path()}));
  EXPECT_NE(schema.findTopLevel("widgets"), nullptr);
  EXPECT_NE(schema.findChild(schema.findTopLevel("interface"), "colour"), nullptr);
}

TEST(SchemaYangDir, ReplacesBuiltinModule) {
  YangFolder folder("eventmgr-yang-replace");
  folder.write("srl_nokia-lldp.yang", R"(module srl_nokia-lldp {
  yang-version 1.1;
  namespace "urn:nokia.com:srlinux:lldp:lldp";
  prefix srl_nokia-lldp;
  import srl_nokia-system { prefix srl-system; }
  augment "/srl-system:system" { container lldp { leaf replaced { type string; } } }
})");
  Schema schema(optionsWith({folder.path()}));
  const lysc_node* lldp = schema.findChild(schema.findTopLevel("system"), "lldp");
  ASSERT_NE(lldp, nullptr);
  EXPECT_NE(schema.findChild(lldp, "replaced"), nullptr);
  EXPECT_EQ(schema.findChild(lldp, "interface"), nullptr);
}

TEST(SchemaYangDir, RejectsMissingFolder) {
  try {
    Schema schema(optionsWith({"/nonexistent/eventmgr-yang"}));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kNotFound);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/eventmgr-yang"), std::string::npos);
  }
}

TEST(SchemaYangDir, LoadsImportsFromSearchDir) {
  YangFolder modules("eventmgr-yang-modules");
  YangFolder imports("eventmgr-yang-imports");
  std::filesystem::create_directories(imports.path() / "nested");
  std::ofstream(imports.path() / "nested" / "example-types.yang") << R"(module example-types {
  namespace "urn:example:types";
  prefix t;
  typedef colour { type enumeration { enum red; enum blue; } }
})";
  // Not a valid module: it must not be loaded because nothing imports it.
  imports.write("unused.yang", "module unused {");
  modules.write("example-paint.yang", R"(module example-paint {
  namespace "urn:example:paint";
  prefix p;
  import example-types { prefix t; }
  container paint { leaf colour { type t:colour; } }
})");
  Schema schema(optionsWith({modules.path()}, {imports.path()}));
  EXPECT_NE(schema.findTopLevel("paint"), nullptr);
}

TEST(SchemaYangDir, NamesMissingImport) {
  YangFolder folder("eventmgr-yang-missing-import");
  folder.write("example-paint.yang", R"(module example-paint {
  namespace "urn:example:paint";
  prefix p;
  import example-nosuch { prefix n; }
})");
  try {
    Schema schema(optionsWith({folder.path()}));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("example-nosuch"), std::string::npos) << error.what();
  }
}

TEST(SchemaYangDir, RejectsBrokenModule) {
  YangFolder folder("eventmgr-yang-broken");
  folder.write("broken.yang",
               "module broken { namespace \"urn:b\"; prefix b; leaf x { type nosuchtype; } }");
  try {
    Schema schema(optionsWith({folder.path()}));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(std::string(error.what()).find("broken"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace eventmgr::schema
