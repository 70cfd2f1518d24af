#include "engine/execution/manual_executor.h"

namespace eventmgr::engine {

void ManualExecutor::post(Task task) {
  std::lock_guard lock(mutex_);
  tasks_.push_back(std::move(task));
}

std::size_t ManualExecutor::runAll(std::size_t max_tasks) {
  std::size_t ran = 0;
  while (ran < max_tasks) {
    Task task;
    {
      std::lock_guard lock(mutex_);
      if (tasks_.empty()) {
        break;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
    ++ran;
  }
  return ran;
}

bool ManualExecutor::empty() const {
  std::lock_guard lock(mutex_);
  return tasks_.empty();
}

}  // namespace eventmgr::engine
