// eventmgr test SCRIPT --input FILE: runs one execution of a script without a daemon and prints
// the classification, the output, the parsed actions, the printed text and the duration.

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/scenario_mode.h"
#include "common/error.h"
#include "runtime/host_pool.h"
#include "runtime/output.h"

namespace eventmgr::cli {
namespace {

struct TestOptions {
  std::vector<std::string> files;  // one script, or scenario files
  std::string junit_file;
  bool allow_run_script = false;
  std::string script;
  std::string input_file;
  std::vector<std::string> script_dirs;
  bool json = false;
  std::size_t heap_bytes = runtime::kDefaultHeapBytes;
  std::int64_t timeout_ms = runtime::kDefaultTimeout.count();
  std::string host_executable;
};

std::string readInput(const std::string& file) {
  if (file == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    throw Error(ErrorKind::kInvalidArgument, "cannot read the input file " + file);
  }
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

// Drops one trailing newline that editors and shells add, so that a file holding the JSON
// input passes exactly the JSON text to the script.
void trimFinalNewline(std::string& text) {
  if (!text.empty() && text.back() == '\n') {
    text.pop_back();
    if (!text.empty() && text.back() == '\r') {
      text.pop_back();
    }
  }
}

// Writes TEXT indented by two spaces, one line at a time.
void printIndented(std::ostream& out, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    out << "  " << line << '\n';
  }
}

int runTest(const TestOptions& options) {
  std::filesystem::path script(options.script);
  runtime::ExecutionRequest request;
  request.script_name = script.filename().string();
  if (options.script_dirs.empty()) {
    request.script_dirs.push_back(script.has_parent_path() ? script.parent_path()
                                                           : std::filesystem::path("."));
  } else {
    request.script_dirs.assign(options.script_dirs.begin(), options.script_dirs.end());
  }
  request.input = readInput(options.input_file);
  trimFinalNewline(request.input);
  request.heap_bytes = options.heap_bytes;
  request.timeout = std::chrono::milliseconds(options.timeout_ms);

  runtime::HostPoolOptions pool_options;
  pool_options.max_hosts = 1;
  if (!options.host_executable.empty()) {
    pool_options.host_executable = options.host_executable;
  }
  runtime::HostPool pool(pool_options);
  runtime::ExecutionResult result = pool.execute(request);

  // A returned string that is not a valid output is a script-error too.
  std::optional<runtime::ScriptOutput> parsed;
  if (result.status == runtime::ExecutionStatus::kSuccess) {
    runtime::OutputParseResult parse = runtime::parseOutput(result.output);
    if (parse.ok()) {
      parsed = std::move(parse.output);
    } else {
      result.status = runtime::ExecutionStatus::kScriptError;
      result.detail = parse.error;
    }
  }
  bool success = result.status == runtime::ExecutionStatus::kSuccess;

  if (options.json) {
    nlohmann::json report;
    report["status"] = success ? "success" : "failed";
    report["oper-down-reason"] = success
                                     ? nlohmann::json(nullptr)
                                     : nlohmann::json(runtime::executionStatusName(result.status));
    report["detail"] = result.detail;
    report["output"] = result.output;
    report["actions"] = nlohmann::json::array();
    report["persistent-data"] = nullptr;
    report["persistent-data-change"] = "keep";
    if (parsed) {
      for (const auto& action : parsed->actions) {
        report["actions"].push_back(runtime::actionToJson(action));
      }
      if (parsed->persistent_data_change == runtime::PersistentDataChange::kReplace) {
        report["persistent-data"] = parsed->persistent_data;
        report["persistent-data-change"] = "replace";
      } else if (parsed->persistent_data_change == runtime::PersistentDataChange::kClear) {
        report["persistent-data-change"] = "clear";
      }
    }
    report["stdout-stderr"] = result.stdout_stderr;
    report["upython-duration-us"] = result.duration_us;
    std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return success ? kExitOk : kExitFailed;
  }

  std::cout << "status: " << (success ? "success" : "failed") << '\n';
  if (!success) {
    std::cout << "oper-down-reason: " << runtime::executionStatusName(result.status) << '\n';
    std::cout << "detail:\n";
    printIndented(std::cout, result.detail);
  }
  std::cout << "output: " << result.output << '\n';
  if (parsed) {
    std::cout << "actions: " << parsed->actions.size() << '\n';
    for (const auto& action : parsed->actions) {
      std::cout << "  " << runtime::formatAction(action) << '\n';
    }
    switch (parsed->persistent_data_change) {
      case runtime::PersistentDataChange::kKeep:
        std::cout << "persistent-data: unchanged\n";
        break;
      case runtime::PersistentDataChange::kClear:
        std::cout << "persistent-data: cleared\n";
        break;
      case runtime::PersistentDataChange::kReplace:
        std::cout << "persistent-data: " << parsed->persistent_data.dump() << '\n';
        break;
    }
  }
  std::cout << "stdout-stderr:" << (result.stdout_stderr.empty() ? " (none)" : "") << '\n';
  printIndented(std::cout, result.stdout_stderr);
  std::cout << "upython-duration: " << result.duration_us << " us\n";
  return success ? kExitOk : kExitFailed;
}

}  // namespace

void addTestCommand(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<TestOptions>();
  auto* command = app.add_subcommand(
      "test", "Run a script's event_handler_main once on an input JSON and show the result");
  command
      ->add_option("files", options->files,
                   "A script file with --input (e.g. examples/opergroup/opergroup.py), or "
                   "scenario files (*.yaml) to run on a virtual clock")
      ->required();
  command->add_option("--input", options->input_file,
                      "File with the input JSON for a script; - reads stdin");
  command->add_option("--junit", options->junit_file,
                      "With scenario files: write the results as JUnit XML to this file");
  command->add_flag("--allow-run-script", options->allow_run_script,
                    "With scenario files: run run-script commands instead of recording them");
  command->add_option("--script-dir", options->script_dirs,
                      "Folder searched for the script, in order (repeatable); default: the "
                      "script's folder. open() and os reach only the folder that holds it");
  command->add_flag("--json", options->json, "Print one JSON object instead of text");
  command->add_option("--heap", options->heap_bytes, "MicroPython heap for the call, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(runtime::kMinHeapBytes, runtime::kMaxHeapBytes));
  command
      ->add_option("--timeout-ms", options->timeout_ms,
                   "Wall-clock limit of event_handler_main, in milliseconds")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--host", options->host_executable,
                      "Script host executable; default: eventmgr-upython-host next to eventmgr");
  command->callback([&action, options] {
    action = [options] {
      if (areScenarioFiles(options->files)) {
        ScenarioModeOptions scenario_options;
        scenario_options.files = options->files;
        scenario_options.junit_file = options->junit_file;
        scenario_options.allow_run_script = options->allow_run_script;
        scenario_options.host_executable = options->host_executable;
        return runScenarioMode(scenario_options);
      }
      if (options->files.size() != 1 || options->input_file.empty()) {
        std::cerr << "eventmgr test: give one script with --input FILE, or scenario files "
                     "ending in .yaml\n";
        return kExitUsage;
      }
      options->script = options->files.front();
      return runTest(*options);
    };
  });
}

}  // namespace eventmgr::cli
