#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "engine/config/instance_config.h"
#include "engine/scheduling/execution_gate.h"
#include "engine/state/instance_status.h"
#include "path/pattern.h"

namespace eventmgr::engine {

//! Everything the engine keeps about one configured instance. Shared between the engine, the
//! executions and the timers through shared_ptr, so a deleted instance stays valid until its
//! last execution ends.
struct Instance {
  Instance(std::uint64_t id_value, Clock& clock) : id(id_value), gate(clock, nullptr) {}

  const std::uint64_t id;  //!< key in the pattern index; never reused
  ExecutionGate gate;

  std::mutex mutex;  //!< guards every field below
  InstanceConfig config;
  std::vector<path::Pattern> patterns;  //!< resolved configured paths, in configured order
  std::vector<std::string> schemas;     //!< configured paths, whitespace-normalised
  bool enabled = false;
  bool deleted = false;
  //! Beyond the daemon's instance limit: kept down with a reason until a slot frees up.
  bool over_limit = false;
  //! Increases whenever the instance is stopped, restarted or deleted, so that executions and
  //! timers of an earlier life do nothing.
  std::uint64_t generation = 0;
  InstanceStatus status;
  //! Keys of the actions the previous execution executed or skipped (always-execute rule).
  std::set<std::string> action_memory;
  std::optional<Clock::TimerId> reinvoke_timer;
  //! Start times of recent executions that the instance's own actions triggered.
  std::deque<Clock::TimePoint> self_triggers;
  //! Newest change batch when the instance (re)started. Its first execution reads a snapshot
  //! that already contains that batch and all before it, so they trigger nothing more.
  std::uint64_t started_at_sequence = 0;
  //! Set when loop protection stopped the instance; cleared by reload or a restart.
  bool loop_stopped = false;
};

}  // namespace eventmgr::engine
