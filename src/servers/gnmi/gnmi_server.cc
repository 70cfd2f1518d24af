#include "servers/gnmi/gnmi_server.h"

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "servers/http/http_server.h"

namespace eventmgr::servers::gnmi {

namespace {

std::string readPemFile(const std::string& file, const char* description) {
  std::ifstream input(file);
  if (!input) {
    throw Error(ErrorKind::kInvalidArgument,
                std::string("cannot read the ") + description + " file \"" + file + "\"");
  }
  std::ostringstream text;
  text << input.rdbuf();
  return text.str();
}

}  // namespace

bool isLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

GnmiServer::GnmiServer(datastore::Datastore& datastore, GnmiServerOptions options)
    : service_(datastore, options.service) {
  auto [host, port] = parseListenAddress(options.listen);
  std::shared_ptr<grpc::ServerCredentials> credentials;
  if (options.tls_certificate_file.empty() != options.tls_key_file.empty()) {
    throw Error(ErrorKind::kInvalidArgument,
                "TLS needs both a certificate file and a key file; got only one");
  }
  if (!options.tls_certificate_file.empty()) {
    grpc::SslServerCredentialsOptions ssl(
        options.tls_client_ca_file.empty()
            ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
            : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_key_cert_pairs.push_back(
        {readPemFile(options.tls_key_file, "TLS key"),
         readPemFile(options.tls_certificate_file, "TLS certificate")});
    if (!options.tls_client_ca_file.empty()) {
      ssl.pem_root_certs = readPemFile(options.tls_client_ca_file, "client CA");
    }
    credentials = grpc::SslServerCredentials(ssl);
    secure_ = true;
  } else {
    if (!isLoopbackHost(host) && !options.allow_insecure) {
      throw Error(ErrorKind::kInvalidArgument,
                  "gNMI without TLS on the non-loopback address \"" + options.listen +
                      "\" is rejected; give a certificate and key, or allow insecure");
    }
    credentials = grpc::InsecureServerCredentials();
  }

  std::string address = host.find(':') != std::string::npos
                            ? "[" + host + "]:" + std::to_string(port)
                            : host + ":" + std::to_string(port);
  grpc::ServerBuilder builder;
  // Without this, gRPC sets SO_REUSEPORT and a second daemon would share the port silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(address, credentials, &port_);
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    throw Error(ErrorKind::kUnavailable, "cannot listen for gNMI on " + address);
  }
  spdlog::info("gNMI server listening on {}:{} ({})", host, port_, secure_ ? "TLS" : "insecure");
}

GnmiServer::~GnmiServer() {
  stop();
}

void GnmiServer::stop() {
  if (server_) {
    // Open Subscribe streams never end on their own, so cancel them after a short grace time.
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
    server_->Wait();
    server_.reset();
    spdlog::info("gNMI server stopped");
  }
}

}  // namespace eventmgr::servers::gnmi
