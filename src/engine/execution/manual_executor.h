#pragma once

#include <cstddef>
#include <deque>
#include <mutex>

#include "engine/execution/executor.h"

namespace eventmgr::engine {

//! Executor whose tasks run only when the owner calls runAll(), on the owner's thread, in
//! posting order. Offline scenario runs use it so that executions are deterministic.
class ManualExecutor : public Executor {
 public:
  void post(Task task) override;

  //! Runs queued tasks, including those they post, until the queue is empty or MAX_TASKS ran.
  //! Returns the number of tasks run.
  std::size_t runAll(std::size_t max_tasks = 1000000);

  bool empty() const;

 private:
  mutable std::mutex mutex_;
  std::deque<Task> tasks_;
};

}  // namespace eventmgr::engine
