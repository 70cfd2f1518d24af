#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "datastore/local_datastore.h"
#include "gnmi.grpc.pb.h"
#include "path/gnmi_path.h"
#include "path/parser.h"
#include "schema/schema.h"
#include "servers/gnmi/gnmi_convert.h"
#include "servers/gnmi/gnmi_server.h"

namespace eventmgr::servers::gnmi::testing {

//! Returns a client context that gives up after 10 seconds, so a broken server fails the test
//! instead of hanging it.
inline std::unique_ptr<grpc::ClientContext> clientContext() {
  auto result = std::make_unique<grpc::ClientContext>();
  result->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return result;
}

//! A LocalDatastore on the built-in schema served by a GnmiServer on a free loopback port, and
//! a gRPC client stub connected to it.
class GnmiTest : public ::testing::Test {
 protected:
  explicit GnmiTest(GnmiServiceOptions service = {}) : schema_(schema::Schema::builtin()) {
    datastore_ =
        std::make_unique<datastore::LocalDatastore>(schema_, datastore::LocalDatastoreOptions{});
    GnmiServerOptions options;
    options.listen = "127.0.0.1:0";
    options.service = std::move(service);
    server_ = std::make_unique<GnmiServer>(*datastore_, options);
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()),
                                       grpc::InsecureChannelCredentials());
    stub_ = ::gnmi::gNMI::NewStub(channel);
  }

  ~GnmiTest() override { server_->stop(); }

  path::ConcretePath at(const std::string& cli) const {
    return path::parseConcretePath(*schema_, cli);
  }
  void commit(const std::string& cli, const std::string& value = "") {
    datastore_->commit({datastore::Operation::set(at(cli), value)});
  }
  std::uint64_t writeState(const std::string& cli, const std::string& value) {
    return datastore_->writeState({datastore::Operation::set(at(cli), value)});
  }
  std::string value(const std::string& cli) const {
    auto found = datastore_->getValue(at(cli));
    return found ? datastore::describeValue(*found) : "<absent>";
  }

  //! Returns a protobuf Path from the gNMI string form.
  static ::gnmi::Path gnmiPath(const std::string& text) {
    return toProto(path::parseGnmiPath(text));
  }
  static std::unique_ptr<grpc::ClientContext> context() { return clientContext(); }
  //! Returns PATH in the gNMI string form.
  static std::string text(const ::gnmi::Path& path) {
    return path::formatGnmiPath(fromProto(path));
  }

  std::shared_ptr<const schema::Schema> schema_;
  std::unique_ptr<datastore::LocalDatastore> datastore_;
  std::unique_ptr<GnmiServer> server_;
  std::unique_ptr<::gnmi::gNMI::Stub> stub_;
};

}  // namespace eventmgr::servers::gnmi::testing
