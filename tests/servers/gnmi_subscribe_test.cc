#include <gtest/gtest.h>

#include "gnmi_fixture.h"

namespace eventmgr::servers::gnmi::testing {
namespace {

using Stream = grpc::ClientReaderWriter<::gnmi::SubscribeRequest, ::gnmi::SubscribeResponse>;

class GnmiSubscribe : public GnmiTest {
 protected:
  //! Opens a Subscribe RPC and sends one SubscriptionList of MODE for PATHS.
  std::unique_ptr<Stream> subscribe(const std::vector<std::string>& paths,
                                    ::gnmi::SubscriptionList::Mode mode,
                                    ::gnmi::SubscriptionMode path_mode = ::gnmi::ON_CHANGE,
                                    bool updates_only = false) {
    client_ = context();
    auto stream = stub_->Subscribe(client_.get());
    ::gnmi::SubscribeRequest request;
    auto* list = request.mutable_subscribe();
    list->set_mode(mode);
    list->set_encoding(::gnmi::JSON_IETF);
    list->set_updates_only(updates_only);
    list->mutable_prefix()->set_target("leaf1");
    for (const auto& path : paths) {
      auto* subscription = list->add_subscription();
      *subscription->mutable_path() = gnmiPath(path);
      subscription->set_mode(path_mode);
    }
    EXPECT_TRUE(stream->Write(request));
    return stream;
  }

  //! Reads one response; fails the test when the stream ends instead.
  static ::gnmi::SubscribeResponse read(Stream& stream) {
    ::gnmi::SubscribeResponse response;
    EXPECT_TRUE(stream.Read(&response)) << "the stream ended early";
    return response;
  }

  //! Returns "PATH=VALUE" for every update and "-PATH" for every delete of NOTIFICATION.
  static std::vector<std::string> describe(const ::gnmi::Notification& notification) {
    std::vector<std::string> lines;
    for (const auto& update : notification.update()) {
      lines.push_back(text(update.path()) + "=" + update.val().json_ietf_val());
    }
    for (const auto& removed : notification.delete_()) {
      lines.push_back("-" + text(removed));
    }
    return lines;
  }

  std::unique_ptr<grpc::ClientContext> client_;
};

TEST_F(GnmiSubscribe, OnceSendsDataThenSyncAndCloses) {
  commit("interface ethernet-1/1 description", "one");
  auto stream = subscribe({"/interface[name=*]/description"}, ::gnmi::SubscriptionList::ONCE);
  auto first = read(*stream);
  ASSERT_TRUE(first.has_update());
  EXPECT_EQ(first.update().prefix().target(), "leaf1");
  EXPECT_EQ(describe(first.update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/description=\"one\""});
  EXPECT_TRUE(read(*stream).sync_response());
  ::gnmi::SubscribeResponse extra;
  EXPECT_FALSE(stream->Read(&extra));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(GnmiSubscribe, StreamSendsChangesAndDeletes) {
  commit("interface ethernet-1/1 description", "one");
  auto stream = subscribe({"/interface[name=ethernet-1/1]"}, ::gnmi::SubscriptionList::STREAM);
  auto initial = read(*stream);
  ASSERT_TRUE(initial.has_update());
  EXPECT_TRUE(read(*stream).sync_response());

  writeState("interface ethernet-1/1 oper-state", "down");
  auto change = read(*stream);
  ASSERT_TRUE(change.has_update());
  EXPECT_EQ(describe(change.update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/oper-state=\"down\""});

  datastore_->commit({datastore::Operation::remove(at("interface ethernet-1/1 description"))});
  auto removal = read(*stream);
  EXPECT_EQ(describe(removal.update()),
            std::vector<std::string>{"-/interface[name=ethernet-1/1]/description"});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, StreamOfMissingPathWaitsForData) {
  auto stream =
      subscribe({"/interface[name=ethernet-1/5]/oper-state"}, ::gnmi::SubscriptionList::STREAM);
  EXPECT_TRUE(read(*stream).sync_response());
  writeState("interface ethernet-1/5 oper-state", "up");
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/5]/oper-state=\"up\""});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, RecursiveWildcardMatchesChanges) {
  auto stream = subscribe({"/.../oper-state"}, ::gnmi::SubscriptionList::STREAM);
  auto first = read(*stream);
  while (first.has_update()) {
    first = read(*stream);
  }
  EXPECT_TRUE(first.sync_response());
  writeState("interface ethernet-1/3 oper-state", "down");
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/3]/oper-state=\"down\""});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, UpdatesOnlyStartsWithSync) {
  commit("interface ethernet-1/1 description", "one");
  auto stream =
      subscribe({"/interface"}, ::gnmi::SubscriptionList::STREAM, ::gnmi::ON_CHANGE, true);
  EXPECT_TRUE(read(*stream).sync_response());
  commit("interface ethernet-1/1 description", "two");
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/description=\"two\""});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, PollAnswersEachPoll) {
  commit("interface ethernet-1/1 description", "one");
  auto stream =
      subscribe({"/interface[name=ethernet-1/1]/description"}, ::gnmi::SubscriptionList::POLL);
  EXPECT_TRUE(read(*stream).has_update());
  EXPECT_TRUE(read(*stream).sync_response());
  commit("interface ethernet-1/1 description", "two");
  ::gnmi::SubscribeRequest poll;
  poll.mutable_poll();
  ASSERT_TRUE(stream->Write(poll));
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/description=\"two\""});
  EXPECT_TRUE(read(*stream).sync_response());
  stream->WritesDone();
  ::gnmi::SubscribeResponse extra;
  EXPECT_FALSE(stream->Read(&extra));
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(GnmiSubscribe, SampleSendsPeriodically) {
  commit("interface ethernet-1/1 description", "one");
  auto stream = subscribe({"/interface[name=ethernet-1/1]/description"},
                          ::gnmi::SubscriptionList::STREAM, ::gnmi::SAMPLE);
  EXPECT_TRUE(read(*stream).has_update());
  EXPECT_TRUE(read(*stream).sync_response());
  // The next message is the first sample, sent after the minimum interval.
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/description=\"one\""});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, SuppressRedundantSendsOnlyChanges) {
  commit("interface ethernet-1/1 description", "one");
  writeState("interface ethernet-1/1 oper-state", "up");
  client_ = context();
  auto stream = stub_->Subscribe(client_.get());
  ::gnmi::SubscribeRequest request;
  request.mutable_subscribe()->set_encoding(::gnmi::JSON_IETF);
  auto* subscription = request.mutable_subscribe()->add_subscription();
  *subscription->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]");
  subscription->set_mode(::gnmi::SAMPLE);
  subscription->set_suppress_redundant(true);
  ASSERT_TRUE(stream->Write(request));
  EXPECT_GE(read(*stream).update().update_size(), 2);
  EXPECT_TRUE(read(*stream).sync_response());

  // Unchanged samples send nothing, so the next message carries the one changed leaf.
  writeState("interface ethernet-1/1 oper-state", "down");
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/oper-state=\"down\""});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, HeartbeatResendsValues) {
  commit("interface ethernet-1/1 description", "one");
  client_ = context();
  auto stream = stub_->Subscribe(client_.get());
  ::gnmi::SubscribeRequest request;
  request.mutable_subscribe()->set_encoding(::gnmi::JSON_IETF);
  auto* subscription = request.mutable_subscribe()->add_subscription();
  *subscription->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]/description");
  subscription->set_mode(::gnmi::ON_CHANGE);
  subscription->set_heartbeat_interval(100'000'000);
  ASSERT_TRUE(stream->Write(request));
  EXPECT_TRUE(read(*stream).has_update());
  EXPECT_TRUE(read(*stream).sync_response());
  EXPECT_EQ(describe(read(*stream).update()),
            std::vector<std::string>{"/interface[name=ethernet-1/1]/description=\"one\""});
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, SlowClientGetsCoalescedChanges) {
  auto stream = subscribe({"/interface[name=ethernet-1/1]/description"},
                          ::gnmi::SubscriptionList::STREAM, ::gnmi::ON_CHANGE, true);
  EXPECT_TRUE(read(*stream).sync_response());
  // The client reads nothing while the changes arrive; each change is either sent or counted
  // in the duplicates of the update that replaced it.
  constexpr int kChangeCount = 2000;
  std::uint64_t last_sequence = 0;
  for (int i = 1; i <= kChangeCount; ++i) {
    last_sequence = datastore_->commit({datastore::Operation::set(
        at("interface ethernet-1/1 description"), "value-" + std::to_string(i))});
  }
  datastore_->waitForDelivery(last_sequence);

  std::uint64_t accounted = 0;
  std::uint64_t sent = 0;
  std::string last_value;
  while (last_value != "\"value-" + std::to_string(kChangeCount) + "\"") {
    auto response = read(*stream);
    ASSERT_TRUE(response.has_update());
    for (const auto& update : response.update().update()) {
      accounted += 1 + update.duplicates();
      ++sent;
      last_value = update.val().json_ietf_val();
    }
  }
  RecordProperty("updates_sent", std::to_string(sent));
  EXPECT_EQ(accounted, static_cast<std::uint64_t>(kChangeCount));
  EXPECT_EQ(server_->statistics().coalesced_updates_total.load(), accounted - sent);
  client_->TryCancel();
}

TEST_F(GnmiSubscribe, InvalidRequestsFail) {
  struct Case {
    std::string name;
    ::gnmi::SubscribeRequest request;
    grpc::StatusCode code;
  };
  std::vector<Case> cases;
  {
    Case c{"poll first", {}, grpc::INVALID_ARGUMENT};
    c.request.mutable_poll();
    cases.push_back(c);
  }
  {
    Case c{"unknown element", {}, grpc::INVALID_ARGUMENT};
    *c.request.mutable_subscribe()->add_subscription()->mutable_path() = gnmiPath("/interfaces");
    cases.push_back(c);
  }
  {
    Case c{"proto encoding", {}, grpc::UNIMPLEMENTED};
    c.request.mutable_subscribe()->set_encoding(::gnmi::PROTO);
    *c.request.mutable_subscribe()->add_subscription()->mutable_path() = gnmiPath("/interface");
    cases.push_back(c);
  }
  {
    Case c{"sample interval too short", {}, grpc::INVALID_ARGUMENT};
    auto* subscription = c.request.mutable_subscribe()->add_subscription();
    *subscription->mutable_path() = gnmiPath("/interface");
    subscription->set_mode(::gnmi::SAMPLE);
    subscription->set_sample_interval(1000);
    cases.push_back(c);
  }
  {
    Case c{"target defined with interval", {}, grpc::INVALID_ARGUMENT};
    auto* subscription = c.request.mutable_subscribe()->add_subscription();
    *subscription->mutable_path() = gnmiPath("/interface");
    subscription->set_sample_interval(1'000'000'000);
    cases.push_back(c);
  }
  {
    Case c{"no subscription", {}, grpc::INVALID_ARGUMENT};
    c.request.mutable_subscribe();
    cases.push_back(c);
  }
  for (const Case& c : cases) {
    auto client = context();
    auto stream = stub_->Subscribe(client.get());
    stream->Write(c.request);
    ::gnmi::SubscribeResponse response;
    while (stream->Read(&response)) {
    }
    EXPECT_EQ(stream->Finish().error_code(), c.code) << c.name;
  }
}

TEST_F(GnmiSubscribe, SecondSubscriptionListFails) {
  auto stream = subscribe({"/interface"}, ::gnmi::SubscriptionList::STREAM);
  EXPECT_TRUE(read(*stream).sync_response());
  ::gnmi::SubscribeRequest again;
  *again.mutable_subscribe()->add_subscription()->mutable_path() = gnmiPath("/interface");
  stream->Write(again);
  ::gnmi::SubscribeResponse response;
  while (stream->Read(&response)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::INVALID_ARGUMENT);
}

TEST_F(GnmiSubscribe, CountsActiveSubscriptions) {
  auto stream = subscribe({"/interface"}, ::gnmi::SubscriptionList::STREAM);
  EXPECT_TRUE(read(*stream).sync_response());
  EXPECT_EQ(server_->statistics().active_subscriptions.load(), 1);
  client_->TryCancel();
  ::gnmi::SubscribeResponse response;
  while (stream->Read(&response)) {
  }
  stream->Finish();
}

}  // namespace
}  // namespace eventmgr::servers::gnmi::testing
