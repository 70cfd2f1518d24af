#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <vector>

#include "common/real_clock.h"
#include "common/virtual_clock.h"

namespace eventmgr {
namespace {

using std::chrono::milliseconds;

TEST(VirtualClock, RunsTimersInTimeOrder) {
  VirtualClock clock;
  std::vector<int> order;
  auto start = clock.now();
  clock.schedule(start + milliseconds(30), [&] { order.push_back(3); });
  clock.schedule(start + milliseconds(10), [&] { order.push_back(1); });
  clock.schedule(start + milliseconds(20), [&] { order.push_back(2); });
  clock.advance(milliseconds(25));
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
  clock.advance(milliseconds(5));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(VirtualClock, CallbackSeesItsOwnDueTime) {
  VirtualClock clock;
  auto start = clock.now();
  Clock::TimePoint seen;
  clock.schedule(start + milliseconds(500), [&] { seen = clock.now(); });
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(seen, start + milliseconds(500));
  EXPECT_EQ(clock.now(), start + std::chrono::hours(1));
}

TEST(VirtualClock, TimerScheduledByCallbackRunsInSameAdvance) {
  VirtualClock clock;
  int runs = 0;
  std::function<void()> repeat = [&] {
    ++runs;
    if (runs < 3600) {
      clock.schedule(clock.now() + std::chrono::seconds(1), repeat);
    }
  };
  clock.schedule(clock.now() + std::chrono::seconds(1), repeat);
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(runs, 3600);
}

TEST(VirtualClock, CancelledTimerDoesNotRun) {
  VirtualClock clock;
  bool ran = false;
  auto id = clock.schedule(clock.now() + milliseconds(1), [&] { ran = true; });
  clock.cancel(id);
  clock.advance(milliseconds(2));
  EXPECT_FALSE(ran);
}

TEST(VirtualClock, EqualTimesKeepSchedulingOrder) {
  VirtualClock clock;
  std::vector<int> order;
  auto at = clock.now() + milliseconds(5);
  for (int i = 0; i < 5; ++i) {
    clock.schedule(at, [&order, i] { order.push_back(i); });
  }
  clock.advance(milliseconds(5));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(VirtualClock, WallTimeFollowsVirtualTime) {
  VirtualClock clock;
  auto wall = clock.wallNow();
  clock.advance(std::chrono::seconds(90));
  EXPECT_EQ(clock.wallNow() - wall, std::chrono::seconds(90));
}

TEST(RealClock, RunsScheduledCallback) {
  RealClock clock;
  std::promise<void> done;
  clock.schedule(clock.now() + milliseconds(5), [&] { done.set_value(); });
  EXPECT_EQ(done.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

TEST(RealClock, CancelledCallbackDoesNotRun) {
  RealClock clock;
  std::atomic<bool> ran = false;
  std::promise<void> later;
  auto id = clock.schedule(clock.now() + milliseconds(20), [&] { ran = true; });
  clock.cancel(id);
  clock.schedule(clock.now() + milliseconds(40), [&] { later.set_value(); });
  ASSERT_EQ(later.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace eventmgr
