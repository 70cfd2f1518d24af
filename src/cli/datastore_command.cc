#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/error.h"
#include "datastore/cli_text.h"
#include "datastore/local_datastore.h"
#include "path/parser.h"
#include "schema/schema.h"

namespace eventmgr::cli {
namespace {

struct DatastoreOptions {
  std::string config_file;
  std::string data_dir;
  std::vector<std::string> deletes;
  std::vector<std::string> sets;
  std::vector<std::string> state_sets;
  std::vector<std::string> ephemeral_sets;
  std::vector<std::string> tools;
  std::vector<std::string> shows;
  std::string format = "brace";
  bool from_state = false;
  bool save = false;
  std::vector<std::string> yang_dirs;
};

std::string readFile(const std::string& name) {
  std::ifstream file(name, std::ios::binary);
  if (!file) {
    throw Error(ErrorKind::kNotFound, "config file " + name + " cannot be opened");
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Parses `<path> <value>` as on SR Linux's command line, where the value may be `[ a b ]`.
datastore::Operation parseSet(const schema::Schema& schema, const std::string& text) {
  path::PathWithValue parsed = path::parsePathWithValue(schema, text);
  return datastore::Operation::set(parsed.path,
                                   datastore::valueFromTokens(parsed.value, text.size()));
}

std::vector<datastore::Operation> parseSets(const schema::Schema& schema,
                                            const std::vector<std::string>& lines) {
  std::vector<datastore::Operation> operations;
  for (const auto& line : lines) {
    operations.push_back(parseSet(schema, line));
  }
  return operations;
}

int runDatastore(const DatastoreOptions& options) {
  schema::SchemaOptions schema_options;
  for (const std::string& folder : options.yang_dirs) {
    schema_options.yang_dirs.emplace_back(folder);
  }
  auto schema = options.yang_dirs.empty() ? schema::Schema::builtin()
                                          : std::make_shared<const schema::Schema>(schema_options);
  datastore::ConfigFormat format = datastore::parseConfigFormat(options.format);
  if (format == datastore::ConfigFormat::kAuto) {
    throw Error(ErrorKind::kInvalidArgument, "--format needs json, srl-json, brace or flat");
  }
  datastore::LocalDatastore store(schema, {.data_dir = options.data_dir, .clock = nullptr});

  if (!options.config_file.empty()) {
    store.replaceConfig(readFile(options.config_file), datastore::ConfigFormat::kAuto);
  }
  std::vector<datastore::Operation> operations;
  for (const auto& text : options.deletes) {
    operations.push_back(datastore::Operation::remove(path::parseConcretePath(*schema, text)));
  }
  for (auto& operation : parseSets(*schema, options.sets)) {
    operations.push_back(std::move(operation));
  }
  if (!operations.empty()) {
    store.commit(operations);
  }
  if (!options.state_sets.empty()) {
    store.writeState(parseSets(*schema, options.state_sets));
  }
  for (const auto& operation : parseSets(*schema, options.ephemeral_sets)) {
    store.setEphemeral("cli", operation.path, operation.value);
  }
  for (const auto& command : options.tools) {
    std::string output = store.tools().run(command, "");
    if (!output.empty()) {
      std::cout << output << '\n';
    }
  }
  if (options.save) {
    store.saveStartup();
  }

  auto view = options.from_state ? datastore::DataView::kMerged : datastore::DataView::kRunning;
  std::vector<std::string> shows = options.shows;
  if (shows.empty()) {
    shows.emplace_back("");
  }
  for (const auto& text : shows) {
    path::ConcretePath root =
        text.empty() || text == "/" ? path::ConcretePath() : path::parseConcretePath(*schema, text);
    std::cout << store.getSubtree(root, view, format);
  }
  return kExitOk;
}

}  // namespace

void addDatastoreCommand(CLI::App& app, CommandAction& action) {
  auto* command = app.add_subcommand(
      "datastore",
      "Load a config into the simulated node's datastore, apply changes and print the result");
  auto options = std::make_shared<DatastoreOptions>();
  command->add_option("--config", options->config_file,
                      "Config file to load first: JSON, brace (info) or flat (info flat) format");
  command->add_option("--data-dir", options->data_dir,
                      "Data folder: its startup.json is loaded at start and written by --save");
  command->add_option("--delete", options->deletes, "Path to delete, e.g. \"interface lag1\"")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--set", options->sets,
                   "Path and value to set, e.g. \"interface ethernet-1/1 mtu 9000\"; all "
                   "deletes and sets form one transaction, deletes first")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--state", options->state_sets,
                   "State leaf and value to write, e.g. \"interface ethernet-1/1 oper-state "
                   "down\"")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--ephemeral", options->ephemeral_sets,
                   "State leaf and value to override in the ephemeral datastore")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--tools", options->tools,
                   "Tools command to run after the changes, e.g. \"system configuration save\"")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--show", options->shows,
                   "Subtree to print (repeatable); the whole tree when not given")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("--format", options->format, "Output format: brace, flat, json or srl-json")
      ->capture_default_str();
  command->add_flag("--from-state", options->from_state,
                    "Print config with state, simulated values and overrides, not only config");
  command->add_flag("--save", options->save,
                    "Write the running config to <data-dir>/startup.json at the end");
  command->add_option("--yang-dir", options->yang_dirs,
                      "Folder with further or replacement YANG modules (repeatable)");
  command->callback([&action, options] { action = [options] { return runDatastore(*options); }; });
}

}  // namespace eventmgr::cli
