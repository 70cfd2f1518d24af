#include "schema/schema.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "common/error.h"
#include "schema/builtin_modules.h"
#include "schema/node.h"

namespace eventmgr::schema {
namespace {

// Every feature of every explicitly loaded module is enabled: SR Linux's models guard
// common nodes with features (srl_nokia-features), and eventmgr simulates all of them.
const char* kAllFeatures[] = {"*", nullptr};

bool isToolsModule(std::string_view name) {
  return name.find("tools") != std::string_view::npos;
}

// Returns the module name of a YANG file name: "a.yang" and "a@2024-01-01.yang" give "a".
std::string moduleNameOfFile(const std::filesystem::path& file) {
  std::string stem = file.stem().string();
  return stem.substr(0, stem.find('@'));
}

// Returns true when the file contains a submodule, which is loaded through its module instead.
bool isSubmoduleFile(const std::filesystem::path& file) {
  std::ifstream input(file);
  std::string word;
  while (input >> word) {
    if (word.starts_with("//")) {
      std::string rest_of_line;
      std::getline(input, rest_of_line);
      continue;
    }
    return word == "submodule";
  }
  return false;
}

// Sets libyang's logging for the current thread to "store errors, print nothing"
// and restores the global options when it goes out of scope.
class QuietLibyangLog {
 public:
  QuietLibyangLog() { ly_temp_log_options(&options_); }
  ~QuietLibyangLog() { ly_temp_log_options(nullptr); }
  QuietLibyangLog(const QuietLibyangLog&) = delete;
  QuietLibyangLog& operator=(const QuietLibyangLog&) = delete;

 private:
  uint32_t options_ = LY_LOSTORE;
};

// Returns libyang's error messages for CONTEXT on this thread, oldest first and at most
// kMaxMessages of them, and clears them. The first messages name the cause (a missing import,
// a bad statement), and the last ones only report that loading failed.
std::string takeLibyangErrors(ly_ctx* context) {
  constexpr int kMaxMessages = 4;
  std::string message;
  int count = 0;
  for (const ly_err_item* error = ly_err_first(context); error != nullptr && count < kMaxMessages;
       error = error->next, ++count) {
    if (!message.empty()) {
      message += "; ";
    }
    message += error->msg != nullptr ? error->msg : "unknown error";
    if (error->path != nullptr) {
      message += " (" + std::string(error->path) + ")";
    }
  }
  ly_err_clean(context, nullptr);
  return message.empty() ? "no detail from libyang" : message;
}

// Modules that one context may load: built-in texts served by the import callback, and
// files from --yang-dir folders found by libyang through its search directories.
struct ModuleSources {
  std::map<std::string, std::string_view> builtin_texts;
};

LY_ERR importBuiltinModule(const char* module_name, const char* /*module_revision*/,
                           const char* submodule_name, const char* /*submodule_revision*/,
                           void* user_data, LYS_INFORMAT* format, const char** module_data,
                           ly_module_imp_data_free_clb* free_module_data) {
  if (submodule_name != nullptr) {
    return LY_ENOTFOUND;
  }
  const auto* sources = static_cast<const ModuleSources*>(user_data);
  auto found = sources->builtin_texts.find(module_name);
  if (found == sources->builtin_texts.end()) {
    return LY_ENOTFOUND;
  }
  // libyang expects a C string that it releases through free_module_data, so it gets a copy.
  char* copy = static_cast<char*>(std::malloc(found->second.size() + 1));
  if (copy == nullptr) {
    return LY_EMEM;
  }
  std::copy(found->second.begin(), found->second.end(), copy);
  copy[found->second.size()] = '\0';
  *format = LYS_IN_YANG;
  *module_data = copy;
  *free_module_data = [](void* data, void*) { std::free(data); };
  return LY_SUCCESS;
}

}  // namespace

struct Schema::Contexts {
  struct TreeData {
    ly_ctx* context = nullptr;
    ModuleSources sources;
    std::unordered_map<std::string, std::vector<const lysc_node*>> top_level;
  };
  TreeData data;
  TreeData tools;

  ~Contexts() {
    for (TreeData* tree : {&data, &tools}) {
      if (tree->context != nullptr) {
        ly_ctx_destroy(tree->context);
      }
    }
  }

  TreeData& of(Tree tree) { return tree == Tree::kData ? data : tools; }
  const TreeData& of(Tree tree) const { return tree == Tree::kData ? data : tools; }
};

Schema::Schema(const SchemaOptions& options) : contexts_(std::make_unique<Contexts>()) {
  QuietLibyangLog quiet;

  // Modules in --yang-dir folders, by name; they replace built-in modules of the same name.
  std::map<std::string, std::filesystem::path> directory_modules;
  for (const auto& folder : options.search_dirs) {
    if (!std::filesystem::is_directory(folder)) {
      throw Error(ErrorKind::kNotFound, "YANG search folder \"" + folder.string() +
                                            "\" does not exist or is not a folder");
    }
  }
  for (const auto& folder : options.yang_dirs) {
    if (!std::filesystem::is_directory(folder)) {
      throw Error(ErrorKind::kNotFound,
                  "YANG folder \"" + folder.string() + "\" does not exist or is not a folder");
    }
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() == ".yang" && !isSubmoduleFile(entry.path())) {
        directory_modules[moduleNameOfFile(entry.path())] = entry.path();
      }
    }
  }

  for (Tree tree : {Tree::kData, Tree::kTools}) {
    auto& tree_data = contexts_->of(tree);
    if (options.load_builtin) {
      for (const auto& module : builtinModules()) {
        if (directory_modules.count(std::string(module.name)) == 0) {
          tree_data.sources.builtin_texts.emplace(module.name, module.text);
        }
      }
    }

    if (ly_ctx_new(nullptr, LY_CTX_ALL_IMPLEMENTED | LY_CTX_NO_YANGLIBRARY | LY_CTX_SET_PRIV_PARSED,
                   &tree_data.context) != LY_SUCCESS) {
      throw Error(ErrorKind::kInternal, "creating a libyang context failed");
    }
    for (const auto& folder : options.yang_dirs) {
      ly_ctx_set_searchdir(tree_data.context, folder.c_str());
    }
    for (const auto& folder : options.search_dirs) {
      ly_ctx_set_searchdir(tree_data.context, folder.c_str());
    }
    ly_ctx_set_module_imp_clb(tree_data.context, importBuiltinModule, &tree_data.sources);

    // Modules to load explicitly, as implemented and with all features on: every module of
    // this tree. Feature modules go first, because other modules' if-feature statements
    // need them implemented with their features enabled.
    std::vector<std::string> names;
    for (const auto& [name, text] : tree_data.sources.builtin_texts) {
      names.push_back(name);
    }
    for (const auto& [name, file] : directory_modules) {
      names.push_back(name);
    }
    std::erase_if(names, [tree](const std::string& name) {
      // srl_nokia-common is imported by both trees and loaded on demand through imports.
      return isToolsModule(name) != (tree == Tree::kTools);
    });
    std::stable_partition(names.begin(), names.end(), [](const std::string& name) {
      return name.find("features") != std::string::npos;
    });

    for (const auto& name : names) {
      if (ly_ctx_load_module(tree_data.context, name.c_str(), nullptr, kAllFeatures) == nullptr) {
        auto file = directory_modules.find(name);
        std::string origin = file != directory_modules.end() ? "from " + file->second.string()
                                                             : std::string("(built in)");
        throw Error(ErrorKind::kInvalidArgument,
                    "YANG module " + name + " " + origin +
                        " failed to load: " + takeLibyangErrors(tree_data.context));
      }
    }

    // Index the top-level data nodes of every implemented module by name.
    uint32_t index = 0;
    while (const lys_module* module = ly_ctx_get_module_iter(tree_data.context, &index)) {
      if (!module->implemented || module->compiled == nullptr) {
        continue;
      }
      const lysc_node* node = nullptr;
      while ((node = lys_getnext(node, nullptr, module->compiled, 0)) != nullptr) {
        if (nodeKind(node) != NodeKind::kOther) {
          tree_data.top_level[node->name].push_back(node);
        }
      }
    }
    spdlog::debug("schema: {} tree has {} top-level names", tree == Tree::kData ? "data" : "tools",
                  tree_data.top_level.size());
  }
}

Schema::~Schema() = default;

std::shared_ptr<const Schema> Schema::builtin() {
  static const std::shared_ptr<const Schema> schema = std::make_shared<const Schema>();
  return schema;
}

const ly_ctx* Schema::context(Tree tree) const {
  return contexts_->of(tree).context;
}

namespace {

// Splits "module:name" into its parts; module is empty when there is no prefix.
std::pair<std::string_view, std::string_view> splitPrefix(std::string_view name) {
  auto colon = name.find(':');
  if (colon == std::string_view::npos) {
    return {{}, name};
  }
  return {name.substr(0, colon), name.substr(colon + 1)};
}

}  // namespace

const lysc_node* Schema::findTopLevel(std::string_view name, Tree tree) const {
  auto [module, plain] = splitPrefix(name);
  const auto& top_level = contexts_->of(tree).top_level;
  auto found = top_level.find(std::string(plain));
  if (found == top_level.end()) {
    return nullptr;
  }
  for (const lysc_node* node : found->second) {
    if (module.empty() || moduleName(node) == module) {
      return node;
    }
  }
  return nullptr;
}

const lysc_node* Schema::findChild(const lysc_node* parent, std::string_view name) const {
  auto [module, plain] = splitPrefix(name);
  const lysc_node* child = nullptr;
  while ((child = lys_getnext(child, parent, nullptr, 0)) != nullptr) {
    if (plain == child->name && (module.empty() || moduleName(child) == module) &&
        nodeKind(child) != NodeKind::kOther) {
      return child;
    }
  }
  return nullptr;
}

std::vector<std::string> Schema::childNames(const lysc_node* parent, Tree tree) const {
  std::vector<std::string> names;
  if (parent == nullptr) {
    for (const auto& [name, nodes] : contexts_->of(tree).top_level) {
      names.push_back(name);
    }
  } else {
    const lysc_node* child = nullptr;
    while ((child = lys_getnext(child, parent, nullptr, 0)) != nullptr) {
      if (nodeKind(child) != NodeKind::kOther) {
        names.emplace_back(child->name);
      }
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

Tree Schema::treeOf(const lysc_node* node) const {
  return node->module->ctx == contexts_->tools.context ? Tree::kTools : Tree::kData;
}

std::vector<std::string> Schema::moduleNames(Tree tree) const {
  std::vector<std::string> names;
  uint32_t index = 0;
  while (const lys_module* module = ly_ctx_get_module_iter(context(tree), &index)) {
    if (module->implemented) {
      names.emplace_back(module->name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace eventmgr::schema
