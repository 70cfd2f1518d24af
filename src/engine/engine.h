#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "common/clock.h"
#include "datastore/datastore.h"
#include "engine/config/instance_config.h"
#include "engine/engine_options.h"
#include "engine/execution/executor.h"
#include "engine/scheduling/trigger.h"
#include "engine/state/instance_status.h"
#include "engine/state/state_writer.h"
#include "engine/store/execution_store.h"
#include "path/matcher.h"
#include "runtime/script_runner.h"
#include "targets/target.h"

namespace eventmgr::engine {

struct Instance;

//! The event handler: keeps one Instance per configured `system event-handler instance`, runs
//! its script when a watched value changes, at start and on reinvoke timers, applies the
//! returned actions on the target and publishes the instance state.
//!
//! Wiring: event-handler config and instance state live in CONFIG_STORE (the local node's
//! datastore); watched values and actions go to TARGET, which for the local node is the same
//! datastore. The engine does not own its collaborators; they must outlive it.
//!
//! Threading: change batches arrive on the datastore's notification thread and are matched
//! there; executions run on EXECUTOR; reinvoke and hold-down timers run on CLOCK. Public
//! methods are thread-safe.
class Engine {
 public:
  Engine(EngineOptions options, datastore::Datastore& config_store, targets::Target& target,
         runtime::ScriptRunner& runner, ExecutionStore& store, Clock& clock, Executor& executor);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Registers the tools commands, subscribes to changes and starts every enabled instance of
  //! the current configuration (each executes once).
  void start();

  //! Stops reacting to changes and timers, and waits up to stop_timeout for running executions.
  //! Safe to call more than once.
  void stop();

  //! Returns the names of the configured instances, sorted.
  std::vector<std::string> instanceNames() const;

  //! Returns the status of instance NAME, or nothing when it is not configured.
  std::optional<InstanceStatus> status(const std::string& name) const;

  //! Returns the name of the instance whose actions or state publication caused the change
  //! batch SEQUENCE, or nothing when it came from elsewhere (or is too old to be remembered).
  std::optional<std::string> originOf(std::uint64_t sequence) const;

  //! Returns true when no execution is running or queued and no hold-down is pending.
  bool idle() const;

  //! Returns the number of executions that are running or queued in the executor.
  std::size_t busyExecutions() const { return busy_executions_.load(); }

 private:
  friend class ExecutionRun;

  void onChanges(const datastore::ChangeBatch& batch);
  void reconcile();
  void applyConfig(const EventHandlerConfig& config);
  void startInstance(const std::shared_ptr<Instance>& instance, TriggerKind kind);
  // Stops INSTANCE and shows it down with REASON and DETAIL.
  void stopInstance(const std::shared_ptr<Instance>& instance, const char* reason,
                    const std::string& detail = "");
  void holdOverLimit(const std::shared_ptr<Instance>& instance);
  void removeInstance(const std::shared_ptr<Instance>& instance);
  void dispatch(const std::shared_ptr<Instance>& instance, Trigger trigger);
  void execute(const std::shared_ptr<Instance>& instance, Trigger trigger,
               std::uint64_t generation);
  void armReinvoke(const std::shared_ptr<Instance>& instance, std::chrono::milliseconds delay);
  void cancelReinvokeLocked(Instance& instance);
  void publishState(Instance& instance);
  void registerTools();
  void addHistoryProvider(const std::string& name);
  std::shared_ptr<Instance> findInstance(const std::string& name) const;
  void rememberOwnSequence(std::uint64_t sequence, std::uint64_t instance_id);
  bool isOwnSequence(std::uint64_t sequence, std::uint64_t instance_id) const;

  EngineOptions options_;
  datastore::Datastore& config_store_;
  targets::Target& target_;
  runtime::ScriptRunner& runner_;
  ExecutionStore& store_;
  Clock& clock_;
  Executor& executor_;
  StateWriter state_writer_;
  path::ConcretePath event_handler_path_;

  mutable std::shared_mutex mutex_;  // guards instances_, index_, run_as_user_
  std::map<std::string, std::shared_ptr<Instance>> instances_;
  std::map<std::uint64_t, std::shared_ptr<Instance>> instances_by_id_;
  path::PatternIndex index_;
  std::string run_as_user_ = "admin";
  std::uint64_t next_instance_id_ = 1;

  // Sequences of change batches caused by each instance's own actions, for loop protection.
  mutable std::mutex own_sequences_mutex_;
  std::deque<std::pair<std::uint64_t, std::uint64_t>> own_sequences_;

  std::mutex reconcile_mutex_;  // one reconcile at a time
  std::atomic<bool> running_{false};
  std::atomic<std::size_t> busy_executions_{0};
  std::mutex busy_mutex_;
  std::condition_variable busy_changed_;
  std::vector<datastore::Registration> registrations_;
  // History state providers by instance name; guarded by mutex_.
  std::map<std::string, datastore::Registration> history_providers_;
  std::vector<std::string> tools_patterns_;
};

}  // namespace eventmgr::engine
