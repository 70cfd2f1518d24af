#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "datastore/datastore.h"
#include "gnmi.grpc.pb.h"
#include "servers/gnmi/gnmi_service.h"
#include "servers/gnmi/path_selector.h"

namespace eventmgr::servers::gnmi {

//! One Subscribe RPC: parses the SubscriptionList, sends initial data and sync_response, then
//! changes (ON_CHANGE and TARGET_DEFINED), samples (SAMPLE) and heartbeats for STREAM, or
//! a snapshot per poll for POLL; ONCE closes after the sync_response.
//!
//! Flow control: one message is written at a time. Changes wait in a per-leaf map, so a newer
//! change of a leaf replaces the pending one. The replaced changes are counted in
//! coalesced_updates_total and in Update.duplicates. The map holds at most one entry per leaf
//! the subscription covers. Whole messages (initial data, samples, heartbeats, poll answers)
//! wait in a queue. Samples and heartbeats that find max_queued_messages queued are dropped
//! and counted, and a poll that finds it full ends the RPC with RESOURCE_EXHAUSTED.
//!
//! Threads: gRPC calls the On* methods; the datastore's notification thread calls onChanges;
//! a timer thread runs samples and heartbeats. All state is guarded by mutex_. The object
//! deletes itself in OnDone.
class SubscribeSession final
    : public grpc::ServerBidiReactor<::gnmi::SubscribeRequest, ::gnmi::SubscribeResponse> {
 public:
  SubscribeSession(datastore::Datastore& datastore, const GnmiServiceOptions& options,
                   GnmiStatistics& statistics, const grpc::Status& authentication,
                   std::string peer);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  struct Subscription {
    PathSelector selector;
    ::gnmi::SubscriptionMode mode;
    std::chrono::nanoseconds sample_interval{0};
    std::chrono::nanoseconds heartbeat_interval{0};
    bool suppress_redundant = false;
    std::chrono::steady_clock::time_point next_sample{};
    std::chrono::steady_clock::time_point next_heartbeat{};
    std::map<std::string, std::string> last_sent{};  //!< leaf path to JSON value, for suppression
  };
  //! A change waiting to be sent; no value means the leaf was deleted.
  struct PendingChange {
    path::ConcretePath path;
    std::optional<datastore::LeafValue> value;
    std::uint32_t duplicates = 0;
  };

  grpc::Status start(const ::gnmi::SubscriptionList& list);
  void onChanges(const datastore::ChangeBatch& batch);
  void runTimers();

  // The methods below require mutex_ to be held.
  ::gnmi::SubscribeResponse snapshot(std::vector<Subscription*> subscriptions, bool only_changed);
  ::gnmi::SubscribeResponse syncResponse() const;
  void addUpdate(::gnmi::Notification& notification, const path::ConcretePath& path,
                 const datastore::LeafValue& value) const;
  void writeNextLocked();
  void finishLocked(const grpc::Status& status);

  datastore::Datastore& datastore_;
  const GnmiServiceOptions& options_;
  GnmiStatistics& statistics_;
  std::string peer_;

  std::mutex mutex_;
  ::gnmi::SubscribeRequest request_;
  ::gnmi::SubscribeResponse writing_;
  bool started_ = false;
  bool write_in_flight_ = false;
  bool finish_when_drained_ = false;
  bool finished_ = false;
  bool counted_ = false;
  ::gnmi::SubscriptionList::Mode mode_ = ::gnmi::SubscriptionList::STREAM;
  bool ietf_ = false;
  std::string target_;
  std::vector<Subscription> subscriptions_;
  std::deque<::gnmi::SubscribeResponse> queued_;
  std::unordered_map<std::string, PendingChange> pending_;
  std::vector<std::string> pending_order_;

  datastore::Registration registration_;
  std::condition_variable timer_wakeup_;
  bool stopping_ = false;
  std::thread timer_thread_;
};

}  // namespace eventmgr::servers::gnmi
