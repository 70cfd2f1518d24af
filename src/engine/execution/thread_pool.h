#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/execution/executor.h"

namespace eventmgr::engine {

//! Executor with a fixed number of worker threads taking tasks in posting order.
class ThreadPool : public Executor {
 public:
  explicit ThreadPool(std::size_t threads);
  //! Runs the tasks already queued, then joins the workers.
  ~ThreadPool() override;
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void post(Task task) override;

  //! Returns the number of tasks waiting for a worker.
  std::size_t queued() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace eventmgr::engine
