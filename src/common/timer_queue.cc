#include "common/timer_queue.h"

namespace eventmgr {

Clock::TimerId TimerQueue::add(Clock::TimePoint at, Clock::Callback callback) {
  Clock::TimerId id = next_id_++;
  timers_.emplace(std::make_pair(at, id), std::move(callback));
  times_.emplace(id, at);
  return id;
}

bool TimerQueue::remove(Clock::TimerId id) {
  auto found = times_.find(id);
  if (found == times_.end()) {
    return false;
  }
  timers_.erase(std::make_pair(found->second, id));
  times_.erase(found);
  return true;
}

std::optional<Clock::TimePoint> TimerQueue::earliest() const {
  if (timers_.empty()) {
    return std::nullopt;
  }
  return timers_.begin()->first.first;
}

std::optional<Clock::Callback> TimerQueue::popDue(Clock::TimePoint now) {
  if (timers_.empty() || timers_.begin()->first.first > now) {
    return std::nullopt;
  }
  auto first = timers_.begin();
  Clock::Callback callback = std::move(first->second);
  times_.erase(first->first.second);
  timers_.erase(first);
  return callback;
}

}  // namespace eventmgr
