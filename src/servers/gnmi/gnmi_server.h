#pragma once

#include <memory>
#include <optional>
#include <string>

#include "datastore/datastore.h"
#include "servers/gnmi/gnmi_service.h"

namespace grpc {
class Server;
}

namespace eventmgr::servers::gnmi {

//! Address "127.0.0.1:57400", the port SR Linux uses for gNMI.
inline constexpr const char* kDefaultGnmiListenAddress = "127.0.0.1:57400";

//! Listen address, transport security and service settings of the gNMI server.
struct GnmiServerOptions {
  //! HOST:PORT; port 0 picks a free port (see GnmiServer::port).
  std::string listen = kDefaultGnmiListenAddress;
  //! PEM files of the server certificate and its private key. When both are empty the server
  //! runs without TLS, which is accepted only for a loopback host unless allow_insecure is set.
  std::string tls_certificate_file;
  std::string tls_key_file;
  //! PEM file of CA certificates; when set, clients must present a certificate it signed.
  std::string tls_client_ca_file;
  bool allow_insecure = false;
  GnmiServiceOptions service;
};

//! The gRPC server that serves the gNMI service on one address.
class GnmiServer {
 public:
  //! Starts listening. Throws Error(kInvalidArgument) for an insecure non-loopback address
  //! without allow_insecure or an unreadable certificate file, and Error(kUnavailable) naming
  //! the address when it cannot be bound.
  GnmiServer(datastore::Datastore& datastore, GnmiServerOptions options);
  //! Stops the server, cancelling open Subscribe streams.
  ~GnmiServer();
  GnmiServer(const GnmiServer&) = delete;
  GnmiServer& operator=(const GnmiServer&) = delete;

  //! Returns the bound port.
  int port() const { return port_; }
  //! Returns whether the server uses TLS.
  bool secure() const { return secure_; }
  const GnmiStatistics& statistics() const { return service_.statistics(); }

  //! Stops accepting RPCs and cancels open ones. Safe to repeat.
  void stop();

 private:
  GnmiService service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool secure_ = false;
};

//! Returns true when HOST is a loopback address or "localhost".
bool isLoopbackHost(const std::string& host);

}  // namespace eventmgr::servers::gnmi
