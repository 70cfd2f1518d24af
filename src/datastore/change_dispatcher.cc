#include "datastore/change_dispatcher.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <vector>

namespace eventmgr::datastore {

ChangeDispatcher::ChangeDispatcher() : thread_([this] { run(); }) {}

ChangeDispatcher::~ChangeDispatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  thread_.join();
}

std::uint64_t ChangeDispatcher::subscribe(ChangeCallback callback) {
  std::lock_guard lock(mutex_);
  std::uint64_t id = next_subscriber_++;
  subscribers_.emplace(
      id, Subscriber{std::make_shared<ChangeCallback>(std::move(callback)), queued_sequence_ + 1});
  return id;
}

void ChangeDispatcher::unsubscribe(std::uint64_t id) {
  std::unique_lock lock(mutex_);
  subscribers_.erase(id);
  if (std::this_thread::get_id() != thread_id_) {
    delivered_.wait(lock, [this, id] { return delivering_subscriber_ != id; });
  }
}

void ChangeDispatcher::enqueue(std::shared_ptr<const ChangeBatch> batch) {
  {
    std::lock_guard lock(mutex_);
    queued_sequence_ = batch->sequence;
    queue_.push_back(std::move(batch));
  }
  queued_.notify_one();
}

void ChangeDispatcher::waitForDelivery(std::uint64_t sequence) {
  std::unique_lock lock(mutex_);
  delivered_.wait(lock, [this, sequence] { return delivered_sequence_ >= sequence; });
}

void ChangeDispatcher::run() {
  std::unique_lock lock(mutex_);
  thread_id_ = std::this_thread::get_id();
  while (true) {
    queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {
      return;  // stopping and nothing left to deliver
    }
    auto batch = std::move(queue_.front());
    queue_.pop_front();
    std::vector<std::uint64_t> ids;
    for (const auto& [id, subscriber] : subscribers_) {
      if (batch->sequence >= subscriber.first_sequence) {
        ids.push_back(id);
      }
    }
    for (std::uint64_t id : ids) {
      auto found = subscribers_.find(id);
      if (found == subscribers_.end()) {
        continue;  // unsubscribed while an earlier callback ran
      }
      auto callback = found->second.callback;
      delivering_subscriber_ = id;
      lock.unlock();
      try {
        (*callback)(*batch);
      } catch (const std::exception& error) {
        spdlog::error("datastore: change subscriber {} failed on batch {}: {}", id, batch->sequence,
                      error.what());
      }
      lock.lock();
      delivering_subscriber_ = 0;
      delivered_.notify_all();
    }
    delivered_sequence_ = batch->sequence;
    delivered_.notify_all();
  }
}

}  // namespace eventmgr::datastore
