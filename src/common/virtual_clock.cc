#include "common/virtual_clock.h"

namespace eventmgr {

VirtualClock::VirtualClock(std::chrono::system_clock::time_point wall_start)
    : now_(TimePoint(std::chrono::hours(1))), wall_start_(wall_start) {}

Clock::TimePoint VirtualClock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

std::chrono::system_clock::time_point VirtualClock::wallNow() const {
  std::lock_guard lock(mutex_);
  return wall_start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                           now_ - TimePoint(std::chrono::hours(1)));
}

Clock::TimerId VirtualClock::schedule(TimePoint at, Callback callback) {
  std::lock_guard lock(mutex_);
  return timers_.add(at, std::move(callback));
}

void VirtualClock::cancel(TimerId id) {
  std::lock_guard lock(mutex_);
  timers_.remove(id);
}

std::optional<Clock::TimePoint> VirtualClock::nextTimer() const {
  std::lock_guard lock(mutex_);
  return timers_.earliest();
}

void VirtualClock::advanceTo(TimePoint target) {
  while (true) {
    Callback callback;
    {
      std::lock_guard lock(mutex_);
      auto earliest = timers_.earliest();
      if (!earliest || *earliest > target) {
        if (target > now_) {
          now_ = target;
        }
        return;
      }
      if (*earliest > now_) {
        now_ = *earliest;
      }
      callback = std::move(*timers_.popDue(now_));
    }
    callback();
  }
}

}  // namespace eventmgr
