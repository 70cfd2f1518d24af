#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "datastore/datastore.h"
#include "engine/engine.h"

namespace eventmgr::servers::metrics {

//! A daemon-wide value read when /metrics is scraped.
struct Gauge {
  std::string name;  //!< Prometheus metric name, e.g. eventmgr_busy_executions
  std::string help;
  std::string type;  //!< "gauge" or "counter"
  std::function<double()> value;
};

//! Upper bounds, in seconds, of the execution-duration histogram buckets (+Inf is implied).
inline constexpr std::array<double, 12> kDurationBucketsSeconds = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

//! Prometheus metrics of the daemon in text exposition format 0.0.4: per-instance state and
//! counters (from Engine::status), a histogram of execution durations per instance, and the
//! daemon's gauges.
//!
//! The histogram observes `last-execution upython-duration` each time an instance's `last-execution
//! end-time` changes in the datastore. NOTE: executions whose state writes the datastore
//! merges into one change batch are observed once, so under bursts the histogram count may
//! trail execution-count. The execution-count counter itself is exact.
class MetricsRegistry {
 public:
  //! Subscribes to DATASTORE's changes. ENGINE and DATASTORE must outlive this object.
  MetricsRegistry(const engine::Engine& engine, datastore::Datastore& datastore,
                  std::vector<Gauge> gauges);

  //! Returns the current metrics as Prometheus text. Thread-safe.
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kDurationBucketsSeconds.size()> buckets{};
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };

  void onChanges(const datastore::ChangeBatch& batch);

  const engine::Engine& engine_;
  datastore::Datastore& datastore_;
  std::vector<Gauge> gauges_;
  mutable std::mutex mutex_;
  std::map<std::string, Histogram> histograms_;  //!< by instance name
  datastore::Registration registration_;
};

}  // namespace eventmgr::servers::metrics
