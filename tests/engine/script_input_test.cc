#include "engine/input/script_input.h"

#include <gtest/gtest.h>

namespace eventmgr::engine {
namespace {

TEST(ScriptInput, OpergroupStartMatchesSrLinux) {
  ScriptInput input;
  input.paths = {{"interface ethernet-1/49 oper-state", std::string("up")},
                 {"interface ethernet-1/50 oper-state", std::string("up")}};
  input.schemas = {"interface ethernet-1/{49..50} oper-state"};
  input.options["required-up-uplinks"] = std::string("1");
  input.options["down-links"] = std::vector<std::string>{"ethernet-1/2", "ethernet-1/1"};
  EXPECT_EQ(
      renderScriptInput(input),
      R"({"paths":[{"path":"interface ethernet-1/49 oper-state","value":"up"},)"
      R"({"path":"interface ethernet-1/50 oper-state","value":"up"}],)"
      R"("schemas":[{"path":"interface ethernet-1/{49..50} oper-state"}],)"
      R"("options":{"down-links":["ethernet-1/2","ethernet-1/1"],"required-up-uplinks":"1"}})");
}

TEST(ScriptInput, EmptyInput) {
  EXPECT_EQ(renderScriptInput(ScriptInput{}), R"({"paths":[],"schemas":[],"options":{}})");
}

TEST(ScriptInput, PersistentDataIsLastKey) {
  ScriptInput input;
  input.persistent_data = R"({"n":1})";
  EXPECT_EQ(renderScriptInput(input),
            R"({"paths":[],"schemas":[],"options":{},"persistent-data":{"n":1}})");
}

TEST(ScriptInput, LeafListValueIsArray) {
  ScriptInput input;
  input.paths = {{"system x", std::vector<std::string>{"10", "20"}}};
  EXPECT_EQ(renderScriptInput(input),
            R"({"paths":[{"path":"system x","value":["10","20"]}],"schemas":[],"options":{}})");
}

TEST(ScriptInput, NonAsciiWrittenUnescaped) {
  ScriptInput input;
  input.paths = {
      {"interface ethernet-1/1 description", std::string("caf\xc3\xa9 \xf0\x9f\x98\x80")}};
  std::string rendered = renderScriptInput(input);
  EXPECT_NE(rendered.find("caf\xc3\xa9 \xf0\x9f\x98\x80"), std::string::npos);
}

TEST(ScriptInput, QuotesAndControlCharactersEscaped) {
  ScriptInput input;
  input.paths = {
      {R"(system event-handler instance "my backup" admin-state)", std::string("a\"b\\c\n\x01")}};
  EXPECT_EQ(renderScriptInput(input),
            R"({"paths":[{"path":"system event-handler instance \"my backup\" admin-state",)"
            R"("value":"a\"b\\c\n\u0001"}],"schemas":[],"options":{}})");
}

TEST(NormaliseConfiguredPath, CollapsesWhitespaceOutsideQuotes) {
  EXPECT_EQ(normaliseConfiguredPath("  interface   ethernet-1/1\toper-state "),
            "interface ethernet-1/1 oper-state");
  EXPECT_EQ(normaliseConfiguredPath(R"(system event-handler instance "my   backup" x)"),
            R"(system event-handler instance "my   backup" x)");
  EXPECT_EQ(normaliseConfiguredPath(R"(a "q\" z  " b)"), R"(a "q\" z  " b)");
}

}  // namespace
}  // namespace eventmgr::engine
