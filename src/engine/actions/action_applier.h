#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/store/execution_record.h"
#include "runtime/output.h"
#include "targets/target.h"

namespace eventmgr::engine {

//! Settings and memory for applying one execution's actions.
struct ApplyContext {
  std::string instance;                //!< owner of ephemeral overrides
  std::filesystem::path script_dir;    //!< working folder of run-script
  std::chrono::milliseconds run_script_timeout{10000};
  std::string run_as_user;
  bool dry_run = false;                //!< record every action as dry-run, apply none
  bool run_scripts = true;             //!< false: run-script is recorded as dry-run
  //! Memory of the previous execution (see actionMemoryKey).
  const std::set<std::string>* previous_memory = nullptr;
};

//! Outcome of applying one execution's actions.
struct ApplyResult {
  std::vector<ActionRecord> records;   //!< one per action, in output order
  std::optional<std::string> failure_reason;  //!< oper-down reason of the first failure
  std::string failure_detail;
  std::set<std::string> memory;        //!< executed and skipped actions, for the next execution
  std::optional<std::int64_t> reinvoke_delay_ms;
  std::vector<std::uint64_t> sequences;  //!< change batches the actions caused
  std::uint64_t executed = 0;
  std::uint64_t skipped = 0;
  std::uint64_t failed = 0;
};

//! Applies ACTIONS on TARGET in eventmgr's order: ephemeral actions, then all set-cfg-path and
//! delete-cfg-path actions as one configuration transaction, then tools and run-script actions
//! in output order, then the reinvoke timer (returned, not armed). The first failure stops the
//! remaining actions, which are recorded as not executed. An action without always-execute
//! that is identical to one in the previous execution's memory is skipped. Never throws for a
//! failing action; failures come back in the result.
ApplyResult applyActions(targets::Target& target, const std::vector<runtime::Action>& actions,
                         const ApplyContext& context);

}  // namespace eventmgr::engine
