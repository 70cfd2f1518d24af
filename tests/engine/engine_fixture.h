#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/real_clock.h"
#include "datastore/cli_text.h"
#include "datastore/local_datastore.h"
#include "engine/engine.h"
#include "engine/execution/thread_pool.h"
#include "engine/store/sqlite_execution_store.h"
#include "path/parser.h"
#include "runtime/host_pool.h"
#include "schema/schema.h"
#include "targets/local/local_target.h"

namespace eventmgr::engine::testing {

//! A whole event handler on the simulated node, with real scripts run by real MicroPython host
//! processes: the common setup of the conformance cases (interfaces ethernet-1/1, -1/2, -1/49
//! and -1/50 enabled).
class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("eventmgr-engine-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_ / "scripts");
    std::filesystem::create_directories(directory_ / "data");
    schema_ = schema::Schema::builtin();
    runtime::HostPoolOptions pool_options;
    pool_options.host_executable = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";
    pool_options.max_hosts = 2;
    runner_ = std::make_unique<runtime::HostPool>(pool_options);
    openNode();
    commitLines({"interface ethernet-1/1 admin-state enable",
                 "interface ethernet-1/2 admin-state enable",
                 "interface ethernet-1/49 admin-state enable",
                 "interface ethernet-1/50 admin-state enable"});
  }

  void TearDown() override {
    closeNode();
    runner_.reset();
    std::filesystem::remove_all(directory_);
  }

  //! Creates the datastore, store and engine on the data folder and starts the engine.
  void openNode() {
    datastore::LocalDatastoreOptions options;
    options.data_dir = directory_ / "data";
    datastore_ = std::make_unique<datastore::LocalDatastore>(schema_, options);
    target_ = std::make_unique<targets::LocalTarget>("local", *datastore_);
    store_ = std::make_unique<SqliteExecutionStore>(directory_ / "data" / "eventmgr.db");
    pool_ = std::make_unique<ThreadPool>(2);
    EngineOptions engine_options;
    engine_options.script_dirs = {directory_ / "scripts"};
    engine_options.loop_budget = loop_budget_;
    engine_ = std::make_unique<Engine>(engine_options, *datastore_, *target_, *runner_, *store_,
                                       clock_, *pool_);
    engine_->start();
  }

  //! Stops the engine and drops everything but the files, as a daemon exit does.
  void closeNode() {
    if (engine_) {
      engine_->stop();
    }
    pool_.reset();
    engine_.reset();
    store_.reset();
    target_.reset();
    datastore_.reset();
  }

  void writeScript(const std::string& name, const std::string& text) {
    std::ofstream file(directory_ / "scripts" / name);
    file << text;
  }

  //! Writes a script whose event_handler_main returns OUTPUT_EXPRESSION (Python).
  void writeReturning(const std::string& name, const std::string& output_expression) {
    writeScript(name, "import json\n\ndef event_handler_main(in_json_str):\n    return " +
                          output_expression + "\n");
  }

  datastore::Operation setOperation(const std::string& line) {
    auto parsed = path::parsePathWithValue(*schema_, line);
    return datastore::Operation::set(parsed.path,
                                     datastore::valueFromTokens(parsed.value, line.size()));
  }

  std::uint64_t commitLines(const std::vector<std::string>& lines) {
    std::vector<datastore::Operation> operations;
    for (const auto& line : lines) {
      operations.push_back(setOperation(line));
    }
    return datastore_->commit(operations);
  }

  std::uint64_t deletePath(const std::string& text) {
    return datastore_->commit(
        {datastore::Operation::remove(path::parseConcretePath(*schema_, text))});
  }

  std::uint64_t setState(const std::string& line) {
    return datastore_->writeState({setOperation(line)});
  }

  std::uint64_t deleteState(const std::string& text) {
    return datastore_->writeState(
        {datastore::Operation::remove(path::parseConcretePath(*schema_, text))});
  }

  //! Configures instance NAME with SCRIPT, PATHS and extra config lines below the instance.
  void addInstance(const std::string& name, const std::string& script,
                   const std::vector<std::string>& paths, std::vector<std::string> extra = {},
                   bool enabled = true) {
    std::string prefix = "system event-handler instance " + path::quoteValue(name) + " ";
    std::vector<std::string> lines = {prefix + "upython-script " + script};
    if (!paths.empty()) {
      std::string list = prefix + "paths [";
      for (const auto& item : paths) {
        list += " " + path::quoteValue(item);
      }
      lines.push_back(list + " ]");
    }
    for (const auto& line : extra) {
      lines.push_back(prefix + line);
    }
    lines.push_back(prefix + "admin-state " + (enabled ? "enable" : "disable"));
    commitLines(lines);
  }

  std::optional<datastore::LeafValue> value(const std::string& text) {
    return datastore_->getValue(path::parseConcretePath(*schema_, text));
  }

  std::string stringValue(const std::string& text) {
    auto found = value(text);
    if (!found) {
      return "<absent>";
    }
    if (const auto* item = std::get_if<std::string>(&*found)) {
      return *item;
    }
    return "<leaf-list>";
  }

  //! Waits until PREDICATE holds, for at most TIMEOUT. Returns whether it held.
  bool waitFor(const std::function<bool()>& predicate,
               std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (predicate()) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return predicate();
  }

  std::uint64_t executions(const std::string& name) {
    auto status = engine_->status(name);
    return status ? status->statistics.execution_count : 0;
  }

  //! Waits until instance NAME has run COUNT times and the engine is idle.
  bool waitForExecutions(const std::string& name, std::uint64_t count) {
    return waitFor([&] { return executions(name) >= count && engine_->idle(); });
  }

  InstanceStatus status(const std::string& name) {
    auto found = engine_->status(name);
    EXPECT_TRUE(found.has_value()) << "instance " << name << " not found";
    return found.value_or(InstanceStatus{});
  }

  std::string lastInput(const std::string& name) {
    auto found = status(name).last_execution;
    return found ? found->input : "<none>";
  }

  std::filesystem::path directory_;
  std::shared_ptr<const schema::Schema> schema_;
  std::unique_ptr<runtime::HostPool> runner_;
  RealClock clock_;
  std::unique_ptr<datastore::LocalDatastore> datastore_;
  std::unique_ptr<targets::LocalTarget> target_;
  std::unique_ptr<SqliteExecutionStore> store_;
  std::unique_ptr<ThreadPool> pool_;
  std::unique_ptr<Engine> engine_;
  std::size_t loop_budget_ = 100;
};

}  // namespace eventmgr::engine::testing
