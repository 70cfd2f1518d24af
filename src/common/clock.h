#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace eventmgr {

//! Time source and timer service. The engine takes time only from here, so offline tests can run
//! hours of timers in milliseconds on a VirtualClock while the daemon uses a RealClock.
class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  using TimerId = std::uint64_t;
  using Callback = std::function<void()>;

  virtual ~Clock() = default;

  //! Monotonic time, for delays and intervals.
  virtual TimePoint now() const = 0;

  //! Calendar time, for timestamps shown to users.
  virtual std::chrono::system_clock::time_point wallNow() const = 0;

  //! Calls CALLBACK once at or after AT. Callbacks run one at a time on the clock's own thread
  //! (RealClock) or inside advance() (VirtualClock), never inside schedule(). Timers due at the
  //! same time run in the order they were scheduled. Returns an id for cancel(). Thread-safe.
  virtual TimerId schedule(TimePoint at, Callback callback) = 0;

  //! Cancels a timer that has not started running. Unknown or finished ids are ignored.
  //! Thread-safe; a callback that is running at that moment still completes.
  virtual void cancel(TimerId id) = 0;
};

}  // namespace eventmgr
