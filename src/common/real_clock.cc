#include "common/real_clock.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace eventmgr {

RealClock::RealClock() : thread_([this] { run(); }) {}

RealClock::~RealClock() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Clock::TimerId RealClock::schedule(TimePoint at, Callback callback) {
  TimerId id;
  {
    std::lock_guard lock(mutex_);
    id = timers_.add(at, std::move(callback));
  }
  wake_.notify_all();
  return id;
}

void RealClock::cancel(TimerId id) {
  std::lock_guard lock(mutex_);
  timers_.remove(id);
}

void RealClock::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto earliest = timers_.earliest();
    if (!earliest) {
      wake_.wait(lock);
      continue;
    }
    if (*earliest > now()) {
      wake_.wait_until(lock, *earliest);
      continue;
    }
    auto callback = timers_.popDue(now());
    if (!callback) {
      continue;
    }
    // Run without the lock so that callbacks can schedule and cancel timers.
    lock.unlock();
    try {
      (*callback)();
    } catch (const std::exception& error) {
      spdlog::error("timer callback failed: {}", error.what());
    }
    lock.lock();
  }
}

}  // namespace eventmgr
