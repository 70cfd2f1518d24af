#include "datastore/ephemeral_overlay.h"

#include <algorithm>

namespace eventmgr::datastore {

void EphemeralOverlay::set(const std::string& owner, const std::string& xpath,
                           const LeafValue& value) {
  auto& entries = entries_[xpath];
  std::erase_if(entries, [&owner](const Entry& entry) { return entry.owner == owner; });
  entries.push_back({owner, value, next_sequence_++});
}

bool EphemeralOverlay::remove(const std::string& owner, const std::string& xpath) {
  auto found = entries_.find(xpath);
  if (found == entries_.end()) {
    return false;
  }
  auto erased =
      std::erase_if(found->second, [&owner](const Entry& entry) { return entry.owner == owner; });
  if (found->second.empty()) {
    entries_.erase(found);
  }
  return erased > 0;
}

bool EphemeralOverlay::removeOwner(const std::string& owner) {
  bool removed = false;
  for (auto it = entries_.begin(); it != entries_.end();) {
    removed |= std::erase_if(it->second,
                             [&owner](const Entry& entry) { return entry.owner == owner; }) > 0;
    it = it->second.empty() ? entries_.erase(it) : std::next(it);
  }
  return removed;
}

std::map<std::string, LeafValue> EphemeralOverlay::effective() const {
  std::map<std::string, LeafValue> result;
  for (const auto& [xpath, entries] : entries_) {
    result.emplace(xpath, entries.back().value);
  }
  return result;
}

const LeafValue* EphemeralOverlay::find(const std::string& xpath) const {
  auto found = entries_.find(xpath);
  return found == entries_.end() ? nullptr : &found->second.back().value;
}

}  // namespace eventmgr::datastore
