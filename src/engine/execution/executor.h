#pragma once

#include <functional>

namespace eventmgr::engine {

//! Runs posted work. The engine posts one task per execution; implementations decide where it
//! runs: a thread pool in the daemon, a queue drained by the caller in offline tests.
class Executor {
 public:
  using Task = std::function<void()>;
  virtual ~Executor() = default;

  //! Queues TASK. Thread-safe; never runs TASK inside post().
  virtual void post(Task task) = 0;
};

}  // namespace eventmgr::engine
