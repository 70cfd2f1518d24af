#pragma once

#include <mutex>

#include "common/clock.h"
#include "common/timer_queue.h"

namespace eventmgr {

//! Clock whose time moves only when advance() is called. Timers run inside advance(), on the
//! caller's thread, in time order, each at its own due time. Deterministic for offline tests.
class VirtualClock : public Clock {
 public:
  //! Starts with the calendar at WALL_START (2026-01-01T00:00:00Z unless given).
  explicit VirtualClock(
      std::chrono::system_clock::time_point wall_start =
          std::chrono::system_clock::time_point(std::chrono::seconds(1767225600)));

  TimePoint now() const override;
  std::chrono::system_clock::time_point wallNow() const override;
  TimerId schedule(TimePoint at, Callback callback) override;
  void cancel(TimerId id) override;

  //! Moves time to TARGET, running every timer due on the way at its own time (timers scheduled
  //! by callbacks included). Time never moves backwards: an earlier TARGET does nothing.
  void advanceTo(TimePoint target);

  //! Moves time forward by DURATION, as advanceTo(now() + duration).
  void advance(std::chrono::nanoseconds duration) { advanceTo(now() + duration); }

  //! Runs the timers due at the current time without moving it.
  void runDue() { advanceTo(now()); }

  //! Returns the time of the next pending timer, if any.
  std::optional<TimePoint> nextTimer() const;

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
  std::chrono::system_clock::time_point wall_start_;
  TimerQueue timers_;
};

}  // namespace eventmgr
