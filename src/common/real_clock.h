#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/clock.h"
#include "common/timer_queue.h"

namespace eventmgr {

//! Clock on the system's steady and calendar clocks, with one thread that runs due timers.
class RealClock : public Clock {
 public:
  RealClock();
  //! Stops the timer thread; pending timers are dropped without running.
  ~RealClock() override;
  RealClock(const RealClock&) = delete;
  RealClock& operator=(const RealClock&) = delete;

  TimePoint now() const override { return std::chrono::steady_clock::now(); }
  std::chrono::system_clock::time_point wallNow() const override {
    return std::chrono::system_clock::now();
  }
  TimerId schedule(TimePoint at, Callback callback) override;
  void cancel(TimerId id) override;

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  TimerQueue timers_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace eventmgr
