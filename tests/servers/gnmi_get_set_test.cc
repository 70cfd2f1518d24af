#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "gnmi_fixture.h"

namespace eventmgr::servers::gnmi::testing {
namespace {

using GnmiGetSet = GnmiTest;

TEST_F(GnmiGetSet, CapabilitiesListModelsAndEncodings) {
  ::gnmi::CapabilityRequest request;
  ::gnmi::CapabilityResponse response;
  auto status = stub_->Capabilities(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.gnmi_version(), "0.10.0");
  ASSERT_EQ(response.supported_encodings_size(), 2);
  EXPECT_EQ(response.supported_encodings(0), ::gnmi::JSON);
  EXPECT_EQ(response.supported_encodings(1), ::gnmi::JSON_IETF);
  std::vector<std::string> names;
  for (const auto& model : response.supported_models()) {
    names.push_back(model.name());
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "srl_nokia-interfaces"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "srl_nokia-event-handler"), names.end());
}

TEST_F(GnmiGetSet, GetLeafAsJsonIetf) {
  commit("interface ethernet-1/1 mtu", "9000");
  ::gnmi::GetRequest request;
  request.set_encoding(::gnmi::JSON_IETF);
  *request.add_path() = gnmiPath("/interface[name=ethernet-1/1]/mtu");
  ::gnmi::GetResponse response;
  auto status = stub_->Get(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.notification_size(), 1);
  const auto& notification = response.notification(0);
  EXPECT_GT(notification.timestamp(), 0);
  ASSERT_EQ(notification.update_size(), 1);
  EXPECT_EQ(text(notification.update(0).path()), "/interface[name=ethernet-1/1]/mtu");
  EXPECT_EQ(notification.update(0).val().json_ietf_val(), "9000");
}

TEST_F(GnmiGetSet, GetDefaultEncodingIsJson) {
  commit("interface ethernet-1/1 description", "uplink");
  ::gnmi::GetRequest request;
  *request.add_path() = gnmiPath("/interface[name=ethernet-1/1]/description");
  ::gnmi::GetResponse response;
  auto status = stub_->Get(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.notification(0).update_size(), 1);
  EXPECT_EQ(response.notification(0).update(0).val().json_val(), "\"uplink\"");
}

TEST_F(GnmiGetSet, GetWildcardKeyAndPrefix) {
  commit("interface ethernet-1/1 description", "one");
  commit("interface ethernet-1/2 description", "two");
  ::gnmi::GetRequest request;
  *request.mutable_prefix() = gnmiPath("/interface");
  request.mutable_prefix()->set_target("leaf1");
  *request.add_path() = gnmiPath("/description");
  ::gnmi::GetResponse response;
  auto status = stub_->Get(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.notification_size(), 1);
  const auto& notification = response.notification(0);
  EXPECT_EQ(notification.prefix().target(), "leaf1");
  ASSERT_EQ(notification.update_size(), 2);
  EXPECT_EQ(text(notification.update(0).path()), "/interface[name=ethernet-1/1]/description");
  EXPECT_EQ(text(notification.update(1).path()), "/interface[name=ethernet-1/2]/description");
}

TEST_F(GnmiGetSet, GetElementWildcards) {
  commit("interface ethernet-1/1 description", "one");
  for (const std::string path : {"/interface[name=ethernet-1/1]/*", "/.../description"}) {
    ::gnmi::GetRequest request;
    *request.add_path() = gnmiPath(path);
    ::gnmi::GetResponse response;
    auto status = stub_->Get(context().get(), request, &response);
    ASSERT_TRUE(status.ok()) << path << ": " << status.error_message();
    bool found = false;
    for (const auto& update : response.notification(0).update()) {
      found = found || text(update.path()) == "/interface[name=ethernet-1/1]/description";
    }
    EXPECT_TRUE(found) << path;
  }
}

TEST_F(GnmiGetSet, GetTypeSelectsConfigOrState) {
  commit("interface ethernet-1/1 description", "one");
  writeState("interface ethernet-1/1 oper-state", "down");
  struct Case {
    ::gnmi::GetRequest::DataType type;
    bool config;
    bool state;
  };
  for (const Case& c :
       {Case{::gnmi::GetRequest::CONFIG, true, false}, Case{::gnmi::GetRequest::STATE, false, true},
        Case{::gnmi::GetRequest::ALL, true, true}}) {
    ::gnmi::GetRequest request;
    request.set_type(c.type);
    *request.add_path() = gnmiPath("/interface[name=ethernet-1/1]");
    ::gnmi::GetResponse response;
    auto status = stub_->Get(context().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    bool config = false;
    bool state = false;
    for (const auto& update : response.notification(0).update()) {
      config = config || text(update.path()).ends_with("/description");
      state = state || text(update.path()).ends_with("/oper-state");
    }
    EXPECT_EQ(config, c.config) << ::gnmi::GetRequest::DataType_Name(c.type);
    EXPECT_EQ(state, c.state) << ::gnmi::GetRequest::DataType_Name(c.type);
  }
}

TEST_F(GnmiGetSet, GetErrorCodes) {
  struct Case {
    std::string path;
    ::gnmi::Encoding encoding;
    grpc::StatusCode code;
  };
  for (const Case& c : {
           Case{"/interface[name=ethernet-1/9]/description", ::gnmi::JSON, grpc::NOT_FOUND},
           Case{"/interface[name=ethernet-1/1]/descr", ::gnmi::JSON, grpc::INVALID_ARGUMENT},
           Case{"/interface[nam=ethernet-1/1]", ::gnmi::JSON, grpc::INVALID_ARGUMENT},
           Case{"/interface", ::gnmi::PROTO, grpc::UNIMPLEMENTED},
           Case{"/interface", ::gnmi::ASCII, grpc::UNIMPLEMENTED},
       }) {
    ::gnmi::GetRequest request;
    request.set_encoding(c.encoding);
    *request.add_path() = gnmiPath(c.path);
    ::gnmi::GetResponse response;
    auto status = stub_->Get(context().get(), request, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.path << ": " << status.error_message();
  }
}

TEST_F(GnmiGetSet, SetAppliesDeleteReplaceUpdateInOrder) {
  commit("interface ethernet-1/1 description", "old");
  commit("interface ethernet-1/2 description", "gone");
  ::gnmi::SetRequest request;
  *request.add_delete_() = gnmiPath("/interface[name=ethernet-1/2]");
  *request.add_delete_() = gnmiPath("/interface[name=ethernet-1/7]");  // missing: accepted
  auto* replace = request.add_replace();
  *replace->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]");
  replace->mutable_val()->set_json_ietf_val(R"({"mtu": 9000})");
  auto* update = request.add_update();
  *update->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]/description");
  update->mutable_val()->set_string_val("new");
  ::gnmi::SetResponse response;
  auto status = stub_->Set(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();

  ASSERT_EQ(response.response_size(), 4);
  EXPECT_EQ(response.response(0).op(), ::gnmi::UpdateResult::DELETE);
  EXPECT_EQ(response.response(1).op(), ::gnmi::UpdateResult::DELETE);
  EXPECT_EQ(response.response(2).op(), ::gnmi::UpdateResult::REPLACE);
  EXPECT_EQ(response.response(3).op(), ::gnmi::UpdateResult::UPDATE);
  EXPECT_GT(response.timestamp(), 0);
  EXPECT_EQ(value("interface ethernet-1/1 description"), "new");
  EXPECT_EQ(value("interface ethernet-1/1 mtu"), "9000");
  EXPECT_EQ(value("interface ethernet-1/2 description"), "<absent>");
}

TEST_F(GnmiGetSet, SetReplaceRemovesUnsentLeaves) {
  commit("interface ethernet-1/1 description", "old");
  ::gnmi::SetRequest request;
  auto* replace = request.add_replace();
  *replace->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]");
  replace->mutable_val()->set_json_val(R"({"mtu": 1500})");
  ::gnmi::SetResponse response;
  auto status = stub_->Set(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(value("interface ethernet-1/1 description"), "<absent>");
}

TEST_F(GnmiGetSet, SetWildcardDelete) {
  commit("interface ethernet-1/1 description", "one");
  commit("interface ethernet-1/2 description", "two");
  ::gnmi::SetRequest request;
  *request.add_delete_() = gnmiPath("/interface[name=*]/description");
  ::gnmi::SetResponse response;
  auto status = stub_->Set(context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(value("interface ethernet-1/1 description"), "<absent>");
  EXPECT_EQ(value("interface ethernet-1/2 description"), "<absent>");
}

TEST_F(GnmiGetSet, SetInvalidValueAbortsEverything) {
  commit("interface ethernet-1/1 description", "old");
  ::gnmi::SetRequest request;
  auto* first = request.add_update();
  *first->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]/description");
  first->mutable_val()->set_string_val("new");
  auto* second = request.add_update();
  *second->mutable_path() = gnmiPath("/interface[name=ethernet-1/1]/mtu");
  second->mutable_val()->set_uint_val(100);
  ::gnmi::SetResponse response;
  auto status = stub_->Set(context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::ABORTED);
  EXPECT_NE(status.error_message().find("mtu"), std::string::npos) << status.error_message();
  EXPECT_EQ(value("interface ethernet-1/1 description"), "old");
  EXPECT_EQ(value("interface ethernet-1/1 mtu"), "<absent>");
}

TEST_F(GnmiGetSet, SetErrorsAreAborted) {
  struct Case {
    std::string path;
    std::string json;
    std::string message;
  };
  for (const Case& c : {
           Case{"/interface[name=ethernet-1/1]/descr", "\"x\"", "INVALID_ARGUMENT"},
           Case{"/interface/description", "\"x\"", "INVALID_ARGUMENT"},
           Case{"/interface[name=ethernet-1/1]/description", "{not json", "update 0"},
       }) {
    ::gnmi::SetRequest request;
    auto* update = request.add_update();
    *update->mutable_path() = gnmiPath(c.path);
    update->mutable_val()->set_json_ietf_val(c.json);
    ::gnmi::SetResponse response;
    auto status = stub_->Set(context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::ABORTED) << c.path;
    EXPECT_NE(status.error_message().find(c.message), std::string::npos)
        << c.path << ": " << status.error_message();
  }
}

TEST_F(GnmiGetSet, EmptySetSucceeds) {
  ::gnmi::SetRequest request;
  ::gnmi::SetResponse response;
  auto status = stub_->Set(context().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

class GnmiAuthentication : public GnmiTest {
 protected:
  GnmiAuthentication() : GnmiTest(credentials()) {}
  static GnmiServiceOptions credentials() {
    GnmiServiceOptions options;
    options.username = "admin";
    options.password = "secret";
    return options;
  }
};

TEST_F(GnmiAuthentication, ChecksMetadata) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> metadata;
    grpc::StatusCode code;
  };
  for (const Case& c : {
           Case{{}, grpc::UNAUTHENTICATED},
           Case{{{"username", "admin"}, {"password", "wrong"}}, grpc::UNAUTHENTICATED},
           Case{{{"username", "admin"}, {"password", "secret"}}, grpc::OK},
       }) {
    auto client = context();
    for (const auto& [key, entry] : c.metadata) {
      client->AddMetadata(key, entry);
    }
    ::gnmi::CapabilityResponse response;
    auto status = stub_->Capabilities(client.get(), {}, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.metadata.size() << " metadata entries";
  }
}

// Reads FILE whole; "" when it cannot be read.
std::string readFile(const std::filesystem::path& file) {
  std::ifstream input(file);
  std::ostringstream text;
  text << input.rdbuf();
  return text.str();
}

TEST(GnmiServer, ServesTls) {
  auto folder =
      std::filesystem::temp_directory_path() / ("eventmgr-gnmi-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
      (folder / "key.pem").string() + " -out " + (folder / "cert.pem").string() +
      " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "openssl failed: " << command;

  auto schema = schema::Schema::builtin();
  datastore::LocalDatastore datastore(schema, {});
  GnmiServerOptions options;
  options.listen = "127.0.0.1:0";
  options.tls_certificate_file = (folder / "cert.pem").string();
  options.tls_key_file = (folder / "key.pem").string();
  GnmiServer server(datastore, options);
  EXPECT_TRUE(server.secure());
  std::string address = "127.0.0.1:" + std::to_string(server.port());

  grpc::SslCredentialsOptions trust;
  trust.pem_root_certs = readFile(folder / "cert.pem");
  auto secure = ::gnmi::gNMI::NewStub(grpc::CreateChannel(address, grpc::SslCredentials(trust)));
  ::gnmi::CapabilityResponse response;
  auto status = secure->Capabilities(clientContext().get(), {}, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();

  auto plain =
      ::gnmi::gNMI::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  auto client = clientContext();
  client->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  EXPECT_FALSE(plain->Capabilities(client.get(), {}, &response).ok());

  server.stop();
  std::filesystem::remove_all(folder);
}

TEST(GnmiServer, RejectsMissingCertificate) {
  auto schema = schema::Schema::builtin();
  datastore::LocalDatastore datastore(schema, {});
  GnmiServerOptions options;
  options.listen = "127.0.0.1:0";
  options.tls_certificate_file = "/nonexistent/cert.pem";
  options.tls_key_file = "/nonexistent/key.pem";
  EXPECT_THROW(GnmiServer(datastore, options), Error);
  options.tls_key_file.clear();
  EXPECT_THROW(GnmiServer(datastore, options), Error);
}

TEST(GnmiServer, RejectsInsecureNonLoopback) {
  auto schema = schema::Schema::builtin();
  datastore::LocalDatastore datastore(schema, {});
  GnmiServerOptions options;
  options.listen = "0.0.0.0:0";
  EXPECT_THROW(GnmiServer(datastore, options), Error);
}

}  // namespace
}  // namespace eventmgr::servers::gnmi::testing
