#include "servers/http/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "common/error.h"

namespace eventmgr::servers {
namespace {

// Returns true when REQUEST carries the configured basic-auth credentials.
bool authorised(const httplib::Request& request, const HttpServerOptions& options) {
  if (!options.username || !options.password) {
    return true;
  }
  auto header = request.get_header_value("Authorization");
  auto expected = httplib::make_basic_authentication_header(*options.username, *options.password);
  return header == expected.second;
}

}  // namespace

HttpServer::HttpServer(HttpServerOptions options, JsonRpcCallback json_rpc)
    : options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  server_->set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        if (authorised(request, options_)) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        spdlog::warn("HTTP request {} {} from {} rejected: missing or wrong credentials",
                     request.method, request.path, request.remote_addr);
        response.status = 401;
        response.set_header("WWW-Authenticate", "Basic realm=\"eventmgr\"");
        response.set_content("authentication required\n", "text/plain");
        return httplib::Server::HandlerResponse::Handled;
      });
  server_->Post("/jsonrpc",
                [json_rpc](const httplib::Request& request, httplib::Response& response) {
                  response.set_content(json_rpc(request.body), "application/json");
                });
  for (const HttpGetRoute& route : options_.get_routes) {
    server_->Get(route.path, [route](const httplib::Request&, httplib::Response& response) {
      response.set_content(route.body(), route.content_type);
    });
  }

  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
  } else if (server_->bind_to_port(options_.host, options_.port)) {
    port_ = options_.port;
  } else {
    port_ = -1;
  }
  if (port_ <= 0) {
    throw Error(ErrorKind::kUnavailable,
                "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                    "; the address is in use or not local (choose another with --listen)");
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  spdlog::info("JSON-RPC server listening on http://{}:{}/jsonrpc{}", options_.host, port_,
               options_.username ? " with basic authentication" : "");
}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
    spdlog::info("JSON-RPC server stopped");
  }
}

std::pair<std::string, int> parseListenAddress(const std::string& text) {
  auto colon = text.rfind(':');
  auto invalid = [&] {
    return Error(ErrorKind::kInvalidArgument,
                 "invalid listen address \"" + text +
                     "\"; expected HOST:PORT, [IPV6]:PORT or :PORT, e.g. 127.0.0.1:8090");
  };
  if (colon == std::string::npos) {
    throw invalid();
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) {
    host = "127.0.0.1";
  }
  int port = 0;
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) {
      throw invalid();
    }
  } catch (const std::logic_error&) {
    throw invalid();
  }
  if (port < 0 || port > 65535) {
    throw invalid();
  }
  return {host, port};
}

}  // namespace eventmgr::servers
