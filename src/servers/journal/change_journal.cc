#include "servers/journal/change_journal.h"

#include "schema/node.h"

#include <thread>

namespace eventmgr::servers {
namespace {

constexpr std::chrono::milliseconds kOriginGrace{100};

}  // namespace

ChangeJournal::ChangeJournal(datastore::Datastore& datastore, std::size_t max_batches)
    : max_batches_(max_batches == 0 ? 1 : max_batches) {
  registration_ =
      datastore.subscribe([this](const datastore::ChangeBatch& batch) { onBatch(batch); });
}

void ChangeJournal::onBatch(const datastore::ChangeBatch& batch) {
  JournalBatch entry;
  entry.sequence = batch.sequence;
  entry.time = std::chrono::system_clock::now();
  entry.changes.reserve(batch.changes.size());
  for (const auto& change : batch.changes) {
    const lysc_node* node = change.path.schemaNode();
    entry.changes.push_back(JournalChange{change.path.toCli(), change.new_value,
                                          node != nullptr && schema::isConfig(node)});
  }
  {
    std::lock_guard lock(mutex_);
    batches_.push_back(std::move(entry));
    while (batches_.size() > max_batches_) {
      batches_.pop_front();
    }
  }
  added_.notify_all();
}

std::vector<JournalBatch> ChangeJournal::since(std::uint64_t since, std::size_t max,
                                               std::chrono::milliseconds wait, bool& dropped) {
  std::unique_lock lock(mutex_);
  added_.wait_for(lock, wait,
                  [&] { return !batches_.empty() && batches_.back().sequence > since; });
  // Batches younger than the grace period are held back, so that the event handler has
  // recorded which of them its own actions caused before a client asks for their origin.
  // NOTE: under extreme load an own batch may still be labelled external.
  auto newest_allowed = std::chrono::system_clock::now() - kOriginGrace;
  if (!batches_.empty() && batches_.back().sequence > since &&
      batches_.back().time > newest_allowed) {
    lock.unlock();
    std::this_thread::sleep_for(kOriginGrace);
    lock.lock();
    newest_allowed = std::chrono::system_clock::now() - kOriginGrace;
  }
  dropped = since != 0 && !batches_.empty() && batches_.front().sequence > since + 1;
  std::vector<JournalBatch> result;
  for (const auto& batch : batches_) {
    if (batch.sequence <= since) {
      continue;
    }
    if (batch.time > newest_allowed || result.size() >= max) {
      break;
    }
    result.push_back(batch);
  }
  return result;
}

}  // namespace eventmgr::servers
