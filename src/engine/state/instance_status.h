#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/store/execution_record.h"

namespace eventmgr::engine {

//! Counters of one instance since the daemon started or the last `statistics clear`.
struct InstanceStatistics {
  std::uint64_t upython_duration_us = 0;  //!< shown in milliseconds
  std::uint64_t execution_count = 0;
  std::uint64_t execution_successes = 0;
  std::uint64_t execution_timeouts = 0;
  std::uint64_t execution_errors = 0;
  std::uint64_t events_received = 0;
  std::uint64_t events_coalesced = 0;
  std::uint64_t actions_executed = 0;
  std::uint64_t actions_skipped = 0;
  std::uint64_t actions_failed = 0;
  std::uint64_t reinvocations = 0;
};

//! Operational state of one instance, as shown under `system event-handler instance <name>`.
struct InstanceStatus {
  std::string oper_state = "down";  //!< up, down, starting or waiting
  //! Reason while down outside an execution (admin-disabled, subscription-failed, ...). SR
  //! Linux has no instance-level reason leaf, so it is shown as last-execution's
  //! oper-down-reason.
  std::optional<std::string> oper_down_reason;
  std::string oper_down_reason_detail;
  std::optional<ExecutionRecord> last_execution;
  std::optional<ExecutionRecord> last_errored_execution;
  InstanceStatistics statistics;
};

}  // namespace eventmgr::engine
