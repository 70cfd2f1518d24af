#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace eventmgr::scenario {

//! One change a step makes to the node.
struct StepChange {
  enum class Kind { kStateSet, kStateDelete, kConfigSet, kConfigDelete, kTools };
  Kind kind = Kind::kStateSet;
  std::string text;  //!< "path value" for sets, "path" for deletes, "path [value]" for tools
  int line = 0;      //!< line in the scenario file, for messages
};

//! An action the scenario expects an instance to have executed, in the script's output form.
struct ExpectedAction {
  std::string name;       //!< e.g. "set-ephemeral-path"
  nlohmann::json params;  //!< the parameters object, or the delay for reinvoke-with-delay
  int line = 0;
};

//! Expectations of a step, checked after its changes once the node has settled.
struct Expectations {
  //! Actions each instance executed since the previous step, in order. With subset, the listed
  //! actions must appear in this order among them; otherwise they must be exactly these.
  std::map<std::string, std::vector<ExpectedAction>> actions;
  bool actions_subset = false;
  //! State values by CLI path; nullopt expects the leaf to be absent.
  std::map<std::string, std::optional<nlohmann::json>> state;
  std::map<std::string, std::string> oper_state;
  //! Oper-down reason of each instance's last execution ("none" when it succeeded).
  std::map<std::string, std::string> reason;
  std::map<std::string, nlohmann::json> persistent_data;
  //! Executions of each instance since the scenario started.
  std::map<std::string, std::uint64_t> executions;
  int line = 0;

  bool empty() const {
    return actions.empty() && state.empty() && oper_state.empty() && reason.empty() &&
           persistent_data.empty() && executions.empty();
  }
};

//! A point of the timeline.
struct Step {
  std::chrono::milliseconds at{0};  //!< virtual time since the scenario started
  std::vector<StepChange> changes;
  Expectations expect;
  int line = 0;
};

//! A scenario file: a node, its initial state and a timeline.
struct Scenario {
  std::filesystem::path file;
  std::string name;
  //! Folders searched for scripts, in order; the scenario file's folder when none is given.
  std::vector<std::filesystem::path> script_dirs;
  std::string config;  //!< configuration text in any supported format
  std::vector<StepChange> initial_state;
  std::vector<Step> steps;
};

}  // namespace eventmgr::scenario
