// Checks that the built-in modules constrain data the way the simulated node needs.
#include <gtest/gtest.h>

#include <string>

#include "schema/schema.h"

namespace eventmgr::schema {
namespace {

// Parses and validates JSON config; returns "" when valid, otherwise libyang's error with
// its data path.
std::string validateConfig(const std::string& json) {
  const ly_ctx* context = Schema::builtin()->context();
  uint32_t quiet = LY_LOSTORE_LAST;
  ly_temp_log_options(&quiet);
  lyd_node* tree = nullptr;
  LY_ERR result = lyd_parse_data_mem(context, json.c_str(), LYD_JSON, LYD_PARSE_STRICT,
                                     LYD_VALIDATE_NO_STATE, &tree);
  std::string error;
  if (result != LY_SUCCESS) {
    const ly_err_item* item = ly_err_last(context);
    error = item != nullptr && item->msg != nullptr ? item->msg : "unknown error";
    if (item != nullptr && item->path != nullptr) {
      error += std::string(" at ") + item->path;
    }
  }
  ly_temp_log_options(nullptr);
  lyd_free_all(tree);
  return error;
}

const char* kInterface = R"("srl_nokia-interfaces:interface":[{"name":"ethernet-1/1",
  "subinterface":[{"index":0}]}])";

TEST(SchemaValidation, AcceptsSimulatedNodeConfig) {
  std::string json = std::string("{") + kInterface + R"(,
    "srl_nokia-network-instance:network-instance":[{"name":"blue","type":"mac-vrf",
      "interface":[{"name":"ethernet-1/1.0"}],"vxlan-interface":[{"name":"vxlan1.1"}],
      "protocols":{"srl_nokia-bgp:bgp":{"autonomous-system":65000,
        "neighbor":[{"peer-address":"10.0.0.1","peer-as":65001}]}}}],
    "srl_nokia-system:system":{"srl_nokia-event-handler:event-handler":{"instance":[
      {"name":"my backup","admin-state":"enable","upython-script":"opergroup.py",
       "paths":["interface ethernet-1/{49..50} oper-state"],
       "options":{"object":[{"name":"down-links","values":["ethernet-1/1","ethernet-1/2"]},
                            {"name":"required-up-uplinks","value":"1"}]},
       "eventmgr-event-handler:min-interval":500}]}}})";
  EXPECT_EQ(validateConfig(json), "");
}

TEST(SchemaValidation, RejectsMtuOutOfRange) {
  std::string error =
      validateConfig(R"({"srl_nokia-interfaces:interface":[{"name":"ethernet-1/1","mtu":70000}]})");
  EXPECT_NE(error.find("1500..9500"), std::string::npos) << error;
  EXPECT_NE(error.find("interface[name='ethernet-1/1']/mtu"), std::string::npos) << error;
}

TEST(SchemaValidation, AcceptsMtuInRange) {
  EXPECT_EQ(
      validateConfig(R"({"srl_nokia-interfaces:interface":[{"name":"ethernet-1/1","mtu":9500}]})"),
      "");
}

TEST(SchemaValidation, RejectsNetworkInstanceWithoutSubinterface) {
  std::string error = validateConfig(
      R"({"srl_nokia-network-instance:network-instance":[{"name":"blue",
          "interface":[{"name":"ethernet-1/1.0"}]}]})");
  EXPECT_NE(error.find("subinterface does not exist"), std::string::npos) << error;
  EXPECT_NE(error.find("ethernet-1/1.0"), std::string::npos) << error;
}

TEST(SchemaValidation, RejectsBadInterfaceName) {
  std::string error = validateConfig(R"({"srl_nokia-interfaces:interface":[{"name":"eth1"}]})");
  EXPECT_NE(error.find("eth1"), std::string::npos) << error;
}

TEST(SchemaValidation, RejectsScriptNameWithFolder) {
  for (const char* script : {"../x.py", "dir/x.py", ".hidden.py"}) {
    std::string json =
        std::string(
            R"({"srl_nokia-system:system":{"srl_nokia-event-handler:event-handler":{"instance":[{"name":"a","upython-script":")") +
        script + R"("}]}}})";
    EXPECT_NE(validateConfig(json), "") << script;
  }
}

TEST(SchemaValidation, RejectsValueAndValuesTogether) {
  std::string error = validateConfig(
      R"({"srl_nokia-system:system":{"srl_nokia-event-handler:event-handler":{"instance":[
          {"name":"a","options":{"object":[{"name":"o","value":"1","values":["2"]}]}}]}}})");
  EXPECT_NE(error, "");
}

TEST(SchemaValidation, DefaultsInstanceToDisabled) {
  const ly_ctx* context = Schema::builtin()->context();
  lyd_node* tree = nullptr;
  ASSERT_EQ(
      lyd_parse_data_mem(
          context,
          R"({"srl_nokia-system:system":{"srl_nokia-event-handler:event-handler":{"instance":[{"name":"a"}]}}})",
          LYD_JSON, LYD_PARSE_STRICT, LYD_VALIDATE_NO_STATE, &tree),
      LY_SUCCESS);
  lyd_node* admin_state = nullptr;
  ASSERT_EQ(lyd_find_path(tree,
                          "/srl_nokia-system:system/srl_nokia-event-handler:event-handler/"
                          "instance[name='a']/admin-state",
                          0, &admin_state),
            LY_SUCCESS);
  EXPECT_STREQ(lyd_get_value(admin_state), "disable");
  lyd_free_all(tree);
}

}  // namespace
}  // namespace eventmgr::schema
