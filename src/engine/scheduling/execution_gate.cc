#include "engine/scheduling/execution_gate.h"

namespace eventmgr::engine {

ExecutionGate::ExecutionGate(Clock& clock, Dispatch dispatch)
    : clock_(clock), dispatch_(std::move(dispatch)) {}

ExecutionGate::~ExecutionGate() {
  reset();
}

void ExecutionGate::setMinInterval(std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  min_interval_ = interval;
}

bool ExecutionGate::heldDownLocked(const Trigger& trigger) const {
  return trigger.kind == TriggerKind::kChange && min_interval_.count() > 0 && last_start_ &&
         clock_.now() < *last_start_ + min_interval_;
}

std::optional<Trigger> ExecutionGate::startLocked(Trigger trigger) {
  running_ = true;
  last_start_ = clock_.now();
  return trigger;
}

std::optional<Trigger> ExecutionGate::startQueuedLocked() {
  if (running_ || !queued_) {
    return std::nullopt;
  }
  if (heldDownLocked(*queued_)) {
    armHoldTimerLocked();
    return std::nullopt;
  }
  if (hold_timer_) {
    clock_.cancel(*hold_timer_);
    hold_timer_.reset();
  }
  Trigger trigger = std::move(*queued_);
  queued_.reset();
  return startLocked(std::move(trigger));
}

void ExecutionGate::armHoldTimerLocked() {
  if (hold_timer_) {
    return;
  }
  std::uint64_t generation = generation_;
  hold_timer_ = clock_.schedule(*last_start_ + min_interval_,
                                [this, generation] { onHoldTimer(generation); });
}

void ExecutionGate::onHoldTimer(std::uint64_t generation) {
  std::optional<Trigger> start;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
      return;
    }
    hold_timer_.reset();
    start = startQueuedLocked();
  }
  if (start) {
    dispatch_(std::move(*start));
  }
}

void ExecutionGate::submit(Trigger trigger) {
  std::optional<Trigger> start;
  {
    std::lock_guard lock(mutex_);
    if (trigger.kind == TriggerKind::kChange) {
      ++events_received_;
    }
    if (queued_) {
      queued_->merge(trigger);
      ++events_coalesced_;
      // A start, reload or reinvoke merged into a held-down change is due at once.
      start = startQueuedLocked();
    } else if (running_ || heldDownLocked(trigger)) {
      queued_ = std::move(trigger);
      start = startQueuedLocked();
    } else {
      start = startLocked(std::move(trigger));
    }
  }
  if (start) {
    dispatch_(std::move(*start));
  }
}

void ExecutionGate::finished() {
  std::optional<Trigger> start;
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    start = startQueuedLocked();
  }
  if (start) {
    dispatch_(std::move(*start));
  }
}

void ExecutionGate::reset() {
  std::lock_guard lock(mutex_);
  ++generation_;
  queued_.reset();
  if (hold_timer_) {
    clock_.cancel(*hold_timer_);
    hold_timer_.reset();
  }
}

bool ExecutionGate::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

std::uint64_t ExecutionGate::eventsReceived() const {
  std::lock_guard lock(mutex_);
  return events_received_;
}

std::uint64_t ExecutionGate::eventsCoalesced() const {
  std::lock_guard lock(mutex_);
  return events_coalesced_;
}

void ExecutionGate::clearCounters() {
  std::lock_guard lock(mutex_);
  events_received_ = 0;
  events_coalesced_ = 0;
}

}  // namespace eventmgr::engine
