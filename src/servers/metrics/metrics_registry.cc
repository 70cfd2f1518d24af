#include "servers/metrics/metrics_registry.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sstream>

namespace eventmgr::servers::metrics {

namespace {

// Escapes a label value: backslash, double quote and newline.
std::string label(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

struct CounterField {
  const char* name;
  const char* help;
  std::uint64_t engine::InstanceStatistics::*field;
};

constexpr CounterField kCounters[] = {
    {"eventmgr_instance_executions_total", "Executions of the instance's script.",
     &engine::InstanceStatistics::execution_count},
    {"eventmgr_instance_execution_successes_total", "Executions that ended without error.",
     &engine::InstanceStatistics::execution_successes},
    {"eventmgr_instance_execution_timeouts_total", "Executions stopped by the timeout.",
     &engine::InstanceStatistics::execution_timeouts},
    {"eventmgr_instance_execution_errors_total", "Executions that failed.",
     &engine::InstanceStatistics::execution_errors},
    {"eventmgr_instance_events_received_total", "Changes of subscribed paths received.",
     &engine::InstanceStatistics::events_received},
    {"eventmgr_instance_events_coalesced_total",
     "Changes merged into a pending execution instead of starting one.",
     &engine::InstanceStatistics::events_coalesced},
    {"eventmgr_instance_actions_executed_total", "Actions applied.",
     &engine::InstanceStatistics::actions_executed},
    {"eventmgr_instance_actions_skipped_total", "Actions skipped as unchanged.",
     &engine::InstanceStatistics::actions_skipped},
    {"eventmgr_instance_actions_failed_total", "Actions that failed.",
     &engine::InstanceStatistics::actions_failed},
    {"eventmgr_instance_reinvocations_total", "Executions started by a reinvoke action.",
     &engine::InstanceStatistics::reinvocations},
};

}  // namespace

MetricsRegistry::MetricsRegistry(const engine::Engine& engine, datastore::Datastore& datastore,
                                 std::vector<Gauge> gauges)
    : engine_(engine), datastore_(datastore), gauges_(std::move(gauges)) {
  registration_ =
      datastore_.subscribe([this](const datastore::ChangeBatch& batch) { onChanges(batch); });
}

void MetricsRegistry::onChanges(const datastore::ChangeBatch& batch) {
  for (const auto& change : batch.changes) {
    const auto& elements = change.path.elements();
    // system event-handler instance NAME last-execution end-time
    if (elements.size() != 5 || change.deleted() || elements[4].name != "end-time" ||
        elements[3].name != "last-execution" || elements[2].name != "instance" ||
        elements[1].name != "event-handler" || elements[0].name != "system") {
      continue;
    }
    const std::string& instance = elements[2].keys.front();
    // The state writer updates upython-duration in the same batch, so the datastore has it.
    path::ConcretePath execution = change.path.parent();
    const lysc_node* node =
        datastore_.schema().findChild(execution.schemaNode(), "upython-duration");
    if (node == nullptr) {
      continue;
    }
    double seconds = 0;
    auto duration = datastore_.getValue(execution.child({node, "upython-duration", {}}));
    if (const auto* text = duration ? std::get_if<std::string>(&*duration) : nullptr) {
      try {
        seconds = static_cast<double>(std::stoull(*text)) / 1e6;
      } catch (const std::exception&) {
        spdlog::warn("metrics: upython-duration \"{}\" of instance {} is not a number", *text,
                     instance);
      }
    }
    std::lock_guard lock(mutex_);
    Histogram& histogram = histograms_[instance];
    for (std::size_t i = 0; i < kDurationBucketsSeconds.size(); ++i) {
      if (seconds <= kDurationBucketsSeconds[i]) {
        ++histogram.buckets[i];
      }
    }
    ++histogram.count;
    histogram.sum_seconds += seconds;
  }
}

std::string MetricsRegistry::render() const {
  std::ostringstream out;
  std::vector<std::pair<std::string, engine::InstanceStatus>> instances;
  for (const auto& name : engine_.instanceNames()) {
    if (auto status = engine_.status(name)) {
      instances.emplace_back(name, std::move(*status));
    }
  }

  out << "# HELP eventmgr_instance_up 1 when the instance's oper-state is up, else 0.\n"
      << "# TYPE eventmgr_instance_up gauge\n";
  for (const auto& [name, status] : instances) {
    out << fmt::format("eventmgr_instance_up{{instance=\"{}\"}} {}\n", label(name),
                       status.oper_state == "up" ? 1 : 0);
  }
  for (const CounterField& counter : kCounters) {
    out << "# HELP " << counter.name << ' ' << counter.help << "\n# TYPE " << counter.name
        << " counter\n";
    for (const auto& [name, status] : instances) {
      out << fmt::format("{}{{instance=\"{}\"}} {}\n", counter.name, label(name),
                         status.statistics.*counter.field);
    }
  }

  out << "# HELP eventmgr_execution_duration_seconds Time spent in event_handler_main.\n"
      << "# TYPE eventmgr_execution_duration_seconds histogram\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, histogram] : histograms_) {
      std::string instance = label(name);
      for (std::size_t i = 0; i < kDurationBucketsSeconds.size(); ++i) {
        out << fmt::format(
            "eventmgr_execution_duration_seconds_bucket{{instance=\"{}\",le=\"{}\"}} {}\n",
            instance, kDurationBucketsSeconds[i], histogram.buckets[i]);
      }
      out << fmt::format(
          "eventmgr_execution_duration_seconds_bucket{{instance=\"{}\",le=\"+Inf\"}} {}\n",
          instance, histogram.count);
      out << fmt::format("eventmgr_execution_duration_seconds_sum{{instance=\"{}\"}} {}\n",
                         instance, histogram.sum_seconds);
      out << fmt::format("eventmgr_execution_duration_seconds_count{{instance=\"{}\"}} {}\n",
                         instance, histogram.count);
    }
  }

  for (const Gauge& gauge : gauges_) {
    out << "# HELP " << gauge.name << ' ' << gauge.help << "\n# TYPE " << gauge.name << ' '
        << gauge.type << '\n'
        << gauge.name << ' ' << fmt::format("{}", gauge.value()) << '\n';
  }
  return out.str();
}

}  // namespace eventmgr::servers::metrics
