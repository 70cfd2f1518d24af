#include "servers/gnmi/subscribe_session.h"

#include <spdlog/spdlog.h>

#include "servers/gnmi/gnmi_convert.h"

namespace eventmgr::servers::gnmi {

namespace {

using Clock = std::chrono::steady_clock;

bool followsChanges(::gnmi::SubscriptionMode mode) {
  return mode == ::gnmi::ON_CHANGE || mode == ::gnmi::TARGET_DEFINED;
}

}  // namespace

SubscribeSession::SubscribeSession(datastore::Datastore& datastore,
                                   const GnmiServiceOptions& options, GnmiStatistics& statistics,
                                   const grpc::Status& authentication, std::string peer)
    : datastore_(datastore), options_(options), statistics_(statistics), peer_(std::move(peer)) {
  if (!authentication.ok()) {
    finished_ = true;
    ++statistics_.rpc_errors_total;
    spdlog::info("gNMI Subscribe from {} rejected: {}", peer_, authentication.error_message());
    Finish(authentication);
    return;
  }
  StartRead(&request_);
}

void SubscribeSession::OnReadDone(bool ok) {
  std::lock_guard lock(mutex_);
  if (finished_) {
    return;
  }
  if (!ok) {
    // The client closed its side. STREAM keeps sending; the others have nothing left to do.
    if (!started_ || mode_ == ::gnmi::SubscriptionList::POLL) {
      finish_when_drained_ = true;
      writeNextLocked();
    }
    return;
  }
  if (!started_) {
    if (!request_.has_subscribe()) {
      finishLocked(
          {grpc::INVALID_ARGUMENT, "the first SubscribeRequest must carry subscribe, not poll"});
      return;
    }
    grpc::Status status = start(request_.subscribe());
    if (!status.ok()) {
      finishLocked(status);
      return;
    }
    started_ = true;
  } else if (request_.has_poll() && mode_ == ::gnmi::SubscriptionList::POLL) {
    if (queued_.size() >= options_.max_queued_messages) {
      finishLocked({grpc::RESOURCE_EXHAUSTED,
                    "too many polls without reading the answers; read before polling again"});
      return;
    }
    std::vector<Subscription*> all;
    for (auto& subscription : subscriptions_) {
      all.push_back(&subscription);
    }
    queued_.push_back(snapshot(all, false));
    queued_.push_back(syncResponse());
    writeNextLocked();
  } else if (request_.has_subscribe()) {
    finishLocked({grpc::INVALID_ARGUMENT,
                  "a Subscribe RPC takes one SubscriptionList; open a new RPC to change paths"});
    return;
  } else {
    finishLocked({grpc::INVALID_ARGUMENT, "poll is only valid in a subscription of mode POLL"});
    return;
  }
  StartRead(&request_);
}

grpc::Status SubscribeSession::start(const ::gnmi::SubscriptionList& list) {
  if (list.encoding() != ::gnmi::JSON && list.encoding() != ::gnmi::JSON_IETF) {
    return {grpc::UNIMPLEMENTED, "encoding " + ::gnmi::Encoding_Name(list.encoding()) +
                                     " is not supported; use JSON or JSON_IETF"};
  }
  if (list.subscription_size() == 0) {
    return {grpc::INVALID_ARGUMENT, "the SubscriptionList has no subscription"};
  }
  mode_ = list.mode();
  ietf_ = list.encoding() == ::gnmi::JSON_IETF;
  target_ = list.prefix().target();
  auto minimum = std::chrono::nanoseconds(options_.min_sample_interval_ns);
  auto now = Clock::now();
  bool needs_timer = false;

  for (const auto& requested : list.subscription()) {
    path::GnmiPath full;
    try {
      full = joinPaths(list.prefix(), requested.path());
      subscriptions_.push_back(
          Subscription{PathSelector(datastore_.schema(), full), requested.mode()});
    } catch (const std::exception& error) {
      return {statusCodeOf(error), path::formatGnmiPath(full) + ": " + error.what()};
    }
    Subscription& subscription = subscriptions_.back();
    if (mode_ != ::gnmi::SubscriptionList::STREAM) {
      continue;
    }
    std::string where = "subscription " + path::formatGnmiPath(full);
    auto sample = std::chrono::nanoseconds(requested.sample_interval());
    auto heartbeat = std::chrono::nanoseconds(requested.heartbeat_interval());
    if (requested.mode() == ::gnmi::TARGET_DEFINED && requested.sample_interval() != 0) {
      return {grpc::INVALID_ARGUMENT,
              where + ": sample_interval is not allowed with mode TARGET_DEFINED"};
    }
    if ((sample.count() != 0 && sample < minimum) ||
        (heartbeat.count() != 0 && heartbeat < minimum)) {
      return {grpc::INVALID_ARGUMENT, where + ": sample_interval and heartbeat_interval must be " +
                                          "0 or at least " + std::to_string(minimum.count()) +
                                          " ns"};
    }
    if (requested.mode() == ::gnmi::SAMPLE) {
      subscription.sample_interval = sample.count() == 0 ? minimum : sample;
      subscription.next_sample = now + subscription.sample_interval;
      needs_timer = true;
    }
    subscription.suppress_redundant = requested.suppress_redundant();
    if (heartbeat.count() != 0) {
      subscription.heartbeat_interval = heartbeat;
      subscription.next_heartbeat = now + heartbeat;
      needs_timer = true;
    }
  }

  bool follows_changes = false;
  for (const auto& subscription : subscriptions_) {
    follows_changes = follows_changes || followsChanges(subscription.mode);
  }
  if (mode_ == ::gnmi::SubscriptionList::STREAM && follows_changes) {
    registration_ =
        datastore_.subscribe([this](const datastore::ChangeBatch& batch) { onChanges(batch); });
  }
  if (!list.updates_only()) {
    std::vector<Subscription*> all;
    for (auto& subscription : subscriptions_) {
      all.push_back(&subscription);
    }
    ::gnmi::SubscribeResponse initial = snapshot(all, false);
    if (initial.update().update_size() > 0) {
      queued_.push_back(std::move(initial));
    }
  }
  queued_.push_back(syncResponse());
  if (mode_ == ::gnmi::SubscriptionList::ONCE) {
    finish_when_drained_ = true;
  }
  if (mode_ == ::gnmi::SubscriptionList::STREAM && needs_timer) {
    timer_thread_ = std::thread([this] { runTimers(); });
  }
  ++statistics_.active_subscriptions;
  counted_ = true;
  spdlog::debug("gNMI Subscribe from {}: {} paths, mode {}", peer_, subscriptions_.size(),
                ::gnmi::SubscriptionList::Mode_Name(mode_));
  writeNextLocked();
  return grpc::Status::OK;
}

void SubscribeSession::onChanges(const datastore::ChangeBatch& batch) {
  std::lock_guard lock(mutex_);
  if (finished_) {
    return;
  }
  for (const auto& change : batch.changes) {
    for (const auto& subscription : subscriptions_) {
      if (!followsChanges(subscription.mode) || !subscription.selector.covers(change.path)) {
        continue;
      }
      std::string key = change.path.toGnmi();
      auto found = pending_.find(key);
      if (found != pending_.end()) {
        found->second.value = change.new_value;
        ++found->second.duplicates;
        ++statistics_.coalesced_updates_total;
      } else {
        pending_.emplace(key, PendingChange{change.path, change.new_value, 0});
        pending_order_.push_back(std::move(key));
      }
      break;
    }
  }
  writeNextLocked();
}

void SubscribeSession::runTimers() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto now = Clock::now();
    auto next = now + std::chrono::hours(1);
    std::vector<Subscription*> samples;
    std::vector<Subscription*> heartbeats;
    for (auto& subscription : subscriptions_) {
      if (subscription.sample_interval.count() != 0 && subscription.next_sample <= now) {
        samples.push_back(&subscription);
        subscription.next_sample = now + subscription.sample_interval;
      }
      if (subscription.heartbeat_interval.count() != 0 && subscription.next_heartbeat <= now) {
        heartbeats.push_back(&subscription);
        subscription.next_heartbeat = now + subscription.heartbeat_interval;
      }
      if (subscription.sample_interval.count() != 0) {
        next = std::min(next, subscription.next_sample);
      }
      if (subscription.heartbeat_interval.count() != 0) {
        next = std::min(next, subscription.next_heartbeat);
      }
    }
    for (auto* batch : {&samples, &heartbeats}) {
      if (batch->empty()) {
        continue;
      }
      if (queued_.size() >= options_.max_queued_messages) {
        ++statistics_.dropped_samples_total;
        continue;
      }
      // A heartbeat sends every value, even those suppress_redundant would hold back.
      ::gnmi::SubscribeResponse message = snapshot(*batch, batch == &samples);
      if (message.update().update_size() > 0) {
        queued_.push_back(std::move(message));
      }
    }
    writeNextLocked();
    timer_wakeup_.wait_until(lock, next, [this] { return stopping_; });
  }
}

::gnmi::SubscribeResponse SubscribeSession::snapshot(std::vector<Subscription*> subscriptions,
                                                     bool only_changed) {
  ::gnmi::SubscribeResponse response;
  ::gnmi::Notification& notification = *response.mutable_update();
  notification.set_timestamp(nowNanoseconds());
  if (!target_.empty()) {
    notification.mutable_prefix()->set_target(target_);
  }
  for (Subscription* subscription : subscriptions) {
    for (const auto& leaf : subscription->selector.read(datastore_)) {
      if (subscription->suppress_redundant) {
        std::string json = leafToJson(leaf.path.schemaNode(), leaf.value);
        std::string& last = subscription->last_sent[leaf.path.toGnmi()];
        bool unchanged = last == json;
        last = std::move(json);
        if (only_changed && unchanged) {
          continue;
        }
      }
      addUpdate(notification, leaf.path, leaf.value);
    }
  }
  return response;
}

::gnmi::SubscribeResponse SubscribeSession::syncResponse() const {
  ::gnmi::SubscribeResponse response;
  response.set_sync_response(true);
  return response;
}

void SubscribeSession::addUpdate(::gnmi::Notification& notification, const path::ConcretePath& path,
                                 const datastore::LeafValue& value) const {
  auto* update = notification.add_update();
  *update->mutable_path() = toProto(path::toGnmiPath(path));
  std::string json = leafToJson(path.schemaNode(), value);
  if (ietf_) {
    update->mutable_val()->set_json_ietf_val(std::move(json));
  } else {
    update->mutable_val()->set_json_val(std::move(json));
  }
}

void SubscribeSession::writeNextLocked() {
  if (write_in_flight_ || finished_) {
    return;
  }
  if (!queued_.empty()) {
    writing_ = std::move(queued_.front());
    queued_.pop_front();
  } else if (!pending_.empty()) {
    writing_.Clear();
    ::gnmi::Notification& notification = *writing_.mutable_update();
    notification.set_timestamp(nowNanoseconds());
    if (!target_.empty()) {
      notification.mutable_prefix()->set_target(target_);
    }
    for (const auto& key : pending_order_) {
      const PendingChange& change = pending_.at(key);
      if (change.value) {
        addUpdate(notification, change.path, *change.value);
        notification.mutable_update(notification.update_size() - 1)
            ->set_duplicates(change.duplicates);
      } else {
        *notification.add_delete_() = toProto(path::toGnmiPath(change.path));
      }
    }
    pending_.clear();
    pending_order_.clear();
  } else {
    if (finish_when_drained_) {
      finishLocked(grpc::Status::OK);
    }
    return;
  }
  write_in_flight_ = true;
  StartWrite(&writing_);
}

void SubscribeSession::OnWriteDone(bool ok) {
  std::lock_guard lock(mutex_);
  write_in_flight_ = false;
  if (!ok) {
    finishLocked({grpc::CANCELLED, "the client stopped reading"});
    return;
  }
  writeNextLocked();
}

void SubscribeSession::OnCancel() {
  std::lock_guard lock(mutex_);
  finishLocked({grpc::CANCELLED, "the client cancelled the subscription"});
}

void SubscribeSession::finishLocked(const grpc::Status& status) {
  if (finished_) {
    return;
  }
  finished_ = true;
  stopping_ = true;
  timer_wakeup_.notify_all();
  if (!status.ok() && status.error_code() != grpc::CANCELLED) {
    ++statistics_.rpc_errors_total;
    spdlog::info("gNMI Subscribe from {} failed: {}: {}", peer_,
                 statusCodeName(status.error_code()), status.error_message());
  }
  Finish(status);
}

void SubscribeSession::OnDone() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    finished_ = true;
  }
  timer_wakeup_.notify_all();
  if (timer_thread_.joinable()) {
    timer_thread_.join();
  }
  // Waits for a change callback that is running now; later ones are not delivered.
  registration_.reset();
  if (counted_) {
    --statistics_.active_subscriptions;
  }
  delete this;
}

}  // namespace eventmgr::servers::gnmi
