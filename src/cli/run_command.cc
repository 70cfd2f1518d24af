// `eventmgr run`: the daemon. Wires the datastore, the runtime pool, the execution store, the
// engine and the JSON-RPC server together, then waits for SIGINT or SIGTERM.

#include <signal.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "common/error.h"
#include "common/real_clock.h"
#include "datastore/local_datastore.h"
#include "engine/engine.h"
#include "engine/execution/thread_pool.h"
#include "engine/store/sqlite_execution_store.h"
#include "runtime/host_pool.h"
#include "schema/schema.h"
#include "servers/gnmi/gnmi_server.h"
#include "servers/http/http_server.h"
#include "servers/jsonrpc/jsonrpc_handler.h"
#include "servers/metrics/metrics_registry.h"
#include "servers/status/status_page.h"
#include "targets/local/local_target.h"

namespace eventmgr::cli {
namespace {

// SR Linux's script folders, used when they exist and no --script-dir is given.
constexpr const char* kSrlUserScriptDir = "/etc/opt/srlinux/eventmgr";
constexpr const char* kSrlSystemScriptDir = "/opt/srlinux/eventmgr";

struct RunOptions {
  std::string config_file;
  std::string data_dir = "eventmgr-data";
  std::string script_dir;
  std::string system_script_dir;
  std::string listen = servers::kDefaultListenAddress;
  std::vector<std::string> yang_dirs;
  std::size_t max_instances = 20;
  std::size_t max_paths = 36;
  std::size_t workers = 0;
  std::string username;
  servers::gnmi::GnmiServerOptions gnmi;
};

std::string readFile(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    throw Error(ErrorKind::kNotFound,
                "cannot read config file " + file.string() + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::vector<std::filesystem::path> scriptDirs(const RunOptions& options) {
  std::vector<std::filesystem::path> dirs;
  auto add = [&](const std::string& given, const char* fallback) {
    if (!given.empty()) {
      if (!std::filesystem::is_directory(given)) {
        throw Error(ErrorKind::kInvalidArgument,
                    "script folder " + given + " does not exist or is not a folder");
      }
      dirs.emplace_back(std::filesystem::absolute(given));
    } else if (std::filesystem::is_directory(fallback)) {
      dirs.emplace_back(fallback);
    }
  };
  add(options.script_dir, kSrlUserScriptDir);
  add(options.system_script_dir, kSrlSystemScriptDir);
  if (dirs.empty()) {
    spdlog::warn("no script folder given and {} does not exist; scripts are looked up in {}",
                 kSrlUserScriptDir, std::filesystem::current_path().string());
    dirs.push_back(std::filesystem::current_path());
  }
  return dirs;
}

// Returns the daemon-wide gauges of /metrics. GNMI may be null, or become non-null later.
std::vector<servers::metrics::Gauge> daemonGauges(
    const engine::Engine& engine, const runtime::HostPool& runner, std::size_t workers,
    const std::unique_ptr<servers::gnmi::GnmiServer>& gnmi) {
  auto gnmiValue = [&gnmi](auto read) {
    return [&gnmi, read] { return gnmi ? static_cast<double>(read(gnmi->statistics())) : 0.0; };
  };
  using Statistics = servers::gnmi::GnmiStatistics;
  return {
      {"eventmgr_busy_executions", "Executions running or queued in the executor.", "gauge",
       [&engine] { return static_cast<double>(engine.busyExecutions()); }},
      {"eventmgr_runtime_pool_size", "Script host processes that may run at once.", "gauge",
       [workers] { return static_cast<double>(workers); }},
      {"eventmgr_runtime_hosts_started_total",
       "Script host processes started, replacements "
       "included.",
       "counter", [&runner] { return static_cast<double>(runner.hostsStarted()); }},
      {"eventmgr_gnmi_subscriptions", "Open gNMI Subscribe streams.", "gauge",
       gnmiValue([](const Statistics& s) { return s.active_subscriptions.load(); })},
      {"eventmgr_gnmi_rpcs_total", "gNMI RPCs received.", "counter",
       gnmiValue([](const Statistics& s) { return s.rpcs_total.load(); })},
      {"eventmgr_gnmi_rpc_errors_total", "gNMI RPCs that ended with an error.", "counter",
       gnmiValue([](const Statistics& s) { return s.rpc_errors_total.load(); })},
      {"eventmgr_gnmi_coalesced_updates_total",
       "Leaf changes replaced by a newer change before a slow gNMI client read them.", "counter",
       gnmiValue([](const Statistics& s) { return s.coalesced_updates_total.load(); })},
      {"eventmgr_gnmi_dropped_samples_total",
       "SAMPLE and heartbeat messages dropped because a stream's queue was full.", "counter",
       gnmiValue([](const Statistics& s) { return s.dropped_samples_total.load(); })},
  };
}

// Starts the gNMI server unless its address is "off". The server shares the HTTP credentials.
// When the default address is taken by another daemon on this host, the daemon runs without
// gNMI and logs an error. An address given on the command line that cannot be bound throws.
std::unique_ptr<servers::gnmi::GnmiServer> startGnmi(const RunOptions& options,
                                                     const servers::HttpServerOptions& http,
                                                     datastore::Datastore& datastore) {
  if (options.gnmi.listen == "off") {
    return nullptr;
  }
  servers::gnmi::GnmiServerOptions gnmi = options.gnmi;
  gnmi.service.username = http.username;
  gnmi.service.password = http.password;
  try {
    return std::make_unique<servers::gnmi::GnmiServer>(datastore, gnmi);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kUnavailable ||
        gnmi.listen != servers::gnmi::kDefaultGnmiListenAddress) {
      throw;
    }
    spdlog::error("gNMI server not started: {}; give another --gnmi-listen address", error.what());
    return nullptr;
  }
}

int runDaemon(const RunOptions& options) {
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto [host, port] = servers::parseListenAddress(options.listen);
  std::filesystem::create_directories(options.data_dir);
  auto data_dir = std::filesystem::absolute(options.data_dir);
  auto dirs = scriptDirs(options);

  schema::SchemaOptions schema_options;
  for (const auto& dir : options.yang_dirs) {
    schema_options.yang_dirs.emplace_back(dir);
  }
  auto schema = std::make_shared<const schema::Schema>(schema_options);

  RealClock clock;
  datastore::LocalDatastoreOptions datastore_options;
  datastore_options.data_dir = data_dir;
  datastore::LocalDatastore datastore(schema, datastore_options);
  if (!options.config_file.empty()) {
    std::string config_text = readFile(options.config_file);
    try {
      datastore.replaceConfig(config_text, datastore::ConfigFormat::kAuto);
    } catch (const Error& error) {
      throw Error(error.kind(), options.config_file + ": " + error.what());
    }
    spdlog::info("configuration loaded from {}", options.config_file);
  }
  targets::LocalTarget target("local", datastore);

  std::size_t workers = options.workers != 0
                            ? options.workers
                            : std::max<std::size_t>(2, std::thread::hardware_concurrency());
  runtime::HostPoolOptions pool_options;
  pool_options.max_hosts = workers;
  runtime::HostPool runner(pool_options);
  engine::SqliteExecutionStore store(data_dir / "eventmgr.db");
  engine::ThreadPool executor(workers);

  engine::EngineOptions engine_options;
  engine_options.script_dirs = dirs;
  engine_options.max_instances = options.max_instances;
  engine_options.max_paths = options.max_paths;
  engine::Engine engine(engine_options, datastore, target, runner, store, clock, executor);

  servers::ChangeJournal journal(datastore);
  servers::JsonRpcHandler json_rpc(datastore);
  json_rpc.enableJournal(journal,
                         [&engine](std::uint64_t sequence) { return engine.originOf(sequence); });
  servers::HttpServerOptions http_options;
  http_options.host = host;
  http_options.port = port;
  if (!options.username.empty()) {
    const char* password = std::getenv("EVENTMGR_PASSWORD");
    if (password == nullptr || *password == '\0') {
      throw Error(ErrorKind::kInvalidArgument,
                  "--username needs the password in the environment variable EVENTMGR_PASSWORD");
    }
    http_options.username = options.username;
    http_options.password = password;
  }
  // The gNMI server starts after the HTTP server, so its counters are read through a pointer.
  std::unique_ptr<servers::gnmi::GnmiServer> gnmi;
  servers::metrics::MetricsRegistry metrics(engine, datastore,
                                            daemonGauges(engine, runner, workers, gnmi));
  http_options.get_routes.push_back({"/metrics", "text/plain; version=0.0.4; charset=utf-8",
                                     [&metrics] { return metrics.render(); }});
  http_options.get_routes.push_back({"/", "text/html; charset=utf-8", [] {
                                       return std::string(servers::status::statusPageHtml());
                                     }});
  servers::HttpServer http(http_options,
                           [&json_rpc](const std::string& body) { return json_rpc.handle(body); });
  gnmi = startGnmi(options, http_options, datastore);

  spdlog::info("eventmgr started: data folder {}, script folders {}, {} workers", data_dir.string(),
               dirs.front().string(), workers);
  engine.start();

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("received {}, stopping", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  http.stop();
  if (gnmi) {
    gnmi->stop();
  }
  engine.stop();
  if (engine.busyExecutions() > 0) {
    // The stop bound has passed. Every finished execution is already in SQLite (WAL), so leaving
    // now loses only the executions still running, as a kill -9 would. A script host that is
    // still inside a script ends when the script returns and it reads its closed request pipe.
    spdlog::warn("eventmgr stopped with {} executions still running", engine.busyExecutions());
    spdlog::default_logger()->flush();
    std::_Exit(kExitOk);
  }
  spdlog::info("eventmgr stopped");
  return kExitOk;
}

}  // namespace

void addRunCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<RunOptions>();
  auto* command = app.add_subcommand(
      "run", "Run the daemon: a simulated node whose event-handler instances run their scripts");
  command->add_option("--config", options->config_file,
                      "Configuration to load at start (SR Linux JSON, flat or brace format); "
                      "without it the saved startup configuration of the data folder is used");
  command
      ->add_option("--data-dir", options->data_dir,
                   "Folder of the startup configuration, persistent-data and history")
      ->capture_default_str();
  command->add_option("--script-dir", options->script_dir,
                      "Folder of the user scripts (default /etc/opt/srlinux/eventmgr if present)");
  command->add_option("--system-script-dir", options->system_script_dir,
                      "Folder searched after the user folder (default /opt/srlinux/eventmgr if "
                      "present)");
  command->add_option("--listen", options->listen, "Address of the JSON-RPC server, HOST:PORT")
      ->capture_default_str();
  command->add_option("--yang-dir", options->yang_dirs,
                      "Folder with further or replacement YANG modules (repeatable)");
  command
      ->add_option("--max-instances", options->max_instances,
                   "Largest number of event-handler instances (SR Linux allows 20)")
      ->capture_default_str();
  command
      ->add_option("--max-paths", options->max_paths,
                   "Largest number of paths per instance (SR Linux allows 36)")
      ->capture_default_str();
  // Each worker is a thread and a MicroPython process, so the count is bounded.
  command
      ->add_option("--workers", options->workers,
                   "Executions that run in parallel, 1..256 (default: the number of cores, at "
                   "least 2)")
      ->check(CLI::Range(1, 256));
  command->add_option("--username", options->username,
                      "Require HTTP basic authentication with this user; the password comes from "
                      "the environment variable EVENTMGR_PASSWORD");
  command
      ->add_option("--gnmi-listen", options->gnmi.listen,
                   "Address of the gNMI server, HOST:PORT, or \"off\"")
      ->capture_default_str();
  command->add_option("--gnmi-tls-cert", options->gnmi.tls_certificate_file,
                      "PEM file of the gNMI server certificate (with --gnmi-tls-key)");
  command->add_option("--gnmi-tls-key", options->gnmi.tls_key_file,
                      "PEM file of the gNMI server's private key");
  command->add_option("--gnmi-tls-client-ca", options->gnmi.tls_client_ca_file,
                      "PEM file of CA certificates; gNMI clients must then present a certificate");
  command->add_flag("--gnmi-insecure", options->gnmi.allow_insecure,
                    "Allow gNMI without TLS on a non-loopback address");
  command->callback([options, &action] { action = [options] { return runDaemon(*options); }; });
}

}  // namespace eventmgr::cli
