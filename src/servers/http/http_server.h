#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace eventmgr::servers {

//! Default address that the daemon listens on and the CLI connects to.
inline constexpr const char* kDefaultListenAddress = "127.0.0.1:8090";

//! A GET route served next to /jsonrpc, e.g. /metrics. BODY runs on a server thread per request
//! and must be thread-safe; it must not throw.
struct HttpGetRoute {
  std::string path;
  std::string content_type;
  std::function<std::string()> body;
};

//! Listen address and access settings of the HTTP server.
struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  //!< 0: any free port (see HttpServer::port)
  //! When both are set, every request needs HTTP basic authentication with them.
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::vector<HttpGetRoute> get_routes;
};

//! Handles a JSON-RPC request body and returns the response body; must not throw.
using JsonRpcCallback = std::function<std::string(const std::string& body)>;

//! HTTP server of the node: `POST /jsonrpc`. Runs its own threads (cpp-httplib's pool).
class HttpServer {
 public:
  //! Binds to the address of OPTIONS. Throws Error(kUnavailable) naming the address when the
  //! port cannot be bound.
  HttpServer(HttpServerOptions options, JsonRpcCallback json_rpc);
  //! Stops listening and joins the server thread.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  //! Returns the bound port.
  int port() const { return port_; }

  //! Stops accepting requests and returns when the server thread has ended. Safe to repeat.
  void stop();

 private:
  HttpServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

//! Parses "HOST:PORT", "[IPV6]:PORT" or ":PORT" (host 127.0.0.1). Throws Error(kInvalidArgument)
//! naming the text for anything else.
std::pair<std::string, int> parseListenAddress(const std::string& text);

}  // namespace eventmgr::servers
