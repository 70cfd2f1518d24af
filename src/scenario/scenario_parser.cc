#include "scenario/scenario_parser.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "common/error.h"

namespace eventmgr::scenario {
namespace {

namespace fs = std::filesystem;

class Parser {
 public:
  explicit Parser(fs::path file) : file_(std::move(file)) {}

  Scenario parse(const std::string& text) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& error) {
      throw Error(ErrorKind::kInvalidArgument, file_.string() + ":" +
                                                   std::to_string(error.mark.line + 1) +
                                                   ": invalid YAML: " + error.msg);
    }
    if (!root.IsMap()) {
      fail(root, "a scenario file must be a mapping with the keys name, config, state and steps");
    }
    checkKeys(root, {"name", "scripts", "config", "config-file", "state", "steps"});

    Scenario scenario;
    scenario.file = file_;
    scenario.name = root["name"] ? scalar(root["name"], "name") : file_.stem().string();
    // A file named without a folder ("scenario.yaml") lies in the current folder.
    fs::path folder = file_.parent_path().empty() ? fs::path(".") : file_.parent_path();
    if (!root["scripts"]) {
      scenario.script_dirs = {folder};
    } else if (root["scripts"].IsSequence()) {
      for (const auto& item : root["scripts"]) {
        scenario.script_dirs.push_back(folder / scalar(item, "scripts item"));
      }
    } else {
      scenario.script_dirs = {folder / scalar(root["scripts"], "scripts")};
    }
    if (root["config"] && root["config-file"]) {
      fail(root["config-file"], "give either config or config-file, not both");
    }
    if (root["config"]) {
      scenario.config = scalar(root["config"], "config");
    } else if (root["config-file"]) {
      fs::path config_file = folder / scalar(root["config-file"], "config-file");
      std::ifstream stream(config_file);
      if (!stream) {
        throw Error(ErrorKind::kNotFound, location(root["config-file"]) + "config file " +
                                              config_file.string() + " cannot be read");
      }
      std::ostringstream content;
      content << stream.rdbuf();
      scenario.config = content.str();
    }
    if (root["state"]) {
      scenario.initial_state = changes(root["state"], StepChange::Kind::kStateSet, "state");
    }
    if (!root["steps"] || !root["steps"].IsSequence()) {
      fail(root["steps"] ? root["steps"] : root, "steps must be a list of steps");
    }
    std::chrono::milliseconds previous{0};
    for (const auto& node : root["steps"]) {
      Step step = parseStep(node);
      if (step.at < previous) {
        fail(node["at"], "steps must be in time order; this step's time " +
                             std::to_string(step.at.count()) + " ms is before the previous " +
                             std::to_string(previous.count()) + " ms");
      }
      previous = step.at;
      scenario.steps.push_back(std::move(step));
    }
    return scenario;
  }

 private:
  std::string location(const YAML::Node& node) const {
    return file_.string() + ":" + std::to_string(node.Mark().line + 1) + ": ";
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw Error(ErrorKind::kInvalidArgument, location(node) + message);
  }

  void checkKeys(const YAML::Node& map, const std::set<std::string>& allowed) const {
    for (const auto& entry : map) {
      std::string key = entry.first.as<std::string>();
      if (allowed.count(key) == 0) {
        std::string list;
        for (const auto& name : allowed) {
          list += (list.empty() ? "" : ", ") + name;
        }
        fail(entry.first, "unknown key \"" + key + "\"; expected one of " + list);
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) {
      fail(node, what + " must be a single value");
    }
    return node.as<std::string>();
  }

  std::vector<StepChange> changes(const YAML::Node& node, StepChange::Kind kind,
                                  const std::string& what) const {
    std::vector<StepChange> result;
    auto add = [&](const YAML::Node& item) {
      result.push_back(StepChange{kind, scalar(item, what + " item"), item.Mark().line + 1});
    };
    if (node.IsSequence()) {
      for (const auto& item : node) {
        add(item);
      }
    } else if (node.IsScalar()) {
      add(node);
    } else {
      fail(node, what + " must be a \"path value\" line or a list of them");
    }
    return result;
  }

  Step parseStep(const YAML::Node& node) {
    if (!node.IsMap()) {
      fail(node, "a step must be a mapping with at and changes or expect");
    }
    checkKeys(node, {"at", "state-set", "state-delete", "config-set", "config-delete", "tools",
                     "expect"});
    Step step;
    step.line = node.Mark().line + 1;
    if (!node["at"]) {
      fail(node, "a step needs a time, e.g. at: 2.5s");
    }
    try {
      step.at = parseDuration(scalar(node["at"], "at"));
    } catch (const Error& error) {
      fail(node["at"], error.what());
    }
    const std::pair<const char*, StepChange::Kind> kinds[] = {
        {"state-set", StepChange::Kind::kStateSet},
        {"state-delete", StepChange::Kind::kStateDelete},
        {"config-set", StepChange::Kind::kConfigSet},
        {"config-delete", StepChange::Kind::kConfigDelete},
        {"tools", StepChange::Kind::kTools}};
    // Changes run in the order of the keys in the file.
    for (const auto& entry : node) {
      std::string key = entry.first.as<std::string>();
      for (const auto& [name, kind] : kinds) {
        if (key == name) {
          auto items = changes(entry.second, kind, key);
          step.changes.insert(step.changes.end(), items.begin(), items.end());
        }
      }
    }
    if (node["expect"]) {
      step.expect = parseExpect(node["expect"]);
    }
    return step;
  }

  Expectations parseExpect(const YAML::Node& node) {
    if (!node.IsMap()) {
      fail(node, "expect must be a mapping of expectations");
    }
    checkKeys(node, {"actions", "actions-match", "state", "oper-state", "reason", "persistent-data",
                     "executions"});
    Expectations expect;
    expect.line = node.Mark().line + 1;
    if (node["actions-match"]) {
      std::string match = scalar(node["actions-match"], "actions-match");
      if (match != "exact" && match != "subset") {
        fail(node["actions-match"], "actions-match must be exact or subset, not \"" + match + "\"");
      }
      expect.actions_subset = match == "subset";
    }
    if (node["actions"]) {
      for (const auto& [instance, list] : instanceMap(node["actions"], "actions")) {
        std::vector<ExpectedAction> actions;
        if (!list.IsSequence()) {
          fail(list, "the actions of " + instance + " must be a list (use [] for none)");
        }
        for (const auto& item : list) {
          actions.push_back(parseAction(item));
        }
        expect.actions[instance] = std::move(actions);
      }
    }
    if (node["state"]) {
      if (!node["state"].IsMap()) {
        fail(node["state"], "state must map paths to expected values");
      }
      for (const auto& entry : node["state"]) {
        std::string path = entry.first.as<std::string>();
        if (entry.second.IsNull()) {
          expect.state[path] = std::nullopt;
        } else {
          expect.state[path] = toJson(entry.second);
        }
      }
    }
    for (const auto& [instance, value] : instanceMap(node["oper-state"], "oper-state")) {
      expect.oper_state[instance] = scalar(value, "oper-state");
    }
    for (const auto& [instance, value] : instanceMap(node["reason"], "reason")) {
      expect.reason[instance] = scalar(value, "reason");
    }
    for (const auto& [instance, value] : instanceMap(node["persistent-data"], "persistent-data")) {
      expect.persistent_data[instance] = toJson(value);
    }
    for (const auto& [instance, value] : instanceMap(node["executions"], "executions")) {
      try {
        expect.executions[instance] = value.as<std::uint64_t>();
      } catch (const YAML::Exception&) {
        fail(value, "executions of " + instance + " must be a whole number");
      }
    }
    return expect;
  }

  std::vector<std::pair<std::string, YAML::Node>> instanceMap(const YAML::Node& node,
                                                              const std::string& what) {
    std::vector<std::pair<std::string, YAML::Node>> result;
    if (!node) {
      return result;
    }
    if (!node.IsMap()) {
      fail(node, what + " must map instance names to values");
    }
    for (const auto& entry : node) {
      result.emplace_back(entry.first.as<std::string>(), entry.second);
    }
    return result;
  }

  ExpectedAction parseAction(const YAML::Node& node) {
    if (!node.IsMap() || node.size() != 1) {
      fail(node,
           "an expected action is a mapping with one key, the action name, e.g. "
           "{set-ephemeral-path: {path: interface ethernet-1/1 oper-state, value: down}}");
    }
    auto entry = node.begin();
    ExpectedAction action;
    action.name = entry->first.as<std::string>();
    action.params = toJson(entry->second);
    action.line = node.Mark().line + 1;
    return action;
  }

  // Converts YAML to JSON, keeping scalars as strings unless they are plainly numbers or
  // booleans written without quotes.
  nlohmann::json toJson(const YAML::Node& node) {
    if (node.IsMap()) {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& entry : node) {
        object[entry.first.as<std::string>()] = toJson(entry.second);
      }
      return object;
    }
    if (node.IsSequence()) {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) {
        array.push_back(toJson(item));
      }
      return array;
    }
    if (node.IsNull()) {
      return nullptr;
    }
    std::string text = node.as<std::string>();
    if (node.Tag() != "!") {
      if (text == "true" || text == "false") {
        return text == "true";
      }
      try {
        std::size_t used = 0;
        long long number = std::stoll(text, &used);
        if (used == text.size()) {
          return number;
        }
      } catch (const std::logic_error&) {
      }
    }
    return text;
  }

  fs::path file_;
};

}  // namespace

std::chrono::milliseconds parseDuration(std::string_view text) {
  std::string value(text);
  auto invalid = [&] {
    return Error(ErrorKind::kInvalidArgument,
                 "invalid time \"" + value + "\"; expected a number with ms, s, m or h, e.g. 2.5s");
  };
  std::size_t used = 0;
  double number = 0;
  try {
    number = std::stod(value, &used);
  } catch (const std::logic_error&) {
    throw invalid();
  }
  std::string unit = value.substr(used);
  double factor;
  if (unit.empty() || unit == "s") {
    factor = 1000;
  } else if (unit == "ms") {
    factor = 1;
  } else if (unit == "m" || unit == "min") {
    factor = 60 * 1000;
  } else if (unit == "h") {
    factor = 3600 * 1000;
  } else {
    throw invalid();
  }
  // Ten years is far beyond any hold-down and keeps the milliseconds well inside 64 bits.
  constexpr double kMaxMilliseconds = 10.0 * 365 * 24 * 3600 * 1000;
  if (number < 0 || !std::isfinite(number) || number * factor > kMaxMilliseconds) {
    throw invalid();
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(number * factor)));
}

Scenario parseScenario(const std::string& text, const std::filesystem::path& file) {
  return Parser(file).parse(text);
}

Scenario parseScenarioFile(const std::filesystem::path& file) {
  std::ifstream stream(file);
  if (!stream) {
    throw Error(ErrorKind::kNotFound, "scenario file " + file.string() + " cannot be read");
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return parseScenario(text.str(), file);
}

}  // namespace eventmgr::scenario
