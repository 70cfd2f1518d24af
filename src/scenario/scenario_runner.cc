#include "scenario/scenario_runner.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>

#include "common/error.h"
#include "common/virtual_clock.h"
#include "datastore/cli_text.h"
#include "datastore/local_datastore.h"
#include "engine/engine.h"
#include "engine/execution/manual_executor.h"
#include "engine/store/sqlite_execution_store.h"
#include "path/parser.h"
#include "targets/local/local_target.h"

namespace eventmgr::scenario {
namespace {

namespace fs = std::filesystem;

// Rounds of delivering changes and running executions allowed at one point in time; more means
// instances keep triggering each other without end.
constexpr int kMaxSettleRounds = 10000;

std::string formatTime(std::chrono::milliseconds time) {
  return fmt::format("{}.{:03}s", time.count() / 1000, time.count() % 1000);
}

std::string valueText(const datastore::LeafValue& value) {
  return datastore::describeValue(value);
}

// Renders a leaf value as JSON for comparison with an expectation.
nlohmann::json valueJson(const datastore::LeafValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    return *text;
  }
  return std::get<std::vector<std::string>>(value);
}

// Expected values are compared as text, so `mtu: 1500` matches the leaf's "1500".
bool sameValue(const nlohmann::json& expected, const nlohmann::json& actual) {
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!sameValue(expected[i], actual[i])) {
        return false;
      }
    }
    return true;
  }
  auto text = [](const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
  };
  return text(expected) == text(actual);
}

class Run {
 public:
  Run(const Scenario& scenario, runtime::ScriptRunner& runner, const RunnerOptions& options,
      std::ostream& out)
      : scenario_(scenario), runner_(runner), options_(options), out_(out) {}

  ScenarioResult run() {
    result_.name = scenario_.name;
    result_.file = scenario_.file.string();
    auto wall_start = std::chrono::steady_clock::now();
    out_ << "Scenario " << scenario_.name << " (" << scenario_.file.string() << ")\n";
    try {
      setUp();
      for (const auto& step : scenario_.steps) {
        runStep(step);
      }
    } catch (const Error& error) {
      fail(std::string("scenario stopped: ") + error.what());
    }
    if (engine_) {
      engine_->stop();
    }
    result_.wall_time = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - wall_start);
    result_.virtual_time = elapsed();
    out_ << (result_.passed ? "PASS " : "FAIL ") << scenario_.name << " ("
         << formatTime(result_.virtual_time) << " of virtual time in "
         << result_.wall_time.count() / 1000 << " ms)\n\n";
    tearDown();
    return result_;
  }

 private:
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - start_);
  }

  void fail(const std::string& message) {
    result_.passed = false;
    result_.failures.push_back(message);
    out_ << "  FAILED: " << message << "\n";
  }

  void setUp() {
    static std::atomic<int> counter{0};
    directory_ = fs::temp_directory_path() / ("eventmgr-scenario-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
    fs::create_directories(directory_);
    start_ = clock_.now();

    datastore::LocalDatastoreOptions datastore_options;
    datastore_options.data_dir = directory_;
    datastore_options.clock = &clock_;
    datastore_ =
        std::make_unique<datastore::LocalDatastore>(schema::Schema::builtin(), datastore_options);
    if (!scenario_.config.empty()) {
      datastore_->replaceConfig(scenario_.config, datastore::ConfigFormat::kAuto);
    }
    for (const auto& change : scenario_.initial_state) {
      apply(change);
    }
    target_ = std::make_unique<targets::LocalTarget>("scenario", *datastore_);
    store_ = std::make_unique<engine::SqliteExecutionStore>(directory_ / "eventmgr.db");
    engine::EngineOptions engine_options;
    for (const auto& folder : scenario_.script_dirs) {
      engine_options.script_dirs.push_back(fs::absolute(folder));
    }
    engine_options.virtual_script_time = true;
    engine_options.run_scripts = options_.allow_run_script;
    // Executions wait in the manual executor, so stopping must not wait for them.
    engine_options.stop_timeout = std::chrono::milliseconds(0);
    engine_ = std::make_unique<engine::Engine>(engine_options, *datastore_, *target_, runner_,
                                               *store_, clock_, executor_);
    out_ << "  at " << formatTime(elapsed()) << ": node started\n";
    engine_->start();
    settle();
  }

  void tearDown() {
    engine_.reset();
    store_.reset();
    target_.reset();
    datastore_.reset();
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
  }

  // Delivers every pending change and runs every queued execution, repeatedly, until nothing
  // is left at the current virtual time. Prints the executions that ran.
  void settle() {
    for (int round = 0; round < kMaxSettleRounds; ++round) {
      datastore_->waitForDelivery(datastore_->lastSequence());
      if (executor_.empty()) {
        // Waiting once more catches batches that the last deliveries caused.
        auto sequence = datastore_->lastSequence();
        datastore_->waitForDelivery(sequence);
        if (executor_.empty() && sequence == datastore_->lastSequence()) {
          printExecutions();
          return;
        }
      }
      executor_.runAll(1);
    }
    printExecutions();
    throw Error(ErrorKind::kInvalidArgument,
                "the node did not settle at " + formatTime(elapsed()) + " after " +
                    std::to_string(kMaxSettleRounds) +
                    " rounds: instances keep triggering each other or themselves");
  }

  void printExecutions() {
    for (const auto& name : engine_->instanceNames()) {
      auto records = store_->executions(name, 1000);
      std::int64_t& seen = printed_[name];
      for (auto it = records.rbegin(); it != records.rend(); ++it) {
        if (it->id <= seen) {
          continue;
        }
        seen = it->id;
        out_ << "    " << name << " ran (" << it->trigger;
        if (!it->changed_paths.empty()) {
          out_ << ": " << it->changed_paths.front();
          if (it->changed_paths.size() > 1) {
            out_ << " and " << it->changed_paths.size() - 1 << " more";
          }
        }
        out_ << ")";
        if (it->oper_down_reason) {
          out_ << " -> " << *it->oper_down_reason << ": " << it->oper_down_reason_detail;
        }
        out_ << "\n";
        for (const auto& action : it->actions) {
          out_ << "      " << action.action << " " << action.target
               << (action.value.empty() ? "" : " = " + action.value) << "  ["
               << engine::actionResultName(action.result) << "]\n";
        }
      }
    }
  }

  // Advances the virtual clock to TARGET, letting every timer on the way fire at its own time
  // and the node settle after each.
  void advanceTo(std::chrono::milliseconds target) {
    auto until = start_ + target;
    // Timers that keep re-arming at the same instant (reinvoke-with-delay 0) would never let
    // time move on, so the rounds at one instant are bounded like settle().
    int rounds_at_instant = 0;
    std::optional<Clock::TimePoint> instant;
    while (true) {
      auto next = clock_.nextTimer();
      if (!next || *next > until) {
        break;
      }
      rounds_at_instant = instant == next ? rounds_at_instant + 1 : 0;
      instant = next;
      if (rounds_at_instant >= kMaxSettleRounds) {
        throw Error(ErrorKind::kInvalidArgument,
                    "the node did not settle at " + formatTime(elapsed()) + ": timers fired " +
                        std::to_string(kMaxSettleRounds) +
                        " times without time moving on (a reinvoke-with-delay of 0 that "
                        "always re-arms?)");
      }
      clock_.advanceTo(*next);
      out_ << "  at " << formatTime(elapsed()) << ": timers due\n";
      settle();
    }
    clock_.advanceTo(until);
    settle();
  }

  void apply(const StepChange& change) {
    const auto& schema = datastore_->schema();
    auto set = [&](const std::string& text) {
      auto parsed = path::parsePathWithValue(schema, text);
      return datastore::Operation::set(parsed.path,
                                       datastore::valueFromTokens(parsed.value, text.size()));
    };
    auto remove = [&](const std::string& text) {
      return datastore::Operation::remove(path::parseConcretePath(schema, text));
    };
    try {
      switch (change.kind) {
        case StepChange::Kind::kStateSet:
          datastore_->writeState({set(change.text)});
          break;
        case StepChange::Kind::kStateDelete:
          datastore_->writeState({remove(change.text)});
          break;
        case StepChange::Kind::kConfigSet:
          datastore_->commit({set(change.text)});
          break;
        case StepChange::Kind::kConfigDelete:
          datastore_->commit({remove(change.text)});
          break;
        case StepChange::Kind::kTools: {
          datastore_->tools().run(change.text, "");
          break;
        }
      }
    } catch (const Error& error) {
      throw Error(error.kind(), scenario_.file.string() + ":" + std::to_string(change.line) +
                                    ": \"" + change.text + "\" failed: " + error.what());
    }
  }

  void runStep(const Step& step) {
    advanceTo(step.at);
    static const char* kNames[] = {"state set", "state delete", "config set", "config delete",
                                   "tools"};
    for (const auto& change : step.changes) {
      out_ << "  at " << formatTime(elapsed()) << ": " << kNames[static_cast<int>(change.kind)]
           << " " << change.text << "\n";
      apply(change);
      settle();
    }
    if (!step.expect.empty()) {
      check(step);
    }
    // Actions are expected "since the previous step", so every step moves the mark.
    for (const auto& name : engine_->instanceNames()) {
      auto records = store_->executions(name, 1);
      if (!records.empty()) {
        checked_[name] = records.front().id;
      }
    }
  }

  std::string where(const Step& step) const {
    return "step at " + formatTime(step.at) + " (line " + std::to_string(step.line) + ")";
  }

  void check(const Step& step) {
    const auto& expect = step.expect;
    std::size_t failures_before = result_.failures.size();
    for (const auto& [instance, expected] : expect.actions) {
      checkActions(step, instance, expected, expect.actions_subset);
    }
    for (const auto& [path_text, expected] : expect.state) {
      std::optional<datastore::LeafValue> actual;
      try {
        actual = datastore_->getValue(path::parseConcretePath(datastore_->schema(), path_text));
      } catch (const Error& error) {
        fail(where(step) + ": state " + path_text + ": " + error.what());
        continue;
      }
      if (!expected && actual) {
        fail(where(step) + ": state " + path_text + ": expected absent, actual " +
             valueText(*actual));
      } else if (expected && !actual) {
        fail(where(step) + ": state " + path_text + ": expected " + expected->dump() +
             ", actual absent");
      } else if (expected && !sameValue(*expected, valueJson(*actual))) {
        fail(where(step) + ": state " + path_text + ": expected " + expected->dump() + ", actual " +
             valueJson(*actual).dump());
      }
    }
    for (const auto& [instance, expected] : expect.oper_state) {
      auto status = engine_->status(instance);
      std::string actual = status ? status->oper_state : "<no such instance>";
      if (actual != expected) {
        fail(where(step) + ": oper-state of " + instance + ": expected " + expected + ", actual " +
             actual);
      }
    }
    for (const auto& [instance, expected] : expect.reason) {
      auto status = engine_->status(instance);
      std::string actual = "<no such instance>";
      if (status) {
        if (status->oper_down_reason) {
          actual = *status->oper_down_reason;
        } else if (status->last_execution && status->last_execution->oper_down_reason) {
          actual = *status->last_execution->oper_down_reason;
        } else {
          actual = "none";
        }
      }
      if (actual != expected) {
        fail(where(step) + ": reason of " + instance + ": expected " + expected + ", actual " +
             actual);
      }
    }
    for (const auto& [instance, expected] : expect.persistent_data) {
      auto stored = store_->persistentData(instance);
      nlohmann::json actual = stored ? nlohmann::json::parse(*stored) : nlohmann::json(nullptr);
      if (actual != expected) {
        fail(where(step) + ": persistent-data of " + instance + ": expected " + expected.dump() +
             ", actual " + actual.dump());
      }
    }
    for (const auto& [instance, expected] : expect.executions) {
      auto status = engine_->status(instance);
      std::uint64_t actual = status ? status->statistics.execution_count : 0;
      if (actual != expected) {
        fail(where(step) + ": executions of " + instance + ": expected " +
             std::to_string(expected) + ", actual " + std::to_string(actual));
      }
    }
    if (result_.failures.size() == failures_before) {
      out_ << "  at " << formatTime(elapsed()) << ": expectations of line " << expect.line
           << " met\n";
    }
  }

  // Returns the actions INSTANCE executed (or recorded in dry-run) since the previous step.
  std::vector<engine::ActionRecord> executedSince(const std::string& instance) {
    std::vector<engine::ActionRecord> actions;
    auto records = store_->executions(instance, 100000);
    std::int64_t mark = checked_[instance];
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
      if (it->id <= mark) {
        continue;
      }
      for (const auto& action : it->actions) {
        if (action.result == engine::ActionResult::kExecuted ||
            action.result == engine::ActionResult::kDryRun) {
          actions.push_back(action);
        }
      }
    }
    return actions;
  }

  std::string normalisePath(const std::string& text, bool tools) {
    try {
      return path::parseConcretePath(datastore_->schema(), text,
                                     tools ? schema::Tree::kTools : schema::Tree::kData)
          .toCli();
    } catch (const Error&) {
      return text;
    }
  }

  bool matches(const ExpectedAction& expected, const engine::ActionRecord& actual) {
    if (expected.name != actual.action) {
      return false;
    }
    if (expected.name == "reinvoke-with-delay") {
      return sameValue(expected.params, actual.target);
    }
    if (!expected.params.is_object()) {
      return false;
    }
    if (expected.name == "run-script") {
      return expected.params.value("cmdline", "") == actual.target;
    }
    bool tools = expected.name == "set-tools-path";
    if (normalisePath(expected.params.value("path", ""), tools) !=
        normalisePath(actual.target, tools)) {
      return false;
    }
    if (expected.params.contains("value")) {
      return sameValue(expected.params["value"], actual.value);
    }
    if (expected.params.contains("json-value")) {
      try {
        return expected.params["json-value"] == nlohmann::json::parse(actual.value);
      } catch (const nlohmann::json::exception&) {
        return false;
      }
    }
    return true;
  }

  static std::string describe(const engine::ActionRecord& action) {
    return action.action + " " + action.target + (action.value.empty() ? "" : " = " + action.value);
  }

  static std::string describe(const ExpectedAction& action) {
    return action.name + " " + action.params.dump();
  }

  void checkActions(const Step& step, const std::string& instance,
                    const std::vector<ExpectedAction>& expected, bool subset) {
    auto actual = executedSince(instance);
    std::size_t position = 0;
    bool ok = true;
    if (subset) {
      for (const auto& wanted : expected) {
        while (position < actual.size() && !matches(wanted, actual[position])) {
          ++position;
        }
        if (position == actual.size()) {
          ok = false;
          break;
        }
        ++position;
      }
    } else {
      ok = expected.size() == actual.size();
      for (std::size_t i = 0; ok && i < expected.size(); ++i) {
        ok = matches(expected[i], actual[i]);
      }
    }
    if (ok) {
      return;
    }
    std::string message = where(step) + ": actions of " + instance + " (" +
                          (subset ? "subset" : "exact") + ") differ.\n      expected:";
    for (const auto& action : expected) {
      message += "\n        " + describe(action);
    }
    if (expected.empty()) {
      message += " none";
    }
    message += "\n      actual:";
    for (const auto& action : actual) {
      message += "\n        " + describe(action);
    }
    if (actual.empty()) {
      message += " none";
    }
    fail(message);
  }

  const Scenario& scenario_;
  runtime::ScriptRunner& runner_;
  RunnerOptions options_;
  std::ostream& out_;
  ScenarioResult result_;

  VirtualClock clock_;
  Clock::TimePoint start_;
  engine::ManualExecutor executor_;
  fs::path directory_;
  std::unique_ptr<datastore::LocalDatastore> datastore_;
  std::unique_ptr<targets::LocalTarget> target_;
  std::unique_ptr<engine::SqliteExecutionStore> store_;
  std::unique_ptr<engine::Engine> engine_;
  std::map<std::string, std::int64_t> printed_;
  std::map<std::string, std::int64_t> checked_;
};

}  // namespace

ScenarioResult runScenario(const Scenario& scenario, runtime::ScriptRunner& runner,
                           const RunnerOptions& options, std::ostream& out) {
  return Run(scenario, runner, options, out).run();
}

}  // namespace eventmgr::scenario
