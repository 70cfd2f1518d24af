#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "datastore/change.h"

namespace eventmgr::datastore {

//! Delivers change batches to subscribers on a thread of its own, so a committer only queues a
//! batch and never waits for subscribers.
//!
//! Batches reach every subscriber in commit order, one batch and one subscriber at a time. A
//! callback may read the datastore and start new commits (their batches queue behind the
//! current one) but must not call waitForDelivery, which would wait for itself. A callback that
//! throws is logged and the batch goes on to the next subscriber.
class ChangeDispatcher {
 public:
  ChangeDispatcher();
  //! Delivers the batches already queued, then stops the thread.
  ~ChangeDispatcher();
  ChangeDispatcher(const ChangeDispatcher&) = delete;
  ChangeDispatcher& operator=(const ChangeDispatcher&) = delete;

  //! Adds CALLBACK, which receives the batches queued from now on. Returns an id for unsubscribe.
  //! Thread-safe.
  std::uint64_t subscribe(ChangeCallback callback);
  //! Removes a subscriber. When called from another thread while its callback runs, waits
  //! until the callback returns, so the caller may then destroy what the callback uses.
  //! Unknown ids are ignored. Thread-safe.
  void unsubscribe(std::uint64_t id);

  //! Queues BATCH for delivery. Thread-safe. Callers queue batches in sequence order.
  void enqueue(std::shared_ptr<const ChangeBatch> batch);
  //! Blocks until every batch with sequence <= SEQUENCE has reached every subscriber.
  //! Must not be called from a callback.
  void waitForDelivery(std::uint64_t sequence);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable delivered_;
  std::deque<std::shared_ptr<const ChangeBatch>> queue_;
  struct Subscriber {
    std::shared_ptr<ChangeCallback> callback;
    //! Sequence of the first batch queued after subscribe, the first one it receives.
    std::uint64_t first_sequence = 0;
  };
  std::map<std::uint64_t, Subscriber> subscribers_;
  std::uint64_t queued_sequence_ = 0;
  std::uint64_t next_subscriber_ = 1;
  std::uint64_t delivered_sequence_ = 0;
  std::uint64_t delivering_subscriber_ = 0;
  std::thread::id thread_id_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace eventmgr::datastore
