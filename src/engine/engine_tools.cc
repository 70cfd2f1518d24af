// Engine::registerTools: the event-handler tools commands.

#include <spdlog/spdlog.h>

#include "common/error.h"
#include "engine/engine.h"
#include "engine/instance.h"

namespace eventmgr::engine {

void Engine::registerTools() {
  auto instanceFor = [this](const datastore::ToolsRequest& request) {
    const std::string& name = request.keys.at(0);
    auto instance = findInstance(name);
    if (!instance) {
      throw Error(ErrorKind::kNotFound,
                  "event-handler instance \"" + name + "\" is not configured");
    }
    return instance;
  };

  auto add = [this](const std::string& pattern, datastore::ToolsHandler handler) {
    config_store_.tools().add(pattern, std::move(handler));
    tools_patterns_.push_back(pattern);
  };

  add("system event-handler instance * reload", [this, instanceFor](const auto& request) {
    auto instance = instanceFor(request);
    bool enabled;
    {
      std::lock_guard lock(instance->mutex);
      enabled = instance->config.enabled;
    }
    if (!enabled) {
      throw Error(ErrorKind::kInvalidArgument, "event-handler instance \"" + request.keys.at(0) +
                                                   "\" is disabled; enable it before reloading");
    }
    spdlog::info("instance {}: reload requested", request.keys.at(0));
    startInstance(instance, TriggerKind::kReload);
    return std::string();
  });

  add("system event-handler instance * statistics clear", [this, instanceFor](const auto& request) {
    auto instance = instanceFor(request);
    {
      std::lock_guard lock(instance->mutex);
      instance->status.statistics = InstanceStatistics{};
    }
    instance->gate.clearCounters();
    publishState(*instance);
    return std::string();
  });

  add("system event-handler instance * persistent-data clear",
      [this, instanceFor](const auto& request) {
        auto instance = instanceFor(request);
        store_.setPersistentData(request.keys.at(0), std::nullopt);
        return std::string();
      });
}

}  // namespace eventmgr::engine
