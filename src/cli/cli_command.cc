// `eventmgr cli -c COMMAND ...`: sends CLI commands to a running daemon over JSON-RPC.

#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/shell/shell.h"
#include "common/error.h"
#include "servers/http/http_server.h"

namespace eventmgr::cli {
namespace {

struct CliOptions {
  std::vector<std::string> commands;
  std::string address;
  bool json = false;
  std::string username;
};

int runCli(const CliOptions& options) {
  std::string address = options.address;
  if (address.empty()) {
    const char* from_environment = std::getenv("EVENTMGR_ADDRESS");
    address = from_environment != nullptr && *from_environment != '\0'
                  ? from_environment
                  : servers::kDefaultListenAddress;
  }
  auto [host, port] = servers::parseListenAddress(address);
  if (options.commands.empty()) {
    const char* password = std::getenv("EVENTMGR_PASSWORD");
    return shell::runShell({host, port, options.username, password != nullptr ? password : ""});
  }

  nlohmann::json request = {
      {"jsonrpc", "2.0"},
      {"id", 1},
      {"method", "cli"},
      {"params",
       {{"commands", options.commands}, {"output-format", options.json ? "json" : "text"}}}};
  httplib::Client client(host, port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(60, 0);
  if (!options.username.empty()) {
    const char* password = std::getenv("EVENTMGR_PASSWORD");
    client.set_basic_auth(options.username, password != nullptr ? password : "");
  }
  auto response = client.Post("/jsonrpc", request.dump(), "application/json");
  if (!response) {
    std::cerr << "eventmgr cli: cannot reach eventmgr at " << host << ":" << port << " ("
              << httplib::to_string(response.error())
              << "); is `eventmgr run` running there? Set the address with --address or "
                 "EVENTMGR_ADDRESS.\n";
    return kExitFailed;
  }
  if (response->status != 200) {
    std::cerr << "eventmgr cli: the server answered HTTP " << response->status << ": "
              << response->body;
    return kExitFailed;
  }
  nlohmann::json reply;
  try {
    reply = nlohmann::json::parse(response->body);
  } catch (const nlohmann::json::exception& error) {
    std::cerr << "eventmgr cli: invalid response from the server: " << error.what() << '\n';
    return kExitFailed;
  }
  if (reply.contains("error")) {
    std::cerr << "Error: " << reply["error"].value("message", reply["error"].dump()) << '\n';
    return kExitFailed;
  }
  for (const auto& result : reply["result"]) {
    if (result.is_object() && result.size() == 1 && result.contains("text")) {
      std::string text = result["text"].get<std::string>();
      std::cout << text;
      if (!text.empty() && text.back() != '\n') {
        std::cout << '\n';
      }
    } else {
      std::cout << result.dump(4) << '\n';
    }
  }
  return kExitOk;
}

}  // namespace

void addCliCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<CliOptions>();
  auto* command = app.add_subcommand("cli", "Run SR Linux-style CLI commands on a running daemon");
  command->add_option("-c,--command", options->commands,
                      "A command, e.g. \"info from state interface ethernet-1/1 oper-state\" "
                      "(repeatable; the commands run in order in one session); without any, "
                      "an interactive shell starts");
  command->add_option("--address", options->address,
                      std::string("Daemon address HOST:PORT (default: $EVENTMGR_ADDRESS, else ") +
                          servers::kDefaultListenAddress + ")");
  command->add_flag("--json", options->json, "Print info output as RFC 7951 JSON");
  command->add_option("--username", options->username,
                      "User for HTTP basic authentication; the password comes from "
                      "EVENTMGR_PASSWORD");
  command->callback([options, &action] { action = [options] { return runCli(*options); }; });
}

}  // namespace eventmgr::cli
