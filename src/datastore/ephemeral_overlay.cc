#include "datastore/ephemeral_overlay.h"

#include <algorithm>

namespace eventmgr::datastore {

void EphemeralOverlay::set(const std::string& owner, const std::string& region,
                           const std::string& xpath, const LeafValue& value) {
  auto& writes = entries_[region][xpath];
  std::erase_if(writes, [&owner](const Entry& entry) { return entry.owner == owner; });
  writes.push_back({owner, value, next_sequence_++});
}

bool EphemeralOverlay::remove(const std::string& owner, const std::string& region,
                              const std::string& xpath) {
  auto region_entries = entries_.find(region);
  if (region_entries == entries_.end()) {
    return false;
  }
  auto writes = region_entries->second.find(xpath);
  if (writes == region_entries->second.end()) {
    return false;
  }
  auto erased =
      std::erase_if(writes->second, [&owner](const Entry& entry) { return entry.owner == owner; });
  if (writes->second.empty()) {
    region_entries->second.erase(writes);
  }
  if (region_entries->second.empty()) {
    entries_.erase(region_entries);
  }
  return erased > 0;
}

std::vector<std::string> EphemeralOverlay::removeOwner(const std::string& owner) {
  std::vector<std::string> changed;
  for (auto region = entries_.begin(); region != entries_.end();) {
    bool removed = false;
    for (auto writes = region->second.begin(); writes != region->second.end();) {
      removed |= std::erase_if(writes->second,
                               [&owner](const Entry& entry) { return entry.owner == owner; }) > 0;
      writes = writes->second.empty() ? region->second.erase(writes) : std::next(writes);
    }
    if (removed) {
      changed.push_back(region->first);
    }
    region = region->second.empty() ? entries_.erase(region) : std::next(region);
  }
  return changed;
}

std::map<std::string, LeafValue> EphemeralOverlay::effectiveIn(const std::string& region) const {
  std::map<std::string, LeafValue> result;
  auto found = entries_.find(region);
  if (found == entries_.end()) {
    return result;
  }
  for (const auto& [xpath, writes] : found->second) {
    result.emplace(xpath, writes.back().value);
  }
  return result;
}

const LeafValue* EphemeralOverlay::find(const std::string& region, const std::string& xpath) const {
  auto region_entries = entries_.find(region);
  if (region_entries == entries_.end()) {
    return nullptr;
  }
  auto writes = region_entries->second.find(xpath);
  return writes == region_entries->second.end() ? nullptr : &writes->second.back().value;
}

std::vector<std::string> EphemeralOverlay::regions() const {
  std::vector<std::string> result;
  for (const auto& [region, writes] : entries_) {
    result.push_back(region);
  }
  return result;
}

}  // namespace eventmgr::datastore
