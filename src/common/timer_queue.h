#pragma once

#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "common/clock.h"

namespace eventmgr {

//! Ordered set of pending timers shared by the clock implementations. Not thread-safe: the
//! owning clock guards it with its own mutex.
class TimerQueue {
 public:
  //! Adds a timer and returns its id; ids start at 1 and increase.
  Clock::TimerId add(Clock::TimePoint at, Clock::Callback callback);

  //! Removes a pending timer; returns false if it is not pending.
  bool remove(Clock::TimerId id);

  //! Returns the time of the earliest timer, if any.
  std::optional<Clock::TimePoint> earliest() const;

  //! Removes and returns the earliest timer if it is due at or before NOW.
  std::optional<Clock::Callback> popDue(Clock::TimePoint now);

  bool empty() const { return timers_.empty(); }

 private:
  // Keyed by (time, id) so that equal times keep the scheduling order.
  std::map<std::pair<Clock::TimePoint, Clock::TimerId>, Clock::Callback> timers_;
  std::unordered_map<Clock::TimerId, Clock::TimePoint> times_;
  Clock::TimerId next_id_ = 1;
};

}  // namespace eventmgr
