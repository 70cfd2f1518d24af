#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "path/parser.h"
#include "path/pattern.h"
#include "schema/node.h"
#include "schema/schema.h"

namespace eventmgr::cli {
namespace {

struct PathOptions {
  std::vector<std::string> words;
  std::vector<std::string> yang_dirs;
  std::vector<std::string> search_dirs;
  bool tools = false;
};

// Prints TEXT and a caret under the byte at OFFSET, so the error position is visible.
void printPosition(const std::string& text, std::size_t offset) {
  std::cerr << "  " << text << '\n'
            << "  " << std::string(std::min(offset, text.size()), ' ') << "^\n";
}

int resolvePath(const PathOptions& options) {
  std::string text;
  for (const std::string& word : options.words) {
    text += (text.empty() ? "" : " ") + word;
  }

  schema::SchemaOptions schema_options;
  for (const std::string& folder : options.yang_dirs) {
    schema_options.yang_dirs.emplace_back(folder);
  }
  for (const std::string& folder : options.search_dirs) {
    schema_options.search_dirs.emplace_back(folder);
  }
  bool custom = !options.yang_dirs.empty() || !options.search_dirs.empty();
  std::shared_ptr<const schema::Schema> schema =
      custom ? std::make_shared<const schema::Schema>(schema_options) : schema::Schema::builtin();
  schema::Tree tree = options.tools ? schema::Tree::kTools : schema::Tree::kData;

  try {
    path::Pattern pattern = path::parsePattern(*schema, text, tree);
    const lysc_node* node = pattern.schemaNode();
    std::cout << "path:       " << pattern.toCli() << '\n';
    std::cout << "ends at:    " << schema::nodeKindName(pattern.endsAt()) << ' '
              << schema::schemaPath(node) << (schema::isConfig(node) ? " (config)" : " (state)")
              << '\n';
    std::cout << "expansion:  " << pattern.expansionCount() << '\n';
    std::string label = "gnmi:       ";
    for (const std::string& gnmi : pattern.toGnmi()) {
      std::cout << label << gnmi << '\n';
      label = "            ";
    }
    label = "concrete:   ";
    for (const path::Pattern& expanded : pattern.expandRanges()) {
      auto concrete = expanded.toConcrete();
      std::cout << label
                << (concrete ? concrete->toCli()
                             : expanded.toCli() + "  (wildcard: matches existing entries)")
                << '\n';
      label = "            ";
    }
    return kExitOk;
  } catch (const path::PathError& error) {
    std::cerr << "eventmgr: invalid path: " << error.what() << '\n';
    printPosition(text, error.offset());
    return kExitUsage;
  }
}

}  // namespace

void addPathCommand(CLI::App& app, CommandAction& action) {
  auto* command = app.add_subcommand("path", "Inspect paths in SR Linux CLI notation");
  command->require_subcommand(1);
  auto options = std::make_shared<PathOptions>();
  auto* resolve = command->add_subcommand(
      "resolve",
      "Resolve a path against the schema and print its schema node, gNMI form and expansion");
  resolve->add_option("path", options->words, "The path, e.g. \"interface * oper-state\"")
      ->required();
  resolve->add_option("--yang-dir", options->yang_dirs,
                      "Folder with further or replacement YANG modules (repeatable)");
  resolve->add_option("--yang-search-dir", options->search_dirs,
                      "Folder searched with its subfolders only for imported YANG modules "
                      "(repeatable)");
  resolve->add_flag("--tools", options->tools,
                    "Resolve against the tools tree (commands without the tools prefix)");
  resolve->callback([&action, options] { action = [options] { return resolvePath(*options); }; });
}

}  // namespace eventmgr::cli
