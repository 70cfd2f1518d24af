#include "engine/engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/error.h"
#include "engine/input/script_input.h"
#include "engine/instance.h"
#include "engine/state/history_leaves.h"
#include "path/parser.h"
#include "schema/node.h"

namespace eventmgr::engine {
namespace {

// Own change batches remembered for loop protection; older ones are forgotten.
constexpr std::size_t kOwnSequencesKept = 4096;

}  // namespace

Engine::Engine(EngineOptions options, datastore::Datastore& config_store, targets::Target& target,
               runtime::ScriptRunner& runner, ExecutionStore& store, Clock& clock,
               Executor& executor)
    : options_(std::move(options)),
      config_store_(config_store),
      target_(target),
      runner_(runner),
      store_(store),
      clock_(clock),
      executor_(executor),
      state_writer_(config_store.schema()),
      event_handler_path_(path::parseConcretePath(config_store.schema(), "system event-handler")) {}

Engine::~Engine() {
  stop();
}

void Engine::start() {
  if (running_.exchange(true)) {
    return;
  }
  spdlog::info("event handler starting with script folders [{}]", [this] {
    std::string folders;
    for (const auto& folder : options_.script_dirs) {
      folders += (folders.empty() ? "" : ", ") + folder.string();
    }
    return folders;
  }());
  registerTools();
  registrations_.push_back(
      config_store_.subscribe([this](const datastore::ChangeBatch& batch) { onChanges(batch); }));
  // NOTE: a remote target delivers its changes through its own subscription, which the gNMI
  // target will add; the local target is the same datastore as config_store_.
  reconcile();
}

void Engine::stop() {
  if (!running_.exchange(false)) {
    return;
  }
  spdlog::info("event handler stopping");
  registrations_.clear();
  {
    std::unique_lock lock(mutex_);
    history_providers_.clear();
  }
  for (const auto& pattern : tools_patterns_) {
    config_store_.tools().remove(pattern);
  }
  tools_patterns_.clear();

  std::vector<std::shared_ptr<Instance>> instances;
  {
    std::unique_lock lock(mutex_);
    for (const auto& [name, instance] : instances_) {
      instances.push_back(instance);
    }
  }
  for (const auto& instance : instances) {
    instance->gate.reset();
    std::lock_guard lock(instance->mutex);
    ++instance->generation;
    cancelReinvokeLocked(*instance);
  }

  std::unique_lock lock(busy_mutex_);
  if (!busy_changed_.wait_for(lock, options_.stop_timeout,
                              [this] { return busy_executions_.load() == 0; })) {
    spdlog::warn("event handler stopped with {} executions still running", busy_executions_.load());
  }
  spdlog::info("event handler stopped");
}

std::vector<std::string> Engine::instanceNames() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, instance] : instances_) {
    names.push_back(name);
  }
  return names;
}

std::optional<InstanceStatus> Engine::status(const std::string& name) const {
  auto instance = findInstance(name);
  if (!instance) {
    return std::nullopt;
  }
  std::lock_guard lock(instance->mutex);
  auto status = instance->status;
  status.statistics.events_received = instance->gate.eventsReceived();
  status.statistics.events_coalesced = instance->gate.eventsCoalesced();
  return status;
}

bool Engine::idle() const {
  if (busy_executions_.load() != 0) {
    return false;
  }
  std::shared_lock lock(mutex_);
  return std::none_of(instances_.begin(), instances_.end(),
                      [](const auto& entry) { return entry.second->gate.running(); });
}

std::shared_ptr<Instance> Engine::findInstance(const std::string& name) const {
  std::shared_lock lock(mutex_);
  auto found = instances_.find(name);
  return found == instances_.end() ? nullptr : found->second;
}

void Engine::rememberOwnSequence(std::uint64_t sequence, std::uint64_t instance_id) {
  if (sequence == 0) {
    return;
  }
  std::lock_guard lock(own_sequences_mutex_);
  own_sequences_.emplace_back(sequence, instance_id);
  if (own_sequences_.size() > kOwnSequencesKept) {
    own_sequences_.pop_front();
  }
}

bool Engine::isOwnSequence(std::uint64_t sequence, std::uint64_t instance_id) const {
  std::lock_guard lock(own_sequences_mutex_);
  return std::any_of(own_sequences_.begin(), own_sequences_.end(), [&](const auto& entry) {
    return entry.first == sequence && entry.second == instance_id;
  });
}

std::optional<std::string> Engine::originOf(std::uint64_t sequence) const {
  std::uint64_t instance_id = 0;
  {
    std::lock_guard lock(own_sequences_mutex_);
    for (const auto& [own, id] : own_sequences_) {
      if (own == sequence) {
        instance_id = id;
        break;
      }
    }
  }
  if (instance_id == 0) {
    return std::nullopt;
  }
  std::shared_lock lock(mutex_);
  auto found = instances_by_id_.find(instance_id);
  return found == instances_by_id_.end() ? std::string("deleted instance")
                                         : found->second->config.name;
}

// Runs on the datastore's notification thread: route changes of watched values to instances,
// and re-read the event-handler configuration when it changed.
void Engine::onChanges(const datastore::ChangeBatch& batch) {
  if (!running_.load()) {
    return;
  }
  bool config_changed = false;
  std::map<std::uint64_t, Trigger> triggers;
  std::vector<path::PatternId> ids;
  {
    std::shared_lock lock(mutex_);
    for (const auto& change : batch.changes) {
      const lysc_node* node = change.path.schemaNode();
      if (node != nullptr && schema::isConfig(node) &&
          change.path.startsWith(event_handler_path_)) {
        config_changed = true;
      }
      index_.match(change.path, ids);
      if (ids.empty()) {
        continue;
      }
      std::string cli = change.path.toCli();
      for (auto id : ids) {
        auto& trigger = triggers[id];
        trigger.kind = TriggerKind::kChange;
        trigger.merge(Trigger{TriggerKind::kChange, {cli}, {batch.sequence}});
      }
    }
  }

  if (config_changed) {
    reconcile();
  }
  for (auto& [id, trigger] : triggers) {
    std::shared_ptr<Instance> instance;
    {
      std::shared_lock lock(mutex_);
      auto found = instances_by_id_.find(id);
      if (found == instances_by_id_.end()) {
        continue;
      }
      instance = found->second;
    }
    {
      std::lock_guard lock(instance->mutex);
      if (batch.sequence <= instance->started_at_sequence) {
        continue;
      }
    }
    instance->gate.submit(std::move(trigger));
  }
}

void Engine::reconcile() {
  std::lock_guard reconcile_lock(reconcile_mutex_);
  EventHandlerConfig config;
  try {
    config = parseEventHandlerConfig(config_store_.getSubtree(
        event_handler_path_, datastore::DataView::kRunning, datastore::ConfigFormat::kJson));
  } catch (const Error& error) {
    spdlog::error("reading the event-handler configuration failed: {}", error.what());
    return;
  }
  applyConfig(config);
}

void Engine::applyConfig(const EventHandlerConfig& config) {
  std::vector<std::shared_ptr<Instance>> removed;
  std::vector<std::pair<std::shared_ptr<Instance>, InstanceConfig>> changed;
  std::vector<std::shared_ptr<Instance>> created;
  std::vector<std::shared_ptr<Instance>> readmitted;
  {
    std::unique_lock lock(mutex_);
    run_as_user_ = config.run_as_user;
    for (auto it = instances_.begin(); it != instances_.end();) {
      if (config.instances.count(it->first) == 0) {
        removed.push_back(it->second);
        instances_by_id_.erase(it->second->id);
        index_.remove(it->second->id);
        it = instances_.erase(it);
      } else {
        ++it;
      }
    }
    for (const auto& [name, instance_config] : config.instances) {
      auto found = instances_.find(name);
      if (found != instances_.end()) {
        changed.emplace_back(found->second, instance_config);
        continue;
      }
      std::uint64_t id = next_instance_id_++;
      auto instance = std::make_shared<Instance>(id, clock_);
      std::weak_ptr<Instance> weak = instance;
      instance->gate.setDispatch([this, weak](Trigger trigger) {
        if (auto strong = weak.lock()) {
          dispatch(strong, std::move(trigger));
        }
      });
      instance->config = instance_config;
      instances_[name] = instance;
      instances_by_id_[id] = instance;
      created.push_back(instance);
    }

    // The oldest max_instances instances run; later ones stay down until others are deleted.
    std::vector<std::shared_ptr<Instance>> by_age;
    for (const auto& [name, instance] : instances_) {
      by_age.push_back(instance);
    }
    std::sort(by_age.begin(), by_age.end(),
              [](const auto& left, const auto& right) { return left->id < right->id; });
    for (std::size_t i = 0; i < by_age.size(); ++i) {
      bool over = i >= options_.max_instances;
      std::lock_guard instance_lock(by_age[i]->mutex);
      if (by_age[i]->over_limit && !over) {
        // A slot became free: start it like a new instance.
        readmitted.push_back(by_age[i]);
      }
      by_age[i]->over_limit = over;
    }
  }

  for (const auto& instance : removed) {
    {
      std::unique_lock lock(mutex_);
      history_providers_.erase(instance->config.name);
    }
    removeInstance(instance);
  }
  for (const auto& instance : created) {
    addHistoryProvider(instance->config.name);
    bool enabled;
    {
      std::lock_guard lock(instance->mutex);
      enabled = instance->config.enabled;
      // A restart keeps the last executions visible, as SR Linux does after a reboot.
      instance->status.last_execution = store_.lastExecution(instance->config.name);
      instance->status.last_errored_execution = store_.lastErroredExecution(instance->config.name);
    }
    if (enabled) {
      startInstance(instance, TriggerKind::kStart);
    } else {
      stopInstance(instance, "admin-disabled");
    }
  }
  for (const auto& instance : readmitted) {
    bool enabled;
    {
      std::lock_guard lock(instance->mutex);
      enabled = instance->config.enabled;
    }
    if (enabled) {
      startInstance(instance, TriggerKind::kStart);
    } else {
      stopInstance(instance, "admin-disabled");
    }
  }
  for (const auto& [instance, next] : changed) {
    bool was_enabled;
    bool restart;
    {
      std::lock_guard lock(instance->mutex);
      was_enabled = instance->enabled;
      restart = next.needsRestart(instance->config) || instance->config.enabled != next.enabled;
      instance->config = next;
      instance->gate.setMinInterval(next.min_interval);
    }
    if (!restart) {
      continue;
    }
    if (next.enabled) {
      startInstance(instance, TriggerKind::kStart);
    } else if (was_enabled) {
      stopInstance(instance, "admin-disabled");
    }
  }
}

void Engine::startInstance(const std::shared_ptr<Instance>& instance, TriggerKind kind) {
  std::vector<path::Pattern> patterns;
  std::vector<std::string> schemas;
  std::optional<std::string> failure;
  InstanceConfig config;
  bool over_limit;
  {
    std::lock_guard lock(instance->mutex);
    config = instance->config;
    over_limit = instance->over_limit;
  }
  if (over_limit) {
    holdOverLimit(instance);
    return;
  }

  if (config.paths.size() > options_.max_paths) {
    failure = "instance has " + std::to_string(config.paths.size()) + " paths; at most " +
              std::to_string(options_.max_paths) + " are allowed";
  }
  for (const auto& text : config.paths) {
    if (failure) {
      break;
    }
    schemas.push_back(normaliseConfiguredPath(text));
    try {
      auto pattern = path::parsePattern(target_.schema(), text);
      auto kind_at_end = pattern.endsAt();
      if (kind_at_end != schema::NodeKind::kLeaf && kind_at_end != schema::NodeKind::kLeafList) {
        failure = "path \"" + text + "\" ends at a " + schema::nodeKindName(kind_at_end) +
                  "; a watched path must end at a leaf or leaf-list";
        break;
      }
      patterns.push_back(std::move(pattern));
    } catch (const Error& error) {
      failure = "invalid path \"" + text + "\": " + error.what();
    }
  }

  instance->gate.reset();
  {
    std::unique_lock lock(mutex_);
    index_.remove(instance->id);
  }
  std::uint64_t generation;
  {
    std::lock_guard lock(instance->mutex);
    generation = ++instance->generation;
    cancelReinvokeLocked(*instance);
    instance->action_memory.clear();
    instance->self_triggers.clear();
    instance->loop_stopped = false;
    instance->enabled = true;
    instance->started_at_sequence = target_.lastSequence();
    instance->patterns = patterns;
    instance->schemas = schemas;
    instance->gate.setMinInterval(config.min_interval);
    if (failure) {
      instance->status.oper_state = "down";
      instance->status.oper_down_reason = "subscription-failed";
      instance->status.oper_down_reason_detail = *failure;
    } else {
      instance->status.oper_state = "starting";
      instance->status.oper_down_reason.reset();
      instance->status.oper_down_reason_detail.clear();
    }
  }
  (void)generation;

  if (failure) {
    spdlog::warn("instance {} is down: subscription-failed: {}", config.name, *failure);
    publishState(*instance);
    return;
  }

  {
    std::unique_lock lock(mutex_);
    for (auto& pattern : patterns) {
      index_.add(instance->id, pattern);
    }
  }
  spdlog::info("instance {} started ({} paths, script {})", config.name, patterns.size(),
               config.script);
  publishState(*instance);
  instance->gate.submit(Trigger{kind, {}, {}});
}

void Engine::holdOverLimit(const std::shared_ptr<Instance>& instance) {
  std::string name;
  {
    std::lock_guard lock(instance->mutex);
    name = instance->config.name;
  }
  spdlog::error("instance {} not started: the number of event-handler instances is limited to {}",
                name, options_.max_instances);
  stopInstance(instance, "system-error",
               "not started: the number of event-handler instances is limited to " +
                   std::to_string(options_.max_instances) +
                   " (SR Linux's limit); delete another instance or raise --max-instances");
}

void Engine::stopInstance(const std::shared_ptr<Instance>& instance, const char* reason,
                          const std::string& detail) {
  instance->gate.reset();
  {
    std::unique_lock lock(mutex_);
    index_.remove(instance->id);
  }
  std::string name;
  {
    std::lock_guard lock(instance->mutex);
    ++instance->generation;
    cancelReinvokeLocked(*instance);
    instance->action_memory.clear();
    instance->enabled = false;
    instance->status.oper_state = "down";
    instance->status.oper_down_reason = reason;
    instance->status.oper_down_reason_detail = detail;
    name = instance->config.name;
  }
  try {
    target_.clearEphemeral(name);
  } catch (const Error& error) {
    spdlog::warn("instance {}: removing its ephemeral overrides failed: {}", name, error.what());
  }
  spdlog::info("instance {} stopped ({})", name, reason);
  publishState(*instance);
}

void Engine::removeInstance(const std::shared_ptr<Instance>& instance) {
  instance->gate.reset();
  std::string name;
  {
    std::lock_guard lock(instance->mutex);
    ++instance->generation;
    cancelReinvokeLocked(*instance);
    instance->deleted = true;
    instance->enabled = false;
    name = instance->config.name;
  }
  try {
    target_.clearEphemeral(name);
  } catch (const Error& error) {
    spdlog::warn("instance {}: removing its ephemeral overrides failed: {}", name, error.what());
  }
  try {
    store_.removeInstance(name);
  } catch (const Error& error) {
    spdlog::warn("instance {}: removing its history and persistent-data failed: {}", name,
                 error.what());
  }
  // State lives apart from config, so the instance's state leaves must go explicitly.
  try {
    config_store_.writeState(state_writer_.remove(name));
  } catch (const Error& error) {
    spdlog::warn("instance {}: removing its state failed: {}", name, error.what());
  }
  spdlog::info("instance {} deleted", name);
}

void Engine::dispatch(const std::shared_ptr<Instance>& instance, Trigger trigger) {
  std::uint64_t generation;
  {
    std::lock_guard lock(instance->mutex);
    generation = instance->generation;
  }
  busy_executions_.fetch_add(1);
  executor_.post([this, instance, trigger = std::move(trigger), generation]() mutable {
    try {
      execute(instance, std::move(trigger), generation);
    } catch (const std::exception& error) {
      spdlog::error("instance {}: execution failed unexpectedly: {}", instance->config.name,
                    error.what());
      instance->gate.finished();
    }
    {
      std::lock_guard lock(busy_mutex_);
      busy_executions_.fetch_sub(1);
    }
    busy_changed_.notify_all();
  });
}

void Engine::cancelReinvokeLocked(Instance& instance) {
  if (instance.reinvoke_timer) {
    clock_.cancel(*instance.reinvoke_timer);
    instance.reinvoke_timer.reset();
  }
}

void Engine::armReinvoke(const std::shared_ptr<Instance>& instance,
                         std::chrono::milliseconds delay) {
  std::lock_guard lock(instance->mutex);
  cancelReinvokeLocked(*instance);
  std::uint64_t generation = instance->generation;
  std::weak_ptr<Instance> weak = instance;
  instance->reinvoke_timer = clock_.schedule(clock_.now() + delay, [this, weak, generation] {
    auto strong = weak.lock();
    if (!strong || !running_.load()) {
      return;
    }
    {
      std::lock_guard timer_lock(strong->mutex);
      if (strong->generation != generation) {
        return;
      }
      strong->reinvoke_timer.reset();
      ++strong->status.statistics.reinvocations;
    }
    strong->gate.submit(Trigger{TriggerKind::kReinvoke, {}, {}});
  });
}

void Engine::addHistoryProvider(const std::string& name) {
  path::ConcretePath history;
  try {
    auto instance_path = state_writer_.instancePath(name);
    const lysc_node* node = config_store_.schema().findChild(instance_path.schemaNode(), "history");
    if (node == nullptr) {
      throw Error(ErrorKind::kNotFound, "the schema has no history container under instances");
    }
    history = instance_path.child(path::PathElement{node, "history", {}});
  } catch (const Error& error) {
    spdlog::error("instance {}: the execution history cannot be shown as state: {}", name,
                  error.what());
    return;
  }
  auto registration = config_store_.addStateProvider(history, [this, name, history] {
    std::size_t keep = 64;
    if (auto instance = findInstance(name)) {
      std::lock_guard lock(instance->mutex);
      keep = instance->config.history_size;
    }
    try {
      return historyLeaves(config_store_.schema(), history, store_.executions(name, keep));
    } catch (const Error& error) {
      spdlog::warn("instance {}: reading the execution history failed: {}", name, error.what());
      return std::vector<datastore::MatchedLeaf>{};
    }
  });
  std::unique_lock lock(mutex_);
  history_providers_[name] = std::move(registration);
}

void Engine::publishState(Instance& instance) {
  std::vector<datastore::Operation> operations;
  std::string name;
  std::uint64_t id = instance.id;
  {
    std::lock_guard lock(instance.mutex);
    if (instance.deleted) {
      return;
    }
    auto status = instance.status;
    status.statistics.events_received = instance.gate.eventsReceived();
    status.statistics.events_coalesced = instance.gate.eventsCoalesced();
    name = instance.config.name;
    operations = state_writer_.write(name, status);
  }
  try {
    rememberOwnSequence(config_store_.writeState(operations), id);
  } catch (const Error& error) {
    spdlog::warn("instance {}: publishing its state failed: {}", name, error.what());
  }
}

}  // namespace eventmgr::engine
