#include "datastore/local_datastore.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "datastore/atomic_file.h"
#include "datastore/json_format.h"
#include "schema/node.h"

namespace eventmgr::datastore {
namespace {

constexpr const char* kStartupFileName = "startup.json";

Edit toEdit(const Operation& operation) {
  if (operation.path.empty()) {
    throw Error(ErrorKind::kInvalidArgument,
                "an operation needs a path below the root; the root cannot be set or deleted");
  }
  Edit edit;
  edit.xpath = operation.path.toXPath();
  switch (operation.kind) {
    case Operation::Kind::kSet:
      edit.kind = EditKind::kSet;
      edit.value = operation.value;
      break;
    case Operation::Kind::kDelete:
      edit.kind = EditKind::kDelete;
      break;
    case Operation::Kind::kMergeJson:
      edit.kind = EditKind::kMergeJson;
      edit.json = operation.json;
      break;
  }
  return edit;
}

// Applies OPERATIONS to TREE, adding the CLI path of a failing operation to its error.
void applyOperations(Tree& tree, const ly_ctx* ctx, const std::vector<Operation>& operations,
                     EditScope scope) {
  for (const auto& operation : operations) {
    try {
      applyEdit(tree, ctx, toEdit(operation), scope);
    } catch (const Error& error) {
      throw Error(error.kind(), operation.path.toCli() + ": " + error.what());
    }
  }
}

bool sameForest(const lyd_node* a, const lyd_node* b) {
  if (a == nullptr || b == nullptr) {
    return a == b;
  }
  return lyd_compare_siblings(a, b, LYD_COMPARE_FULL_RECURSION | LYD_COMPARE_DEFAULTS) ==
         LY_SUCCESS;
}

bool isAncestorOrSelf(const lysc_node* ancestor, const lysc_node* node) {
  for (; node != nullptr; node = node->parent) {
    if (node == ancestor) {
      return true;
    }
  }
  return false;
}

std::optional<LeafValue> valueOf(const lyd_node* tree, const std::string& xpath) {
  if (tree == nullptr) {
    return std::nullopt;
  }
  ly_set* found = nullptr;
  if (lyd_find_xpath(tree, xpath.c_str(), &found) != LY_SUCCESS) {
    throwLibyangError(LYD_CTX(tree), ErrorKind::kInvalidArgument,
                      "path " + xpath + " is not a valid data path");
  }
  std::optional<LeafValue> value;
  if (found->count == 1 && found->dnodes[0]->schema->nodetype == LYS_LEAF) {
    value = nodeValue(found->dnodes[0]);
  } else if (found->count > 0) {
    std::vector<std::string> items;
    for (uint32_t i = 0; i < found->count; ++i) {
      items.push_back(nodeValue(found->dnodes[i]));
    }
    value = std::move(items);
  }
  ly_set_free(found, nullptr);
  return value;
}

std::vector<LeafChange> diffSnapshots(const Snapshot* before, const Snapshot& after) {
  std::vector<LeafChange> changes;
  for (const auto& leaf : after.leaves()) {
    const SnapshotLeaf* old = before == nullptr ? nullptr : before->find(leaf.xpath);
    if (old == nullptr) {
      changes.push_back({concretePathOf(leaf.node), std::nullopt, leaf.value});
    } else if (old->value != leaf.value) {
      changes.push_back({concretePathOf(leaf.node), old->value, leaf.value});
    }
  }
  if (before != nullptr) {
    for (const auto& leaf : before->leaves()) {
      if (after.find(leaf.xpath) == nullptr) {
        changes.push_back({concretePathOf(leaf.node), leaf.value, std::nullopt});
      }
    }
  }
  return changes;
}

}  // namespace

LocalDatastore::LocalDatastore(std::shared_ptr<const schema::Schema> schema,
                               LocalDatastoreOptions options)
    : schema_(std::move(schema)),
      ctx_(schema_->context()),
      options_(std::move(options)),
      simulated_(*schema_) {
  storeLibyangErrors();
  registerBuiltinTools();
  std::lock_guard lock(write_mutex_);
  if (!options_.data_dir.empty()) {
    auto path = startupPath();
    if (auto text = readFileIfExists(path)) {
      try {
        Tree loaded = parseJsonConfig(*schema_, *text, ParseScope::kConfig);
        validateConfig(loaded);
        running_ = std::move(loaded);
      } catch (const Error& error) {
        throw Error(ErrorKind::kValidation,
                    "startup config " + path.string() + " is invalid: " + error.what());
      }
      spdlog::info("datastore: loaded startup config {}", path.string());
    }
  }
  if (!running_) {
    // An empty config still gets its defaults (for example non-presence containers' leaves).
    validateConfig(running_);
  }
  publishLocked();
}

LocalDatastore::~LocalDatastore() = default;

std::filesystem::path LocalDatastore::startupPath() const {
  return options_.data_dir.empty() ? std::filesystem::path() : options_.data_dir / kStartupFileName;
}

Tree LocalDatastore::configWithLocked(const std::vector<Operation>& operations) const {
  Tree next = duplicateTree(running_.get());
  applyOperations(next, ctx_, operations, EditScope::kConfig);
  return next;
}

void LocalDatastore::validateConfig(Tree& tree) const {
  lyd_node* root = tree.release();
  LY_ERR status = lyd_validate_all(&root, ctx_, LYD_VALIDATE_NO_STATE, nullptr);
  tree.reset(root);
  if (status != LY_SUCCESS) {
    throwLibyangError(ctx_, ErrorKind::kValidation, "configuration is invalid");
  }
}

std::uint64_t LocalDatastore::commit(const std::vector<Operation>& operations) {
  std::lock_guard lock(write_mutex_);
  Tree next = configWithLocked(operations);
  validateConfig(next);
  return installConfigLocked(std::move(next));
}

void LocalDatastore::editCandidate(const std::vector<Operation>& operations) {
  std::lock_guard lock(write_mutex_);
  std::vector<Operation> edited = candidate_;
  edited.insert(edited.end(), operations.begin(), operations.end());
  configWithLocked(edited);  // type-checks the new operations; throws on error
  candidate_ = std::move(edited);
}

std::uint64_t LocalDatastore::commitCandidate() {
  std::lock_guard lock(write_mutex_);
  if (candidate_.empty()) {
    return 0;
  }
  Tree next = configWithLocked(candidate_);
  validateConfig(next);
  std::uint64_t sequence = installConfigLocked(std::move(next));
  candidate_.clear();
  return sequence;
}

void LocalDatastore::discardCandidate() {
  std::lock_guard lock(write_mutex_);
  candidate_.clear();
}

void LocalDatastore::validateCandidate() const {
  std::lock_guard lock(write_mutex_);
  Tree next = configWithLocked(candidate_);
  validateConfig(next);
}

std::uint64_t LocalDatastore::replaceConfig(const std::string& text, ConfigFormat format) {
  Tree next = parseConfig(*schema_, text, format, ParseScope::kConfig);
  validateConfig(next);
  std::lock_guard lock(write_mutex_);
  return installConfigLocked(std::move(next));
}

std::uint64_t LocalDatastore::installConfigLocked(Tree next) {
  if (sameForest(running_.get(), next.get())) {
    return 0;
  }
  running_ = std::move(next);
  stampLastChangeLocked();
  return publishLocked();
}

void LocalDatastore::stampLastChangeLocked() {
  const lysc_node* system = schema_->findTopLevel("system");
  const lysc_node* configuration =
      system == nullptr ? nullptr : schema_->findChild(system, "configuration");
  const lysc_node* last_change =
      configuration == nullptr ? nullptr : schema_->findChild(configuration, "last-change");
  if (last_change == nullptr) {
    return;  // a schema without system configuration last-change
  }
  Edit edit{EditKind::kSet, schema::schemaPath(last_change), nowTimestamp(), {}};
  applyEdit(state_, ctx_, edit, EditScope::kState);
}

std::string LocalDatastore::nowTimestamp() const {
  auto now =
      options_.clock != nullptr ? options_.clock->wallNow() : std::chrono::system_clock::now();
  auto milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &utc);
  return fmt::format("{}.{:03d}Z", text, milliseconds);
}

std::uint64_t LocalDatastore::writeState(const std::vector<Operation>& operations) {
  std::lock_guard lock(write_mutex_);
  Tree next = duplicateTree(state_.get());
  applyOperations(next, ctx_, operations, EditScope::kState);
  if (sameForest(state_.get(), next.get())) {
    return 0;
  }
  state_ = std::move(next);
  return publishLocked();
}

std::uint64_t LocalDatastore::setEphemeral(const std::string& owner, const path::ConcretePath& path,
                                           const LeafValue& value) {
  const lysc_node* node = path.schemaNode();
  if (node == nullptr || node->nodetype != LYS_LEAF || schema::isConfig(node)) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + path.toCli() + " is not a state leaf; ephemeral overrides apply only " +
                    "to state leaves (config false)");
  }
  // Creating the leaf in a scratch tree type-checks VALUE and gives libyang's own spelling of
  // the path, which the simulated behaviour looks up.
  Tree scratch;
  applyEdit(scratch, ctx_, Edit{EditKind::kSet, path.toXPath(), value, {}}, EditScope::kState);
  lyd_node* leaf = nullptr;
  if (lyd_find_path(scratch.get(), path.toXPath().c_str(), 0, &leaf) != LY_SUCCESS) {
    throwLibyangError(ctx_, ErrorKind::kInternal, "override " + path.toCli() + " was not created");
  }
  std::string xpath = dataPath(leaf);

  std::lock_guard lock(write_mutex_);
  overlay_.set(owner, xpath, value);
  return publishLocked();
}

std::uint64_t LocalDatastore::removeEphemeral(const std::string& owner,
                                              const path::ConcretePath& path) {
  std::lock_guard lock(write_mutex_);
  if (!overlay_.remove(owner, path.toXPath())) {
    return 0;
  }
  return publishLocked();
}

std::uint64_t LocalDatastore::removeEphemeralOwner(const std::string& owner) {
  std::lock_guard lock(write_mutex_);
  if (!overlay_.removeOwner(owner)) {
    return 0;
  }
  return publishLocked();
}

std::uint64_t LocalDatastore::publishLocked() {
  Tree merged = duplicateTree(running_.get());
  if (state_) {
    lyd_node* root = merged.release();
    LY_ERR status = lyd_merge_siblings(&root, state_.get(), 0);
    merged.reset(root);
    if (status != LY_SUCCESS) {
      throwLibyangError(ctx_, ErrorKind::kInternal, "merging state into config failed");
    }
  }
  simulated_.apply(merged.get(), running_.get(), overlay_);
  for (const auto& [xpath, value] : overlay_.effective()) {
    applyEdit(merged, ctx_, Edit{EditKind::kSet, xpath, value, {}}, EditScope::kState);
  }

  auto next = std::make_shared<const Snapshot>(std::move(merged));
  auto previous = currentSnapshot();
  auto changes = diffSnapshots(previous.get(), *next);
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = next;
  }
  if (changes.empty() || previous == nullptr) {
    return 0;
  }
  auto batch = std::make_shared<ChangeBatch>();
  batch->sequence = ++sequence_;
  batch->changes = std::move(changes);
  spdlog::debug("datastore: commit {} changed {} leaves", batch->sequence, batch->changes.size());
  dispatcher_.enqueue(std::move(batch));
  return sequence_;
}

std::shared_ptr<const Snapshot> LocalDatastore::currentSnapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

std::shared_ptr<const Snapshot> LocalDatastore::viewFor(const lysc_node* read_node) const {
  auto base = currentSnapshot();
  std::vector<const Provider*> relevant;
  std::unique_lock lock(providers_mutex_);
  for (const auto& [id, provider] : providers_) {
    const lysc_node* root = provider.root.schemaNode();
    if (read_node == nullptr || isAncestorOrSelf(root, read_node) ||
        isAncestorOrSelf(read_node, root)) {
      relevant.push_back(&provider);
    }
  }
  if (relevant.empty()) {
    return base;
  }
  Tree tree = duplicateTree(base->tree());
  for (const Provider* provider : relevant) {
    for (const auto& leaf : provider->provider()) {
      if (!leaf.path.startsWith(provider->root)) {
        continue;
      }
      try {
        applyEdit(tree, ctx_, Edit{EditKind::kSet, leaf.path.toXPath(), leaf.value, {}},
                  EditScope::kState);
      } catch (const Error& error) {
        spdlog::error("datastore: state provider for {} returned an invalid leaf {}: {}",
                      provider->root.toCli(), leaf.path.toCli(), error.what());
      }
    }
  }
  return std::make_shared<const Snapshot>(std::move(tree));
}

std::optional<LeafValue> LocalDatastore::getValue(const path::ConcretePath& path) const {
  const lysc_node* node = path.schemaNode();
  if (node == nullptr || !(node->nodetype & LYD_NODE_TERM)) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + path.toCli() + " is not a leaf or leaf-list; read it as a subtree");
  }
  auto view = viewFor(node);
  return valueOf(view->tree(), path.toXPath());
}

std::vector<MatchedLeaf> LocalDatastore::getMatching(const path::Pattern& pattern) const {
  const lysc_node* node = pattern.schemaNode();
  auto view = viewFor(node);
  std::vector<MatchedLeaf> result;
  if (node != nullptr && (node->nodetype & LYD_NODE_TERM)) {
    for (const SnapshotLeaf* leaf : view->leavesOf(node)) {
      auto leaf_path = concretePathOf(leaf->node);
      if (pattern.matches(leaf_path)) {
        result.push_back({std::move(leaf_path), leaf->value});
      }
    }
    return result;
  }
  for (const auto& leaf : view->leaves()) {
    if (node != nullptr && !isAncestorOrSelf(node, leaf.node->schema)) {
      continue;
    }
    auto leaf_path = concretePathOf(leaf.node);
    if (pattern.covers(leaf_path)) {
      result.push_back({std::move(leaf_path), leaf.value});
    }
  }
  return result;
}

std::string LocalDatastore::getSubtree(const path::ConcretePath& path, DataView view,
                                       ConfigFormat format) const {
  std::shared_ptr<const Snapshot> merged;
  Tree config;
  const lyd_node* tree = nullptr;
  if (view == DataView::kMerged) {
    merged = viewFor(path.schemaNode());
    tree = merged->tree();
  } else {
    std::lock_guard lock(write_mutex_);
    config =
        view == DataView::kCandidate ? configWithLocked(candidate_) : duplicateTree(running_.get());
    tree = config.get();
  }
  bool with_defaults = view == DataView::kMerged;
  if (path.empty() || tree == nullptr) {
    return printConfig(tree, format, with_defaults);
  }

  ly_set* found = nullptr;
  if (lyd_find_xpath(tree, path.toXPath().c_str(), &found) != LY_SUCCESS) {
    throwLibyangError(ctx_, ErrorKind::kInvalidArgument, "path " + path.toCli() + " is invalid");
  }
  Tree subtree;
  for (uint32_t i = 0; i < found->count; ++i) {
    lyd_node* copy = nullptr;
    if (lyd_dup_single(found->dnodes[i], nullptr,
                       LYD_DUP_RECURSIVE | LYD_DUP_WITH_PARENTS | LYD_DUP_WITH_FLAGS,
                       &copy) != LY_SUCCESS) {
      ly_set_free(found, nullptr);
      throwLibyangError(ctx_, ErrorKind::kInternal, "copying " + path.toCli() + " failed");
    }
    Tree piece(copy);
    resetToFirstSibling(piece);
    lyd_node* root = subtree.release();
    lyd_merge_siblings(&root, piece.get(), 0);
    subtree.reset(root);
  }
  ly_set_free(found, nullptr);
  return printConfig(subtree.get(), format, with_defaults);
}

Registration LocalDatastore::subscribe(ChangeCallback callback) {
  std::uint64_t id = dispatcher_.subscribe(std::move(callback));
  return Registration([this, id] { dispatcher_.unsubscribe(id); });
}

void LocalDatastore::waitForDelivery(std::uint64_t sequence) {
  dispatcher_.waitForDelivery(sequence);
}

Registration LocalDatastore::addStateProvider(const path::ConcretePath& root,
                                              StateProvider provider) {
  if (root.empty()) {
    throw Error(ErrorKind::kInvalidArgument, "a state provider needs a root below the top");
  }
  std::lock_guard lock(providers_mutex_);
  std::uint64_t id = next_provider_++;
  providers_.emplace(id, Provider{root, std::move(provider)});
  return Registration([this, id] {
    std::lock_guard release_lock(providers_mutex_);
    providers_.erase(id);
  });
}

void LocalDatastore::saveStartup() {
  if (options_.data_dir.empty()) {
    throw Error(ErrorKind::kUnavailable,
                "saving the startup config needs a data folder, and none is configured");
  }
  std::string text;
  {
    std::lock_guard lock(write_mutex_);
    text = printJsonConfig(running_.get(), true, false);
  }
  writeFileAtomically(startupPath(), text);
  spdlog::info("datastore: saved startup config {}", startupPath().string());
}

void LocalDatastore::registerBuiltinTools() {
  tools_.add("system configuration save", [this](const ToolsRequest&) {
    saveStartup();
    return std::string("saved ") + startupPath().string();
  });
  const lysc_node* interface = schema_->findTopLevel("interface");
  if (interface != nullptr && schema_->findChild(interface, "statistics") != nullptr) {
    tools_.add("interface * statistics clear", [this](const ToolsRequest& request) {
      return clearInterfaceStatistics(request.keys.at(0));
    });
  }
}

std::string LocalDatastore::clearInterfaceStatistics(const std::string& name) {
  const lysc_node* interface = schema_->findTopLevel("interface");
  std::string entry = schema::schemaPath(interface) + "[name=" + xpathLiteral(name) + "]";
  std::lock_guard lock(write_mutex_);
  auto snapshot = currentSnapshot();
  lyd_node* found = nullptr;
  if (snapshot->tree() == nullptr ||
      lyd_find_path(snapshot->tree(), entry.c_str(), 0, &found) != LY_SUCCESS) {
    takeLibyangErrors(ctx_);
    throw Error(ErrorKind::kNotFound, "interface " + name + " does not exist");
  }
  Tree next = duplicateTree(state_.get());
  std::string counters = entry + "/statistics/*";
  std::size_t cleared = 0;
  if (next) {
    ly_set* leaves = nullptr;
    if (lyd_find_xpath(next.get(), counters.c_str(), &leaves) == LY_SUCCESS) {
      for (uint32_t i = 0; i < leaves->count; ++i) {
        lyd_node* leaf = leaves->dnodes[i];
        if (std::string_view(leaf->schema->name) != "last-clear") {
          lyd_change_term(leaf, "0");
          ++cleared;
        }
      }
      ly_set_free(leaves, nullptr);
    }
  }
  const lysc_node* statistics = schema_->findChild(interface, "statistics");
  if (schema_->findChild(statistics, "last-clear") != nullptr) {
    applyEdit(next, ctx_,
              Edit{EditKind::kSet, entry + "/statistics/last-clear", nowTimestamp(), {}},
              EditScope::kState);
  }
  state_ = std::move(next);
  publishLocked();
  spdlog::info("datastore: cleared {} counters of interface {}", cleared, name);
  return "";
}

}  // namespace eventmgr::datastore
