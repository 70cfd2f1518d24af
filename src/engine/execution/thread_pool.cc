#include "engine/execution/thread_pool.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace eventmgr::engine {

ThreadPool::ThreadPool(std::size_t threads) {
  if (threads == 0) {
    threads = 1;
  }
  for (std::size_t i = 0; i < threads; ++i) {
    workers_.emplace_back([this] { run(); });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) {
    worker.join();
  }
}

void ThreadPool::post(Task task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

std::size_t ThreadPool::queued() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void ThreadPool::run() {
  while (true) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) {
        return;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    try {
      task();
    } catch (const std::exception& error) {
      spdlog::error("worker task failed: {}", error.what());
    }
  }
}

}  // namespace eventmgr::engine
