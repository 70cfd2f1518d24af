#include "runtime/output.h"

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace eventmgr::runtime {
namespace {

struct ValidCase {
  const char* name;
  const char* output;
  const char* formatted;  // formatAction of the only action
};

TEST(ParseOutput, AcceptsEveryActionType) {
  const ValidCase cases[] = {
      {"ephemeral",
       R"({"actions":[{"set-ephemeral-path":{"path":"interface ethernet-1/1 oper-state","value":"down"}}]})",
       R"(set-ephemeral-path "interface ethernet-1/1 oper-state" value down)"},
      {"cfg value",
       R"({"actions":[{"set-cfg-path":{"path":"interface ethernet-1/1 mtu","value":1500}}]})",
       R"(set-cfg-path "interface ethernet-1/1 mtu" value 1500)"},
      {"cfg boolean",
       R"({"actions":[{"set-cfg-path":{"path":"system lldp admin-state","value":true}}]})",
       R"(set-cfg-path "system lldp admin-state" value true)"},
      {"cfg empty string",
       R"({"actions":[{"set-cfg-path":{"path":"interface ethernet-1/1","value":""}}]})",
       R"(set-cfg-path "interface ethernet-1/1" value "")"},
      {"cfg leaf-list",
       R"({"actions":[{"set-cfg-path":{"path":"system dns server-list","value":["1.1.1.1","8.8.8.8"]}}]})",
       R"(set-cfg-path "system dns server-list" value [1.1.1.1 8.8.8.8])"},
      {"cfg json-value",
       R"({"actions":[{"set-cfg-path":{"path":"interface ethernet-1/1","json-value":{"mtu":9000}}}]})",
       R"(set-cfg-path "interface ethernet-1/1" json-value {"mtu":9000})"},
      {"delete",
       R"({"actions":[{"delete-cfg-path":{"path":"interface ethernet-1/1 description","always-execute":true}}]})",
       R"(delete-cfg-path "interface ethernet-1/1 description" always-execute true)"},
      {"tools",
       R"({"actions":[{"set-tools-path":{"path":"system event-handler instance backup reload","value":""}}]})",
       R"(set-tools-path "system event-handler instance backup reload" value "")"},
      {"run-script", R"({"actions":[{"run-script":{"cmdline":"echo \"a b\""}}]})",
       R"(run-script cmdline "echo \"a b\"")"},
      {"reinvoke", R"({"actions":[{"reinvoke-with-delay":5000}]})", "reinvoke-with-delay 5000"},
      {"reinvoke max", R"({"actions":[{"reinvoke-with-delay":86400000}]})",
       "reinvoke-with-delay 86400000"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    OutputParseResult result = parseOutput(test.output);
    ASSERT_TRUE(result.ok()) << result.error;
    ASSERT_EQ(result.output->actions.size(), 1u);
    EXPECT_EQ(formatAction(result.output->actions[0]), test.formatted);
  }
}

TEST(ParseOutput, EmptyObjectDoesNothing) {
  OutputParseResult result = parseOutput("{}");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.output->actions.empty());
  EXPECT_EQ(result.output->persistent_data_change, PersistentDataChange::kKeep);
}

TEST(ParseOutput, IgnoresUnknownTopLevelKeys) {
  OutputParseResult result = parseOutput(R"({"actions":[],"comment":"x"})");
  EXPECT_TRUE(result.ok()) << result.error;
}

TEST(ParseOutput, KeepsActionOrder) {
  OutputParseResult result = parseOutput(
      R"({"actions":[{"run-script":{"cmdline":"a"}},{"delete-cfg-path":{"path":"b"}},{"reinvoke-with-delay":0}]})");
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.output->actions.size(), 3u);
  EXPECT_EQ(result.output->actions[0].type, ActionType::kRunScript);
  EXPECT_EQ(result.output->actions[1].type, ActionType::kDeleteCfgPath);
  EXPECT_EQ(result.output->actions[2].type, ActionType::kReinvokeWithDelay);
}

TEST(ParseOutput, AlwaysExecuteDefaultsToFalse) {
  OutputParseResult result =
      parseOutput(R"({"actions":[{"set-ephemeral-path":{"path":"p","value":"up"}}]})");
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result.output->actions[0].always_execute);
}

TEST(ParseOutput, PersistentDataReplaced) {
  OutputParseResult result = parseOutput(R"({"persistent-data":{"n":1}})");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.output->persistent_data_change, PersistentDataChange::kReplace);
  EXPECT_EQ(result.output->persistent_data, nlohmann::json({{"n", 1}}));
}

TEST(ParseOutput, PersistentDataNullClears) {
  OutputParseResult result = parseOutput(R"({"persistent-data":null})");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.output->persistent_data_change, PersistentDataChange::kClear);
}

TEST(ParseOutput, PersistentDataAtLimitAccepted) {
  // "x" repeated so that the JSON encoding, quotes included, is exactly the limit.
  std::string value(kMaxPersistentDataBytes - 2, 'x');
  OutputParseResult result = parseOutput(R"({"persistent-data":")" + value + "\"}");
  EXPECT_TRUE(result.ok()) << result.error;
}

TEST(ParseOutput, PersistentDataAboveLimitRejected) {
  std::string value(kMaxPersistentDataBytes - 1, 'x');
  OutputParseResult result = parseOutput(R"({"persistent-data":")" + value + "\"}");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("1048577 bytes"), std::string::npos) << result.error;
}

struct InvalidCase {
  const char* name;
  const char* output;
  const char* message;  // a part of the expected error
};

TEST(ParseOutput, RejectsMalformedOutput) {
  const InvalidCase cases[] = {
      {"not json", "{", "not valid JSON"},
      {"empty string", "", "not valid JSON"},
      {"trailing garbage", "{} x", "not valid JSON"},
      {"number", "42", "must be a JSON object, got number"},
      {"list", "[]", "must be a JSON object, got array"},
      {"string", R"("actions")", "must be a JSON object, got string"},
      {"actions object", R"({"actions":{}})", "\"actions\" must be a list, got object"},
      {"actions null", R"({"actions":null})", "\"actions\" must be a list, got null"},
      {"action not object", R"({"actions":["run-script"]})", "action 0 must be an object"},
      {"action no key", R"({"actions":[{}]})", "action 0 must have exactly one key"},
      {"action two keys", R"({"actions":[{"run-script":{"cmdline":"a"},"reinvoke-with-delay":1}]})",
       "action 0 must have exactly one key"},
      {"unknown action", R"({"actions":[{"bogus":{}}]})", "unknown action \"bogus\""},
      {"second action bad", R"({"actions":[{"reinvoke-with-delay":1},{"bogus":{}}]})",
       "action 1: unknown action"},
      {"parameters not object", R"({"actions":[{"set-cfg-path":"x"}]})",
       "parameters must be an object"},
      {"missing path", R"({"actions":[{"set-ephemeral-path":{"value":"down"}}]})",
       "missing parameter \"path\""},
      {"path number", R"({"actions":[{"delete-cfg-path":{"path":5}}]})",
       "\"path\" must be a string, got number"},
      {"path empty", R"({"actions":[{"delete-cfg-path":{"path":" "}}]})",
       "\"path\" must not be empty"},
      {"ephemeral missing value", R"({"actions":[{"set-ephemeral-path":{"path":"p"}}]})",
       "missing parameter \"value\""},
      {"ephemeral json-value",
       R"({"actions":[{"set-ephemeral-path":{"path":"p","json-value":{}}}]})",
       "unknown parameter \"json-value\""},
      {"ephemeral list value", R"({"actions":[{"set-ephemeral-path":{"path":"p","value":["a"]}}]})",
       "must be a string, number or boolean, got array"},
      {"cfg no value", R"({"actions":[{"set-cfg-path":{"path":"p"}}]})",
       "missing parameter \"value\" or \"json-value\""},
      {"cfg both values",
       R"({"actions":[{"set-cfg-path":{"path":"p","value":"a","json-value":{}}}]})", "not both"},
      {"cfg null value", R"({"actions":[{"set-cfg-path":{"path":"p","value":null}}]})", "got null"},
      {"cfg object value", R"({"actions":[{"set-cfg-path":{"path":"p","value":{"a":1}}}]})",
       "got object"},
      {"cfg list of numbers", R"({"actions":[{"set-cfg-path":{"path":"p","value":[1]}}]})",
       "must hold strings only"},
      {"tools list value", R"({"actions":[{"set-tools-path":{"path":"p","value":["a"]}}]})",
       "got array"},
      {"unknown parameter", R"({"actions":[{"delete-cfg-path":{"path":"p","value":"x"}}]})",
       "unknown parameter \"value\""},
      {"always-execute string",
       R"({"actions":[{"delete-cfg-path":{"path":"p","always-execute":"true"}}]})",
       "\"always-execute\" must be true or false, got string"},
      {"run-script no cmdline", R"({"actions":[{"run-script":{}}]})",
       "missing parameter \"cmdline\""},
      {"run-script list", R"({"actions":[{"run-script":{"cmdline":["ls"]}}]})",
       "\"cmdline\" must be a string, got array"},
      {"reinvoke string", R"({"actions":[{"reinvoke-with-delay":"5000"}]})",
       "must be an integer number of milliseconds, got string"},
      {"reinvoke float", R"({"actions":[{"reinvoke-with-delay":1.5}]})",
       "must be an integer number of milliseconds, got number"},
      {"reinvoke object", R"({"actions":[{"reinvoke-with-delay":{"delay":1}}]})", "got object"},
      {"reinvoke negative", R"({"actions":[{"reinvoke-with-delay":-1}]})", "out of range"},
      {"reinvoke too long", R"({"actions":[{"reinvoke-with-delay":86400001}]})", "out of range"},
      {"reinvoke huge", R"({"actions":[{"reinvoke-with-delay":18446744073709551615}]})",
       "out of range"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    OutputParseResult result = parseOutput(test.output);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error.find(test.message), std::string::npos) << result.error;
  }
}

TEST(ParseOutput, DeepNestingRejected) {
  const std::size_t depths[] = {kMaxOutputDepth, kMaxOutputDepth + 1, 200000};
  for (std::size_t depth : depths) {
    SCOPED_TRACE(depth);
    // The top-level object is one level, so the value adds DEPTH - 1 more.
    std::string output =
        R"({"persistent-data":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
    OutputParseResult result = parseOutput(output);
    if (depth <= kMaxOutputDepth) {
      EXPECT_TRUE(result.ok()) << result.error;
    } else {
      ASSERT_FALSE(result.ok());
      EXPECT_NE(result.error.find("deeper than 512 levels"), std::string::npos) << result.error;
    }
  }
}

TEST(ParseOutput, BracketsInStringsNotCounted) {
  std::string text(2000, '[');
  OutputParseResult result =
      parseOutput(R"({"persistent-data":")" + text + R"(\"[","actions":[]})");
  EXPECT_TRUE(result.ok()) << result.error;
}

TEST(ParseOutput, MutatedOutputsNeverThrow) {
  const std::string seeds[] = {
      R"({"actions":[{"set-ephemeral-path":{"path":"interface ethernet-1/1 oper-state","value":"down","always-execute":true}}]})",
      R"({"actions":[{"set-cfg-path":{"path":"a b","json-value":{"x":[1,2,{"y":null}]}}},{"reinvoke-with-delay":5}]})",
      R"({"actions":[{"run-script":{"cmdline":"echo \"hi\""}},{"delete-cfg-path":{"path":"p"}}],"persistent-data":{"n":[1.5,"s"]}})",
  };
  const char alphabet[] = "{}[]\",:\\ 0123456789-+.eEtrufalsnbx\x00\xff\xc3";
  std::mt19937 random(12345);
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string output = seeds[random() % std::size(seeds)];
    int edits = 1 + static_cast<int>(random() % 4);
    for (int edit = 0; edit < edits && !output.empty(); ++edit) {
      std::size_t at = random() % output.size();
      char c = alphabet[random() % (sizeof(alphabet) - 1)];
      switch (random() % 3) {
        case 0:
          output[at] = c;
          break;
        case 1:
          output.insert(output.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          output.erase(at, 1);
          break;
      }
    }
    OutputParseResult result;
    ASSERT_NO_THROW(result = parseOutput(output)) << output;
    if (result.ok()) {
      ++accepted;
      for (const auto& action : result.output->actions) {
        ASSERT_NO_THROW(formatAction(action)) << output;
        ASSERT_NO_THROW(actionToJson(action).dump()) << output;
      }
    } else {
      EXPECT_FALSE(result.error.empty()) << output;
    }
  }
  // Some mutations keep the output valid (for example a changed digit); most do not.
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 20000);
}

TEST(ActionToJson, RoundTripsThroughParse) {
  const char* output =
      R"({"actions":[{"set-cfg-path":{"path":"a","json-value":{"b":[1,2]},"always-execute":true}},)"
      R"({"run-script":{"cmdline":"x"}},{"reinvoke-with-delay":7},)"
      R"({"set-ephemeral-path":{"path":"p","value":"up"}}]})";
  OutputParseResult first = parseOutput(output);
  ASSERT_TRUE(first.ok()) << first.error;
  nlohmann::json rebuilt = {{"actions", nlohmann::json::array()}};
  for (const auto& action : first.output->actions) {
    rebuilt["actions"].push_back(actionToJson(action));
  }
  OutputParseResult second = parseOutput(rebuilt.dump());
  ASSERT_TRUE(second.ok()) << second.error;
  EXPECT_EQ(second.output->actions, first.output->actions);
}

}  // namespace
}  // namespace eventmgr::runtime
