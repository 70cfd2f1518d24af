#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "datastore/datastore.h"
#include "gnmi.grpc.pb.h"

namespace eventmgr::servers::gnmi {

//! Access and flow settings of the gNMI service.
struct GnmiServiceOptions {
  //! When both are set, every RPC must carry the metadata keys `username` and `password` with
  //! these values, otherwise it fails with UNAUTHENTICATED.
  std::optional<std::string> username;
  std::optional<std::string> password;
  //! Maximum number of whole messages (initial data, samples, heartbeats, poll answers) a
  //! Subscribe stream queues while its client reads slowly. Samples and heartbeats beyond it
  //! are dropped and counted, and a poll beyond it ends the RPC with RESOURCE_EXHAUSTED.
  //! Changes are never dropped but coalesced per leaf.
  std::size_t max_queued_messages = 64;
  //! Smallest SAMPLE interval accepted, in nanoseconds; sample_interval 0 means this one.
  std::uint64_t min_sample_interval_ns = 100'000'000;
};

//! Counters of the gNMI service, readable from any thread (for metrics).
struct GnmiStatistics {
  std::atomic<std::uint64_t> rpcs_total{0};
  std::atomic<std::uint64_t> rpc_errors_total{0};
  std::atomic<std::int64_t> active_subscriptions{0};
  //! Leaf changes merged into a newer change of the same leaf before a slow client read them.
  std::atomic<std::uint64_t> coalesced_updates_total{0};
  //! SAMPLE and heartbeat messages dropped because the stream's queue was full.
  std::atomic<std::uint64_t> dropped_samples_total{0};
};

//! The gNMI service (specification 0.10.0) over one node's datastore: Capabilities, Get, Set
//! and Subscribe. RPCs run on gRPC's callback threads. Subscribe streams receive changes on
//! the datastore's notification thread, which only queues them and never waits for a client to
//! read, so a slow client does not delay commits or the engine. The service must outlive the gRPC
//! server it is registered with.
class GnmiService final : public ::gnmi::gNMI::CallbackService {
 public:
  GnmiService(datastore::Datastore& datastore, GnmiServiceOptions options);

  const GnmiStatistics& statistics() const { return statistics_; }

  grpc::ServerUnaryReactor* Capabilities(grpc::CallbackServerContext* context,
                                         const ::gnmi::CapabilityRequest* request,
                                         ::gnmi::CapabilityResponse* response) override;
  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* context,
                                const ::gnmi::GetRequest* request,
                                ::gnmi::GetResponse* response) override;
  grpc::ServerUnaryReactor* Set(grpc::CallbackServerContext* context,
                                const ::gnmi::SetRequest* request,
                                ::gnmi::SetResponse* response) override;
  grpc::ServerBidiReactor<::gnmi::SubscribeRequest, ::gnmi::SubscribeResponse>* Subscribe(
      grpc::CallbackServerContext* context) override;

 private:
  grpc::Status authenticate(const grpc::CallbackServerContext& context) const;
  grpc::Status get(const ::gnmi::GetRequest& request, ::gnmi::GetResponse& response);
  grpc::Status set(const ::gnmi::SetRequest& request, ::gnmi::SetResponse& response);
  grpc::ServerUnaryReactor* finish(grpc::CallbackServerContext* context, const char* method,
                                   grpc::Status status);

  datastore::Datastore& datastore_;
  GnmiServiceOptions options_;
  GnmiStatistics statistics_;
};

}  // namespace eventmgr::servers::gnmi
