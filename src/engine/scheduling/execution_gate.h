#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "common/clock.h"
#include "engine/scheduling/trigger.h"

namespace eventmgr::engine {

//! Decides when one instance executes: never two executions at once, at most one queued behind
//! a running one (later triggers are merged into it and counted as coalesced), and with a
//! min-interval, change-triggered executions start no sooner than that interval after the
//! previous start (a hold-down). Start, reload and reinvoke triggers are not held down.
//!
//! Thread-safe. DISPATCH is called with the gate's lock released, from the thread that called
//! submit() or finished(), or from the clock's timer thread; it must hand the execution off
//! (for example to a worker pool) and the execution must call finished() exactly once.
class ExecutionGate {
 public:
  using Dispatch = std::function<void(Trigger)>;

  ExecutionGate(Clock& clock, Dispatch dispatch);
  ~ExecutionGate();
  ExecutionGate(const ExecutionGate&) = delete;
  ExecutionGate& operator=(const ExecutionGate&) = delete;

  //! Replaces the dispatch function. Call it before the first submit(), from one thread.
  void setDispatch(Dispatch dispatch) { dispatch_ = std::move(dispatch); }

  //! Sets the hold-down between change-triggered executions; zero disables it.
  void setMinInterval(std::chrono::milliseconds interval);

  //! Requests an execution for TRIGGER.
  void submit(Trigger trigger);

  //! Reports that the dispatched execution ended; starts the queued one if it is due.
  void finished();

  //! Drops the queued execution and the hold-down timer, as when the instance is disabled.
  //! A running execution is not interrupted and must still call finished().
  void reset();

  //! Returns true while an execution is dispatched and not finished.
  bool running() const;

  std::uint64_t eventsReceived() const;
  std::uint64_t eventsCoalesced() const;
  void clearCounters();

 private:
  // Each returns the trigger to dispatch, if any, with the lock held by the caller.
  std::optional<Trigger> startLocked(Trigger trigger);
  std::optional<Trigger> startQueuedLocked();
  bool heldDownLocked(const Trigger& trigger) const;
  void armHoldTimerLocked();
  void onHoldTimer(std::uint64_t generation);

  Clock& clock_;
  Dispatch dispatch_;
  mutable std::mutex mutex_;
  std::chrono::milliseconds min_interval_{0};
  bool running_ = false;
  std::optional<Trigger> queued_;
  std::optional<Clock::TimePoint> last_start_;
  std::optional<Clock::TimerId> hold_timer_;
  // Increases on reset() and on destruction so that a stale hold timer does nothing.
  std::uint64_t generation_ = 0;
  std::uint64_t events_received_ = 0;
  std::uint64_t events_coalesced_ = 0;
};

}  // namespace eventmgr::engine
