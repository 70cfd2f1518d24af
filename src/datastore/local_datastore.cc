#include "datastore/local_datastore.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <utility>

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

bool isAncestorOrSelf(const lysc_node* ancestor, const lysc_node* node) {
  for (; node != nullptr; node = node->parent) {
    if (node == ancestor) {
      return true;
    }
  }
  return false;
}

// Returns true when reads of READ_NODE's subtree can see data of the subtree of NODE.
bool overlaps(const lysc_node* read_node, const lysc_node* node) {
  return read_node == nullptr || isAncestorOrSelf(read_node, node) ||
         isAncestorOrSelf(node, read_node);
}

// Appends the changes between the old and the new version of one region.
void diffRegion(const Region* before, const Region* after, std::vector<LeafChange>& changes) {
  if (after != nullptr) {
    for (const auto& leaf : after->leaves) {
      const SnapshotLeaf* old = before == nullptr ? nullptr : before->find(leaf.xpath);
      if (old == nullptr) {
        changes.push_back({leaf.path, std::nullopt, leaf.value});
      } else if (old->value != leaf.value) {
        changes.push_back({leaf.path, old->value, leaf.value});
      }
    }
  }
  if (before != nullptr) {
    for (const auto& leaf : before->leaves) {
      if (after == nullptr || after->find(leaf.xpath) == nullptr) {
        changes.push_back({leaf.path, leaf.value, std::nullopt});
      }
    }
  }
}

void sortUnique(std::vector<std::string>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

LocalDatastore::LocalDatastore(std::shared_ptr<const schema::Schema> schema,
                               LocalDatastoreOptions options)
    : schema_(std::move(schema)),
      ctx_(schema_->context()),
      options_(std::move(options)),
      simulated_(*schema_),
      snapshot_(std::make_shared<const Snapshot>()) {
  storeLibyangErrors();
  registerBuiltinTools();

  const lysc_node* system = schema_->findTopLevel("system");
  const lysc_node* configuration =
      system == nullptr ? nullptr : schema_->findChild(system, "configuration");
  const lysc_node* last_change =
      configuration == nullptr ? nullptr : schema_->findChild(configuration, "last-change");
  if (last_change != nullptr) {
    // No list lies on this path, so schema paths are data paths and the region is `system`.
    last_change_xpath_ = schema::schemaPath(last_change);
    last_change_region_ = schema::schemaPath(system);
  }

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
  rebuildAllLocked(false);
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
    throwValidationError(ctx_, tree.get(), "configuration is invalid");
  }
}

std::uint64_t LocalDatastore::commit(const std::vector<Operation>& operations) {
  std::lock_guard lock(write_mutex_);
  Tree next = configWithLocked(operations);
  validateConfig(next);
  std::vector<std::string> regions;
  for (const auto& operation : operations) {
    addRegionsOfLocked(operation.path, regions);
  }
  // The regions are collected before and after the switch, so deleted and new entries count.
  Tree previous = std::exchange(running_, std::move(next));
  if (lyd_compare_siblings(previous.get(), running_.get(), LYD_COMPARE_FULL_RECURSION) ==
      LY_SUCCESS) {
    return 0;  // nothing changed, so last-change stays as it is
  }
  for (const auto& operation : operations) {
    addRegionsOfLocked(operation.path, regions);
  }
  stampLastChangeLocked(regions);
  return rebuildLocked(regions);
}

void LocalDatastore::editCandidate(const std::vector<Operation>& operations) {
  std::lock_guard lock(write_mutex_);
  std::vector<Operation> edited = candidate_;
  edited.insert(edited.end(), operations.begin(), operations.end());
  configWithLocked(edited);  // type-checks the new operations and throws on error
  candidate_ = std::move(edited);
}

std::uint64_t LocalDatastore::commitCandidate() {
  std::vector<Operation> operations;
  {
    std::lock_guard lock(write_mutex_);
    operations = candidate_;
  }
  if (operations.empty()) {
    return 0;
  }
  std::uint64_t sequence = commit(operations);
  std::lock_guard lock(write_mutex_);
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

void LocalDatastore::validate(const std::vector<Operation>& operations) const {
  std::lock_guard lock(write_mutex_);
  Tree next = configWithLocked(operations);
  validateConfig(next);
}

std::uint64_t LocalDatastore::replaceConfig(const std::string& text, ConfigFormat format) {
  Tree next = parseConfig(*schema_, text, format, ParseScope::kConfig);
  validateConfig(next);
  std::lock_guard lock(write_mutex_);
  if (lyd_compare_siblings(running_.get(), next.get(), LYD_COMPARE_FULL_RECURSION) == LY_SUCCESS) {
    return 0;
  }
  running_ = std::move(next);
  std::vector<std::string> ignored;
  stampLastChangeLocked(ignored);
  return rebuildAllLocked();
}

void LocalDatastore::addRegionsOfLocked(const path::ConcretePath& path,
                                        std::vector<std::string>& regions) const {
  if (path.empty()) {
    return;
  }
  std::string key = regionKeyOf(path);
  regions.push_back(key);
  const lysc_node* root = path.elements().front().node;
  if (key.find('[') != std::string::npos || !(root->nodetype & (LYS_CONTAINER))) {
    return;  // a list entry region contains everything below it
  }
  // A path in a container region may reach list entries below it (deleting or merging
  // `system event-handler` touches every instance), in the old view and in the trees.
  std::string xpath = path.toXPath();
  currentSnapshot()->forEachRegion([&](const Region& region) {
    if (region.key.starts_with(xpath) && region.key.size() > xpath.size() &&
        (region.key[xpath.size()] == '/' || region.key[xpath.size()] == '[')) {
      regions.push_back(region.key);
    }
  });
  collectRegionKeys(findNode(running_.get(), xpath), regions);
  collectRegionKeys(findNode(state_.get(), xpath), regions);
}

void LocalDatastore::stampLastChangeLocked(std::vector<std::string>& regions) {
  if (last_change_xpath_.empty()) {
    return;
  }
  Edit edit{EditKind::kSet, last_change_xpath_, nowTimestamp(), {}};
  applyEdit(state_, ctx_, edit, EditScope::kState);
  regions.push_back(last_change_region_);
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
  // Applying the operations to an empty tree first checks paths, scopes and value types, so
  // the in-place writes below do not fail halfway.
  Tree scratch;
  applyOperations(scratch, ctx_, operations, EditScope::kState);

  std::vector<std::string> regions;
  for (const auto& operation : operations) {
    addRegionsOfLocked(operation.path, regions);
  }
  try {
    applyOperations(state_, ctx_, operations, EditScope::kState);
  } catch (const Error& error) {
    // NOTE: a state write that fails after the check above keeps its earlier operations.
    spdlog::error("datastore: state write failed halfway: {}", error.what());
    rebuildAllLocked();
    throw;
  }
  for (const auto& operation : operations) {
    addRegionsOfLocked(operation.path, regions);
  }
  return rebuildLocked(regions);
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
  const lyd_node* leaf = findNode(scratch.get(), path.toXPath());
  if (leaf == nullptr) {
    throw Error(ErrorKind::kInternal, "override " + path.toCli() + " was not created");
  }
  std::string region = regionKeyOf(leaf);

  std::lock_guard lock(write_mutex_);
  overlay_.set(owner, region, dataPath(leaf), value);
  return rebuildLocked({region});
}

std::uint64_t LocalDatastore::removeEphemeral(const std::string& owner,
                                              const path::ConcretePath& path) {
  if (path.empty()) {
    return 0;
  }
  std::string region = regionKeyOf(path);
  std::lock_guard lock(write_mutex_);
  if (!overlay_.remove(owner, region, path.toXPath())) {
    return 0;
  }
  return rebuildLocked({region});
}

std::uint64_t LocalDatastore::removeEphemeralOwner(const std::string& owner) {
  std::lock_guard lock(write_mutex_);
  return rebuildLocked(overlay_.removeOwner(owner));
}

std::uint64_t LocalDatastore::rebuildLocked(std::vector<std::string> regions, bool notify) {
  sortUnique(regions);
  auto previous = currentSnapshot();
  std::vector<Snapshot::RegionUpdate> updates;
  std::vector<LeafChange> changes;
  for (const auto& key : regions) {
    RegionSources sources{
        ctx_,        running_.get(), findNode(running_.get(), key), findNode(state_.get(), key),
        &simulated_, &overlay_};
    auto region = buildRegion(key, sources);
    const Region* old = previous->region(key);
    if (old == nullptr && region == nullptr) {
      continue;
    }
    diffRegion(old, region.get(), changes);
    updates.emplace_back(key, std::move(region));
  }
  auto next = previous->withRegions(updates);
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(next);
  }
  if (changes.empty() || !notify) {
    return 0;
  }
  auto batch = std::make_shared<ChangeBatch>();
  batch->sequence = ++sequence_;
  batch->changes = std::move(changes);
  spdlog::debug("datastore: commit {} changed {} leaves", batch->sequence, batch->changes.size());
  dispatcher_.enqueue(std::move(batch));
  return sequence_;
}

std::uint64_t LocalDatastore::rebuildAllLocked(bool notify) {
  // Every region that exists now or existed before: walking the trees finds them without a
  // path lookup per region.
  std::vector<std::string> regions;
  for (const lyd_node* top = running_.get(); top != nullptr; top = top->next) {
    collectRegionKeys(top, regions);
  }
  for (const lyd_node* top = state_.get(); top != nullptr; top = top->next) {
    collectRegionKeys(top, regions);
  }
  for (const auto& region : overlay_.regions()) {
    regions.push_back(region);
  }
  currentSnapshot()->forEachRegion(
      [&regions](const Region& region) { regions.push_back(region.key); });
  // NOTE: rebuildLocked finds each region's root by path, and libyang searches top-level list
  // entries one by one, so a full rebuild grows with the square of the top-level entries.
  return rebuildLocked(std::move(regions), notify);
}

std::shared_ptr<const Snapshot> LocalDatastore::currentSnapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

std::map<std::string, MatchedLeaf> LocalDatastore::providedLeaves(
    const lysc_node* read_node) const {
  std::vector<std::pair<path::ConcretePath, StateProvider>> relevant;
  {
    std::lock_guard lock(providers_mutex_);
    for (const auto& [id, provider] : providers_) {
      if (overlaps(read_node, provider.root.schemaNode())) {
        relevant.emplace_back(provider.root, provider.provider);
      }
    }
  }
  std::map<std::string, MatchedLeaf> leaves;
  for (const auto& [root, provider] : relevant) {
    for (auto& leaf : provider()) {
      if (!leaf.path.startsWith(root) || leaf.path.empty()) {
        spdlog::error("datastore: state provider for {} returned {}, which lies outside it",
                      root.toCli(), leaf.path.toCli());
        continue;
      }
      std::string xpath = leaf.path.toXPath();
      leaves.insert_or_assign(std::move(xpath), std::move(leaf));
    }
  }
  return leaves;
}

std::optional<LeafValue> LocalDatastore::getValue(const path::ConcretePath& path) const {
  const lysc_node* node = path.schemaNode();
  if (node == nullptr || !(node->nodetype & LYD_NODE_TERM)) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + path.toCli() + " is not a leaf or leaf-list; read it as a subtree");
  }
  std::string xpath = path.toXPath();
  auto provided = providedLeaves(node);
  if (auto found = provided.find(xpath); found != provided.end()) {
    return found->second.value;
  }
  auto snapshot = currentSnapshot();
  const Region* region = snapshot->region(regionKeyOf(path));
  const SnapshotLeaf* leaf = region == nullptr ? nullptr : region->find(xpath);
  if (leaf == nullptr) {
    return std::nullopt;
  }
  return leaf->value;
}

std::vector<MatchedLeaf> LocalDatastore::getMatching(const path::Pattern& pattern) const {
  const lysc_node* node = pattern.schemaNode();
  bool leaf_pattern = node != nullptr && (node->nodetype & LYD_NODE_TERM);
  auto accepts = [&](const lysc_node* leaf_schema, const path::ConcretePath& leaf_path) {
    if (leaf_pattern) {
      return leaf_schema == node && pattern.matches(leaf_path);
    }
    return (node == nullptr || isAncestorOrSelf(node, leaf_schema)) && pattern.covers(leaf_path);
  };

  std::map<std::string, MatchedLeaf> provided = providedLeaves(node);
  // Collect pointers with their sort keys first, and copy paths and values only once sorted.
  std::vector<std::pair<std::string_view, const MatchedLeaf*>> provided_matches;
  std::vector<std::string> provided_keys;
  provided_keys.reserve(provided.size());
  for (const auto& [xpath, leaf] : provided) {
    if (accepts(leaf.path.schemaNode(), leaf.path)) {
      provided_keys.push_back(naturalSortKey(leaf.path));
      provided_matches.emplace_back(provided_keys.back(), &leaf);
    }
  }
  std::vector<const SnapshotLeaf*> stored;
  auto snapshot = currentSnapshot();
  snapshot->forEachRegion([&](const Region& region) {
    if (!overlaps(node, region.root_schema)) {
      return;
    }
    for (const auto& leaf : region.leaves) {
      if (accepts(leaf.schema, leaf.path) && !provided.contains(leaf.xpath)) {
        stored.push_back(&leaf);
      }
    }
  });
  std::sort(stored.begin(), stored.end(),
            [](const SnapshotLeaf* a, const SnapshotLeaf* b) { return a->sort_key < b->sort_key; });
  std::sort(provided_matches.begin(), provided_matches.end());

  // Merge the two sorted lists.
  std::vector<MatchedLeaf> result;
  result.reserve(stored.size() + provided_matches.size());
  auto next_provided = provided_matches.begin();
  for (const SnapshotLeaf* leaf : stored) {
    for (; next_provided != provided_matches.end() && next_provided->first < leaf->sort_key;
         ++next_provided) {
      result.push_back(*next_provided->second);
    }
    result.push_back({leaf->path, leaf->value});
  }
  for (; next_provided != provided_matches.end(); ++next_provided) {
    result.push_back(*next_provided->second);
  }
  return result;
}

Tree LocalDatastore::mergedTree(const path::ConcretePath& path) const {
  auto snapshot = currentSnapshot();
  Tree tree;
  auto add = [&tree](const Region& region) {
    Tree copy = duplicateTree(region.tree.get());
    lyd_node* top = tree.release();
    LY_ERR status = lyd_merge_siblings(&top, copy.get(), LYD_MERGE_WITH_FLAGS);
    tree.reset(top);
    if (status != LY_SUCCESS) {
      throwLibyangError(LYD_CTX(copy.get()), ErrorKind::kInternal,
                        "assembling region " + region.key + " failed");
    }
  };
  std::string key = path.empty() ? std::string() : regionKeyOf(path);
  if (!key.empty() && key.find('[') != std::string::npos) {
    if (const Region* region = snapshot->region(key)) {
      add(*region);
    }
  } else {
    // A path in a container region or the root: every region below the same top-level node.
    snapshot->forEachRegion([&](const Region& region) {
      if (key.empty() || region.key.starts_with(key)) {
        add(region);
      }
    });
  }
  for (const auto& [xpath, leaf] : providedLeaves(path.schemaNode())) {
    applyEdit(tree, ctx_, Edit{EditKind::kSet, xpath, leaf.value, {}}, EditScope::kState);
  }
  return tree;
}

std::string LocalDatastore::getSubtree(const path::ConcretePath& path, DataView view,
                                       ConfigFormat format) const {
  Tree tree;
  if (view == DataView::kMerged) {
    tree = mergedTree(path);
  } else {
    std::lock_guard lock(write_mutex_);
    tree =
        view == DataView::kCandidate ? configWithLocked(candidate_) : duplicateTree(running_.get());
  }
  bool with_defaults = view == DataView::kMerged;
  if (path.empty() || !tree) {
    return printConfig(tree.get(), format, with_defaults);
  }

  ly_set* found = nullptr;
  if (lyd_find_xpath(tree.get(), path.toXPath().c_str(), &found) != LY_SUCCESS) {
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
    lyd_node* top = subtree.release();
    lyd_merge_siblings(&top, piece.get(), LYD_MERGE_WITH_FLAGS);
    subtree.reset(top);
  }
  ly_set_free(found, nullptr);
  return printConfig(subtree.get(), format, with_defaults);
}

Registration LocalDatastore::subscribe(ChangeCallback callback) {
  std::uint64_t id = dispatcher_.subscribe(std::move(callback));
  return Registration([this, id] { dispatcher_.unsubscribe(id); });
}

std::uint64_t LocalDatastore::lastSequence() const {
  std::lock_guard lock(write_mutex_);
  return sequence_;
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
  if (currentSnapshot()->region(entry) == nullptr) {
    throw Error(ErrorKind::kNotFound, "interface " + name + " does not exist");
  }
  std::size_t cleared = 0;
  ly_set* leaves = nullptr;
  if (state_ &&
      lyd_find_xpath(state_.get(), (entry + "/statistics/*").c_str(), &leaves) == LY_SUCCESS) {
    for (uint32_t i = 0; i < leaves->count; ++i) {
      lyd_node* leaf = leaves->dnodes[i];
      if (std::string_view(leaf->schema->name) != "last-clear") {
        lyd_change_term(leaf, "0");
        ++cleared;
      }
    }
    ly_set_free(leaves, nullptr);
  }
  const lysc_node* statistics = schema_->findChild(interface, "statistics");
  if (schema_->findChild(statistics, "last-clear") != nullptr) {
    applyEdit(state_, ctx_,
              Edit{EditKind::kSet, entry + "/statistics/last-clear", nowTimestamp(), {}},
              EditScope::kState);
  }
  rebuildLocked({entry});
  spdlog::info("datastore: cleared {} counters of interface {}", cleared, name);
  return "";
}

}  // namespace eventmgr::datastore
