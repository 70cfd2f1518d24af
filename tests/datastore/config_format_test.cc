#include "datastore/config_format.h"

#include <gtest/gtest.h>

#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

class ConfigFormatTest : public DatastoreTest {
 protected:
  //! Loads TEXT as the running config and returns it printed in FORMAT.
  std::string loadAndPrint(const std::string& text, ConfigFormat format) {
    datastore_->replaceConfig(text, ConfigFormat::kAuto);
    return running(format);
  }

  //! Returns the error message of loading TEXT, or "" when it loads.
  std::string loadError(const std::string& text, ConfigFormat format = ConfigFormat::kAuto) {
    try {
      parseConfig(*schema_, text, format);
    } catch (const Error& error) {
      return error.what();
    }
    return "";
  }
};

const char* const kBrace = R"(system {
    event-handler {
        instance backup {
            admin-state enable
            upython-script backup.py
            paths [
                "system configuration last-change"
                "interface ethernet-1/{1..4} oper-state"
            ]
            options {
                object target {
                    value user@host:/backups/
                }
            }
        }
    }
}
)";

const char* const kFlat = R"(set / system event-handler
set / system event-handler instance backup admin-state enable
set / system event-handler instance backup upython-script backup.py
set / system event-handler instance backup paths [ "system configuration last-change" "interface ethernet-1/{1..4} oper-state" ]
set / system event-handler instance backup options object target value user@host:/backups/
)";

const char* const kSrlJson = R"({
  "system": {
    "event-handler": {
      "instance": [
        {
          "name": "backup",
          "admin-state": "enable",
          "upython-script": "backup.py",
          "paths": ["system configuration last-change", "interface ethernet-1/{1..4} oper-state"],
          "options": {"object": [{"name": "target", "value": "user@host:/backups/"}]}
        }
      ]
    }
  }
})";

TEST_F(ConfigFormatTest, DetectsFormats) {
  EXPECT_EQ(detectConfigFormat(kBrace), ConfigFormat::kBrace);
  EXPECT_EQ(detectConfigFormat(kFlat), ConfigFormat::kFlat);
  EXPECT_EQ(detectConfigFormat(kSrlJson), ConfigFormat::kJson);
  EXPECT_EQ(detectConfigFormat("# comment\nset / interface ethernet-1/1"), ConfigFormat::kFlat);
}

TEST_F(ConfigFormatTest, AllFormatsLoadTheSameConfig) {
  std::string from_brace = loadAndPrint(kBrace, ConfigFormat::kJson);
  std::string from_flat = loadAndPrint(kFlat, ConfigFormat::kJson);
  std::string from_json = loadAndPrint(kSrlJson, ConfigFormat::kJson);
  EXPECT_EQ(from_brace, from_flat);
  EXPECT_EQ(from_brace, from_json);
  EXPECT_NE(from_brace.find("\"srl_nokia-event-handler:event-handler\""), std::string::npos)
      << from_brace;
}

TEST_F(ConfigFormatTest, BracePrintsAsInfo) {
  EXPECT_EQ(loadAndPrint(kBrace, ConfigFormat::kBrace), std::string(kBrace));
}

TEST_F(ConfigFormatTest, FlatRoundTrip) {
  std::string flat = loadAndPrint(kFlat, ConfigFormat::kFlat);
  EXPECT_EQ(loadAndPrint(flat, ConfigFormat::kFlat), flat);
  EXPECT_NE(flat.find("set / system event-handler instance backup upython-script backup.py"),
            std::string::npos)
      << flat;
}

struct RoundTripCase {
  const char* name;
  ConfigFormat format;
};

class ConfigRoundTripTest : public ConfigFormatTest,
                            public ::testing::WithParamInterface<RoundTripCase> {};

TEST_P(ConfigRoundTripTest, PrintThenLoadGivesSameConfig) {
  commit({set("interface ethernet-1/1 description", "uplink to \"spine\" {1}"),
          set("interface ethernet-1/1 mtu", "9000"),
          set("interface ethernet-1/1 subinterface 0 admin-state", "disable"),
          set("interface lag1"), set("interface ethernet-1/2 ethernet aggregate-id", "lag1"),
          set("system event-handler instance \"with space\" paths",
              std::vector<std::string>{"a b", "interface * oper-state"}),
          set("system event-handler instance \"with space\" options object o values",
              std::vector<std::string>{"1", ""})});
  std::string json = running(ConfigFormat::kJson);
  std::string printed = running(GetParam().format);
  auto other = makeDatastore();
  other->replaceConfig(printed, GetParam().format);
  EXPECT_EQ(other->getSubtree(path::ConcretePath(), DataView::kRunning, ConfigFormat::kJson), json)
      << printed;
}

INSTANTIATE_TEST_SUITE_P(Formats, ConfigRoundTripTest,
                         ::testing::Values(RoundTripCase{"json", ConfigFormat::kJson},
                                           RoundTripCase{"srl_json", ConfigFormat::kSrlJson},
                                           RoundTripCase{"brace", ConfigFormat::kBrace},
                                           RoundTripCase{"flat", ConfigFormat::kFlat}),
                         [](const auto& test_info) { return std::string(test_info.param.name); });

TEST_F(ConfigFormatTest, SrlJsonHasNoModulePrefixes) {
  commit({set("system event-handler instance a admin-state", "enable")});
  std::string printed = running(ConfigFormat::kSrlJson);
  EXPECT_EQ(printed.find("srl_nokia"), std::string::npos) << printed;
  EXPECT_NE(printed.find("\"event-handler\""), std::string::npos) << printed;
}

TEST_F(ConfigFormatTest, BraceIgnoresPromptsAndComments) {
  const char* pasted = R"(--{ candidate shared default }--[  ]--
A:leaf1# info system event-handler
system {
    event-handler {
        instance opergroup { # (1)!
            admin-state enable # (2)!
        }
    }
}
)";
  std::string printed = loadAndPrint(pasted, ConfigFormat::kFlat);
  EXPECT_EQ(printed, "set / system event-handler instance opergroup admin-state enable\n");
}

TEST_F(ConfigFormatTest, BraceAcceptsInlineLeafListAndEmptyBlock) {
  std::string printed = loadAndPrint(
      "system {\n  event-handler {\n    instance a { }\n    instance b {\n      paths [ x \"y z\" "
      "]\n"
      "    }\n  }\n}\n",
      ConfigFormat::kFlat);
  EXPECT_NE(printed.find("set / system event-handler instance a\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("paths [ x \"y z\" ]"), std::string::npos) << printed;
}

TEST_F(ConfigFormatTest, JsonAcceptsQualifiedAndPlainNames) {
  std::string mixed = R"({"srl_nokia-interfaces:interface":[{"name":"ethernet-1/1",
      "srl_nokia-interfaces:description":"d"}],
      "system":{"srl_nokia-event-handler:event-handler":{}}})";
  std::string printed = loadAndPrint(mixed, ConfigFormat::kFlat);
  EXPECT_NE(printed.find("set / interface ethernet-1/1 description d"), std::string::npos)
      << printed;
  EXPECT_NE(printed.find("set / system event-handler\n"), std::string::npos) << printed;
}

TEST_F(ConfigFormatTest, JsonScalarsAreTypedBySchema) {
  std::string loose = R"({"interface":[{"name":"ethernet-1/1","mtu":"9000","description":12,
      "vlan-tagging":"true"}]})";
  std::string printed = loadAndPrint(loose, ConfigFormat::kFlat);
  EXPECT_NE(printed.find("mtu 9000"), std::string::npos) << printed;
  EXPECT_NE(printed.find("description 12"), std::string::npos) << printed;
  EXPECT_NE(printed.find("vlan-tagging true"), std::string::npos) << printed;
}

TEST_F(ConfigFormatTest, FlatAcceptsSlashWithoutSpace) {
  EXPECT_EQ(loadAndPrint("set /interface ethernet-1/1 mtu 9000\n", ConfigFormat::kFlat),
            "set / interface ethernet-1/1 mtu 9000\n");
}

struct MalformedCase {
  const char* name;
  const char* text;
  ConfigFormat format;
  const char* expected;  // must appear in the error message
};

class MalformedConfigTest : public ConfigFormatTest,
                            public ::testing::WithParamInterface<MalformedCase> {};

TEST_P(MalformedConfigTest, ErrorNamesPosition) {
  std::string message = loadError(GetParam().text, GetParam().format);
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedConfigTest,
    ::testing::Values(
        MalformedCase{"json_syntax", "{\n  \"system\": {,\n}", ConfigFormat::kJson,
                      "line 2, column 14"},
        MalformedCase{"json_unknown_member", R"({"system":{"nothing":1}})", ConfigFormat::kJson,
                      "\"nothing\""},
        MalformedCase{"json_bad_value", R"({"interface":[{"name":"ethernet-1/1","mtu":"x"}]})",
                      ConfigFormat::kJson, "mtu"},
        MalformedCase{"json_state", R"({"interface":[{"name":"ethernet-1/1","oper-state":"up"}]})",
                      ConfigFormat::kJson, "oper-state"},
        MalformedCase{"brace_unknown", "system {\n    event-handlr {\n    }\n}\n",
                      ConfigFormat::kBrace,
                      "line 2, column 5: unknown element \"event-handlr\" under"},
        MalformedCase{"json_number_out_of_range",
                      R"({"interface":[{"name":"ethernet-1/1","mtu":"99999999999999999999"}]})",
                      ConfigFormat::kJson, "mtu"},
        MalformedCase{"brace_unclosed", "system {\n    event-handler {\n}\n", ConfigFormat::kBrace,
                      "not closed"},
        MalformedCase{"brace_extra_close", "}\n", ConfigFormat::kBrace, "line 1, column 1"},
        MalformedCase{"brace_bad_value", "interface ethernet-1/1 {\n    mtu 12\n}\n",
                      ConfigFormat::kBrace, "line 2"},
        MalformedCase{"brace_unclosed_leaf_list",
                      "system {\n event-handler {\n instance a {\n"
                      " paths [\n x\n",
                      ConfigFormat::kBrace, "line 4"},
        MalformedCase{"brace_unterminated_quote", "interface \"ethernet-1/1 {\n",
                      ConfigFormat::kBrace, "line 1"},
        MalformedCase{"flat_not_set", "set / interface ethernet-1/1\ndelete / interface x\n",
                      ConfigFormat::kFlat, "line 2, column 1"},
        MalformedCase{"flat_unknown", "set / interface ethernet-1/1 speed 10\n",
                      ConfigFormat::kFlat, "line 1, column 30"},
        MalformedCase{"flat_two_values", "set / interface ethernet-1/1 description a b\n",
                      ConfigFormat::kFlat, "line 1, column 44"}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST_F(ConfigFormatTest, FailedLoadKeepsRunning) {
  commit({set("interface ethernet-1/1 description", "kept")});
  EXPECT_THROW(
      datastore_->replaceConfig("set / interface ethernet-1/1 mtu 1\n", ConfigFormat::kFlat),
      Error);
  EXPECT_EQ(value("interface ethernet-1/1 description"), "kept");
}

TEST_F(ConfigFormatTest, SubtreeOfMergedViewIncludesState) {
  commit({set("interface ethernet-1/1 description", "d")});
  std::string brace =
      datastore_->getSubtree(at("interface ethernet-1/1"), DataView::kMerged, ConfigFormat::kBrace);
  EXPECT_NE(brace.find("oper-state up"), std::string::npos) << brace;
  EXPECT_NE(brace.find("admin-state enable"), std::string::npos) << brace;
  EXPECT_EQ(brace.find("last-change"), std::string::npos) << brace;
}

TEST_F(ConfigFormatTest, UnknownFormatNameIsRejected) {
  EXPECT_THROW(parseConfigFormat("yaml"), Error);
  EXPECT_EQ(parseConfigFormat("srl-json"), ConfigFormat::kSrlJson);
}

}  // namespace
}  // namespace eventmgr::datastore::testing
