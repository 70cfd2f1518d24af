#include "engine/actions/action_memory.h"

#include "common/error.h"
#include "engine/input/script_input.h"
#include "path/parser.h"

namespace eventmgr::engine {
namespace {

std::string normalisedPath(const schema::Schema& schema, const runtime::Action& action) {
  auto tree = action.type == runtime::ActionType::kSetToolsPath ? schema::Tree::kTools
                                                                : schema::Tree::kData;
  try {
    return path::parseConcretePath(schema, action.path, tree).toCli();
  } catch (const Error&) {
    // Paths the schema cannot resolve (unknown tools commands) are compared as written.
    std::string text = normaliseConfiguredPath(action.path);
    if (!text.empty() && text.front() == '/') {
      text.erase(0, 1);
    }
    return text;
  }
}

}  // namespace

std::string actionMemoryKey(const schema::Schema& schema, const runtime::Action& action) {
  std::string key = runtime::actionTypeName(action.type);
  key += '\n';
  if (action.type == runtime::ActionType::kRunScript) {
    key += action.cmdline;
  } else if (action.type == runtime::ActionType::kReinvokeWithDelay) {
    key += std::to_string(action.delay_ms);
  } else {
    key += normalisedPath(schema, action);
  }
  key += '\n';
  if (action.value) {
    key += "value=" + action.value->dump();
  }
  if (action.json_value) {
    key += "json-value=" + action.json_value->dump();
  }
  return key;
}

}  // namespace eventmgr::engine
