#include "engine/scheduling/execution_gate.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/virtual_clock.h"

namespace eventmgr::engine {
namespace {

using std::chrono::milliseconds;

Trigger change(const std::string& path) {
  return Trigger{TriggerKind::kChange, {path}, {}};
}

// Records dispatched triggers with their virtual start times. An execution ends when the test
// calls finished().
class ExecutionGateTest : public ::testing::Test {
 protected:
  ExecutionGateTest()
      : gate_(clock_, [this](Trigger trigger) {
          started_.push_back(trigger);
          start_times_.push_back(clock_.now());
        }) {}

  VirtualClock clock_;
  std::vector<Trigger> started_;
  std::vector<Clock::TimePoint> start_times_;
  ExecutionGate gate_;
};

TEST_F(ExecutionGateTest, IdleGateStartsAtOnce) {
  gate_.submit(change("a"));
  ASSERT_EQ(started_.size(), 1u);
  EXPECT_TRUE(gate_.running());
}

TEST_F(ExecutionGateTest, BurstWhileRunningQueuesOne) {
  gate_.submit(change("first"));
  for (int i = 0; i < 50; ++i) {
    gate_.submit(change("p" + std::to_string(i)));
  }
  EXPECT_EQ(started_.size(), 1u);
  gate_.finished();
  ASSERT_EQ(started_.size(), 2u);
  EXPECT_EQ(started_[1].changed_paths.size(), 50u);
  EXPECT_EQ(gate_.eventsCoalesced(), 49u);
  EXPECT_EQ(gate_.eventsReceived(), 51u);
  gate_.finished();
  EXPECT_EQ(started_.size(), 2u);
  EXPECT_FALSE(gate_.running());
}

TEST_F(ExecutionGateTest, MinIntervalHoldsDownChanges) {
  gate_.setMinInterval(milliseconds(1000));
  auto begin = clock_.now();
  gate_.submit(change("c0"));
  gate_.finished();
  for (int i = 1; i < 10; ++i) {
    clock_.advance(milliseconds(20));
    gate_.submit(change("c" + std::to_string(i)));
  }
  EXPECT_EQ(started_.size(), 1u);
  clock_.advanceTo(begin + milliseconds(999));
  EXPECT_EQ(started_.size(), 1u);
  clock_.advanceTo(begin + milliseconds(1000));
  ASSERT_EQ(started_.size(), 2u);
  EXPECT_EQ(start_times_[1], begin + milliseconds(1000));
  EXPECT_EQ(started_[1].changed_paths.size(), 9u);
  gate_.finished();
  clock_.advance(milliseconds(5000));
  EXPECT_EQ(started_.size(), 2u);
}

TEST_F(ExecutionGateTest, MinIntervalDoesNotDelayReinvoke) {
  gate_.setMinInterval(milliseconds(1000));
  gate_.submit(change("c0"));
  gate_.finished();
  gate_.submit(Trigger{TriggerKind::kReinvoke, {}, {}});
  EXPECT_EQ(started_.size(), 2u);
}

TEST_F(ExecutionGateTest, ReloadMergedIntoHeldChangeStartsNow) {
  gate_.setMinInterval(milliseconds(1000));
  gate_.submit(change("c0"));
  gate_.finished();
  gate_.submit(change("c1"));
  EXPECT_EQ(started_.size(), 1u);
  gate_.submit(Trigger{TriggerKind::kReload, {}, {}});
  ASSERT_EQ(started_.size(), 2u);
  EXPECT_EQ(started_[1].kind, TriggerKind::kReload);
  EXPECT_EQ(started_[1].changed_paths, std::vector<std::string>{"c1"});
  gate_.finished();
  clock_.advance(milliseconds(2000));
  EXPECT_EQ(started_.size(), 2u);
}

TEST_F(ExecutionGateTest, ResetDropsQueuedAndTimer) {
  gate_.setMinInterval(milliseconds(1000));
  gate_.submit(change("c0"));
  gate_.submit(change("c1"));
  gate_.reset();
  gate_.finished();
  clock_.advance(milliseconds(5000));
  EXPECT_EQ(started_.size(), 1u);
}

TEST(TriggerMerge, ChangedPathsBounded) {
  Trigger trigger = change("x");
  for (int i = 0; i < 200; ++i) {
    trigger.merge(change("p" + std::to_string(i)));
  }
  EXPECT_EQ(trigger.changed_paths.size(), Trigger::kMaxChangedPaths);
  trigger.merge(change("x"));
  EXPECT_EQ(trigger.changed_paths.front(), "x");
}

}  // namespace
}  // namespace eventmgr::engine
