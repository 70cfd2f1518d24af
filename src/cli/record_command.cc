// `eventmgr record` and `eventmgr replay`: write a node's change stream to a JSON-lines file,
// and feed such a file back into a node in real, scaled or virtual time.

#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "cli/commands.h"
#include "common/error.h"
#include "path/tokenizer.h"
#include "runtime/host_pool.h"
#include "scenario/scenario_runner.h"
#include "servers/http/http_server.h"

namespace eventmgr::cli {
namespace {

using nlohmann::json;

std::atomic<bool> stop_requested{false};

void onStopSignal(int) {
  stop_requested = true;
}

std::string resolveAddress(const std::string& given) {
  if (!given.empty()) {
    return given;
  }
  const char* from_environment = std::getenv("EVENTMGR_ADDRESS");
  return from_environment != nullptr && *from_environment != '\0' ? from_environment
                                                                  : servers::kDefaultListenAddress;
}

// Sends one JSON-RPC request; throws Error with the server's message on failure.
json call(httplib::Client& client, const std::string& method, const json& params) {
  json request = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
  auto response = client.Post("/jsonrpc", request.dump(), "application/json");
  if (!response) {
    throw Error(ErrorKind::kUnavailable, "cannot reach eventmgr (" +
                                             httplib::to_string(response.error()) +
                                             "); is `eventmgr run` running there?");
  }
  if (response->status != 200) {
    throw Error(ErrorKind::kUnavailable,
                "the server answered HTTP " + std::to_string(response->status));
  }
  auto reply = json::parse(response->body);
  if (reply.contains("error")) {
    throw Error(ErrorKind::kUnavailable,
                "the server rejected " + method + ": " + reply["error"].value("message", ""));
  }
  return reply["result"];
}

struct RecordOptions {
  std::string address;
  std::string output;
  double duration_s = 0;
  bool include_own = false;
};

int runRecord(const RecordOptions& options) {
  auto [host, port] = servers::parseListenAddress(resolveAddress(options.address));
  std::ofstream file(options.output);
  if (!file) {
    throw Error(ErrorKind::kInvalidArgument, "cannot write the recording " + options.output);
  }
  httplib::Client client(host, port);
  client.set_read_timeout(10, 0);
  signal(SIGINT, onStopSignal);
  signal(SIGTERM, onStopSignal);

  // Start after what happened before the recording: ask for the newest sequence first.
  auto first = call(client, "changes", {{"since", 0}, {"max", 10000}});
  std::uint64_t since = first["last"].get<std::uint64_t>();
  auto started = std::chrono::steady_clock::now();
  std::size_t written = 0;
  std::cerr << "recording changes of " << host << ":" << port << " to " << options.output
            << "; Ctrl-C stops\n";
  while (!stop_requested) {
    if (options.duration_s > 0 && std::chrono::steady_clock::now() - started >
                                      std::chrono::duration<double>(options.duration_s)) {
      break;
    }
    auto result = call(client, "changes", {{"since", since}, {"max", 1000}, {"wait-ms", 500}});
    if (result["dropped"].get<bool>()) {
      std::cerr << "eventmgr record: changes were lost because the recorder fell behind\n";
    }
    for (const auto& batch : result["batches"]) {
      since = batch["sequence"].get<std::uint64_t>();
      if (!options.include_own && batch["origin"] != "external") {
        continue;
      }
      file << batch.dump() << '\n';
      ++written;
    }
    file.flush();
  }
  std::cerr << "recorded " << written << " change batches\n";
  return kExitOk;
}

struct ReplayOptions {
  std::string file;
  std::string address;
  double speed = 1;
  bool virtual_time = false;
  std::string config_file;
  std::vector<std::string> script_dirs;
};

struct RecordedBatch {
  std::int64_t time_ms = 0;
  json changes;
  int line = 0;
};

// Checks that CHANGES is a list of {path, value or deleted, config}; throws a message otherwise.
void checkChanges(const json& changes) {
  if (!changes.is_array()) {
    throw std::invalid_argument("\"changes\" must be a list, got " + changes.dump());
  }
  for (const auto& change : changes) {
    if (!change.is_object() || !change.contains("path") || !change["path"].is_string()) {
      throw std::invalid_argument("each change needs a string \"path\", got " + change.dump());
    }
    bool deleted = change.contains("deleted") && change["deleted"] == true;
    if (!deleted && (!change.contains("value") ||
                     !(change["value"].is_string() || change["value"].is_array()))) {
      throw std::invalid_argument("change of " + change["path"].get<std::string>() +
                                  " needs a string or list \"value\", or \"deleted\": true");
    }
    for (const char* flag : {"deleted", "config"}) {
      if (change.contains(flag) && !change[flag].is_boolean()) {
        throw std::invalid_argument(std::string("\"") + flag + "\" must be true or false");
      }
    }
  }
}

std::vector<RecordedBatch> readRecording(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    throw Error(ErrorKind::kInvalidArgument, "cannot read the recording " + path);
  }
  std::vector<RecordedBatch> batches;
  std::string line;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    if (line.empty()) {
      continue;
    }
    try {
      auto batch = json::parse(line);
      if (!batch.is_object() || !batch.contains("time-ms") ||
          !batch["time-ms"].is_number_integer()) {
        throw std::invalid_argument("expected an object with an integer \"time-ms\"");
      }
      if (batch.contains("origin") && batch["origin"] != "external") {
        continue;
      }
      checkChanges(batch.contains("changes") ? batch["changes"] : json());
      std::int64_t time_ms = batch["time-ms"].get<std::int64_t>();
      if (!batches.empty() && time_ms < batches.back().time_ms) {
        throw std::invalid_argument("time-ms " + std::to_string(time_ms) +
                                    " is before the previous batch's");
      }
      batches.push_back({time_ms, batch["changes"], number});
    } catch (const json::exception& error) {
      throw Error(
          ErrorKind::kInvalidArgument,
          path + ":" + std::to_string(number) + ": not a recorded change batch: " + error.what());
    } catch (const std::invalid_argument& error) {
      throw Error(
          ErrorKind::kInvalidArgument,
          path + ":" + std::to_string(number) + ": not a recorded change batch: " + error.what());
    }
  }
  return batches;
}

// Returns the `path value` text of a recorded change (values quoted as CLI notation needs).
std::string changeLine(const json& change) {
  std::string line = change.at("path").get<std::string>();
  const auto& value = change.at("value");
  if (value.is_array()) {
    line += " [";
    for (const auto& item : value) {
      line += " " + path::quoteValue(item.get<std::string>());
    }
    return line + " ]";
  }
  return line + " " + path::quoteValue(value.get<std::string>());
}

int replayVirtual(const ReplayOptions& options, const std::vector<RecordedBatch>& batches) {
  scenario::Scenario scenario;
  scenario.file = options.file;
  scenario.name = "replay of " + options.file;
  if (!options.config_file.empty()) {
    std::ifstream config(options.config_file);
    if (!config) {
      throw Error(ErrorKind::kInvalidArgument, "cannot read the config " + options.config_file);
    }
    scenario.config.assign(std::istreambuf_iterator<char>(config), {});
  }
  for (const auto& folder : options.script_dirs) {
    scenario.script_dirs.emplace_back(folder);
  }
  if (scenario.script_dirs.empty()) {
    scenario.script_dirs.emplace_back(".");
  }
  std::int64_t first = batches.empty() ? 0 : batches.front().time_ms;
  for (const auto& batch : batches) {
    scenario::Step step;
    step.at = std::chrono::milliseconds(batch.time_ms - first);
    for (const auto& change : batch.changes) {
      bool config = change.value("config", false);
      bool deleted = change.value("deleted", false);
      scenario::StepChange item;
      item.kind = config ? (deleted ? scenario::StepChange::Kind::kConfigDelete
                                    : scenario::StepChange::Kind::kConfigSet)
                         : (deleted ? scenario::StepChange::Kind::kStateDelete
                                    : scenario::StepChange::Kind::kStateSet);
      item.text = deleted ? change.at("path").get<std::string>() : changeLine(change);
      item.line = batch.line;
      step.changes.push_back(std::move(item));
    }
    scenario.steps.push_back(std::move(step));
  }
  runtime::HostPool runner;
  auto result = scenario::runScenario(scenario, runner, scenario::RunnerOptions{}, std::cout);
  return result.passed ? kExitOk : kExitFailed;
}

int replayLive(const ReplayOptions& options, const std::vector<RecordedBatch>& batches) {
  auto [host, port] = servers::parseListenAddress(resolveAddress(options.address));
  httplib::Client client(host, port);
  client.set_read_timeout(30, 0);
  auto start = std::chrono::steady_clock::now();
  std::int64_t first = batches.empty() ? 0 : batches.front().time_ms;
  for (const auto& batch : batches) {
    auto due = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double, std::milli>(
                               static_cast<double>(batch.time_ms - first) / options.speed));
    std::this_thread::sleep_until(due);
    json state = json::array();
    json config = json::array();
    for (const auto& change : batch.changes) {
      std::string text = change.value("deleted", false) ? change.at("path").get<std::string>()
                                                        : changeLine(change);
      if (change.value("config", false)) {
        config.push_back((change.value("deleted", false) ? "delete / " : "set / ") + text);
      } else {
        state.push_back((change.value("deleted", false) ? "state delete " : "state set ") + text);
      }
    }
    if (!config.empty()) {
      config.push_back("commit now");
    }
    for (const auto& commands : {state, config}) {
      if (!commands.empty()) {
        call(client, "cli", {{"commands", commands}});
      }
    }
  }
  std::cerr << "replayed " << batches.size() << " change batches\n";
  return kExitOk;
}

int runReplay(const ReplayOptions& options) {
  if (options.speed <= 0) {
    throw Error(ErrorKind::kInvalidArgument, "--speed must be above 0, e.g. 10 for ten times");
  }
  auto batches = readRecording(options.file);
  return options.virtual_time ? replayVirtual(options, batches) : replayLive(options, batches);
}

}  // namespace

void addRecordCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<RecordOptions>();
  auto* command = app.add_subcommand(
      "record", "Write the change stream of a running daemon to a JSON-lines file");
  command->add_option("--output,-o", options->output, "File to write, one change batch a line")
      ->required();
  command->add_option("--address", options->address,
                      "Daemon address HOST:PORT (default: $EVENTMGR_ADDRESS, else 127.0.0.1:8090)");
  command->add_option("--duration", options->duration_s,
                      "Stop after this many seconds (default: until Ctrl-C)");
  command->add_flag("--include-own", options->include_own,
                    "Also record changes caused by event-handler actions and state");
  command->callback([options, &action] { action = [options] { return runRecord(*options); }; });
}

void addReplayCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<ReplayOptions>();
  auto* command = app.add_subcommand(
      "replay",
      "Feed a recording into a running daemon, or into an offline node on a virtual clock");
  command->add_option("file", options->file, "Recording written by eventmgr record")->required();
  command->add_option("--address", options->address,
                      "Daemon address HOST:PORT (default: $EVENTMGR_ADDRESS, else 127.0.0.1:8090)");
  command
      ->add_option("--speed", options->speed,
                   "Replay this many times faster than recorded (1: original timing)")
      ->capture_default_str();
  command->add_flag("--virtual", options->virtual_time,
                    "Replay offline on a virtual clock instead of into a daemon");
  command->add_option("--config", options->config_file,
                      "With --virtual: the node's configuration (flat, brace or JSON)");
  command->add_option("--script-dir", options->script_dirs,
                      "With --virtual: folder of the scripts (repeatable)");
  command->callback([options, &action] { action = [options] { return runReplay(*options); }; });
}

}  // namespace eventmgr::cli
