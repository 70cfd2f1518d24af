#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "datastore/datastore.h"

namespace eventmgr::servers {

//! One recorded leaf change, in the form `eventmgr record` writes.
struct JournalChange {
  std::string path;                           //!< concrete CLI path
  std::optional<datastore::LeafValue> value;  //!< nullopt: the leaf was deleted
  bool config = false;                        //!< a configuration leaf (else state)
};

//! One recorded change batch.
struct JournalBatch {
  std::uint64_t sequence = 0;
  std::chrono::system_clock::time_point time;
  std::vector<JournalChange> changes;
};

//! Keeps the most recent change batches of a datastore so that clients (`eventmgr record`) can
//! read the change stream by polling with the last sequence they saw. Thread-safe.
class ChangeJournal {
 public:
  //! Subscribes to DATASTORE and keeps at most MAX_BATCHES batches.
  ChangeJournal(datastore::Datastore& datastore, std::size_t max_batches = 10000);

  //! Returns up to MAX batches with a sequence above SINCE, waiting up to WAIT for the first one.
  //! DROPPED is set when batches after SINCE were already discarded.
  std::vector<JournalBatch> since(std::uint64_t since, std::size_t max,
                                  std::chrono::milliseconds wait, bool& dropped);

 private:
  void onBatch(const datastore::ChangeBatch& batch);

  std::size_t max_batches_;
  std::mutex mutex_;
  std::condition_variable added_;
  std::deque<JournalBatch> batches_;
  datastore::Registration registration_;
};

}  // namespace eventmgr::servers
