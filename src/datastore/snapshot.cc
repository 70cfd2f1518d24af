#include "datastore/snapshot.h"

#include <algorithm>

#include "schema/node.h"

namespace eventmgr::datastore {

std::size_t Snapshot::bucketOf(const std::string& key) {
  return std::hash<std::string>{}(key) % kBucketCount;
}

const Region* Snapshot::region(const std::string& key) const {
  const auto& bucket = buckets_[bucketOf(key)];
  if (!bucket) {
    return nullptr;
  }
  auto found = bucket->find(key);
  return found == bucket->end() ? nullptr : found->second.get();
}

void Snapshot::forEachRegion(const std::function<void(const Region&)>& visit) const {
  for (const auto& bucket : buckets_) {
    if (!bucket) {
      continue;
    }
    for (const auto& [key, region] : *bucket) {
      visit(*region);
    }
  }
}

std::shared_ptr<const Snapshot> Snapshot::withRegions(
    const std::vector<RegionUpdate>& updates) const {
  auto next = std::make_shared<Snapshot>(*this);
  // Copy-on-write: the new snapshot shares every bucket this write does not touch.
  std::array<std::shared_ptr<Bucket>, kBucketCount> copies{};
  for (const auto& [key, region] : updates) {
    std::size_t index = bucketOf(key);
    if (!copies[index]) {
      copies[index] =
          buckets_[index] ? std::make_shared<Bucket>(*buckets_[index]) : std::make_shared<Bucket>();
      next->buckets_[index] = copies[index];
    }
    if (region) {
      (*copies[index])[key] = region;
    } else {
      copies[index]->erase(key);
    }
  }
  return next;
}

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Appends TEXT so that byte order equals naturalCompare's order. A run of digits becomes '0'
// (which compares with other bytes as any digit does), then its length, its digits without
// leading zeros, and the count of leading zeros (so fewer zeros come first on equal values).
void appendNatural(std::string_view text, std::string& key) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isDigit(text[i])) {
      key += text[i++];
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && text[i] == '0') {
      ++i;
    }
    std::size_t digits = i;
    while (i < text.size() && isDigit(text[i])) {
      ++i;
    }
    key += '0';
    key += static_cast<char>(std::min<std::size_t>(i - digits, 255));
    key.append(text.substr(digits, i - digits));
    key += static_cast<char>(std::min<std::size_t>(digits - start, 255));
  }
}

}  // namespace

std::string naturalSortKey(const path::ConcretePath& path) {
  // Separators \x01 (after a name or key) and \x00 (after an element) sort below any
  // printable byte, so a shorter name, key or path comes first.
  std::string key;
  for (const auto& element : path.elements()) {
    appendNatural(element.name, key);
    key += '\x01';
    for (const auto& value : element.keys) {
      appendNatural(value, key);
      key += '\x01';
    }
    key += '\x00';
  }
  return key;
}

path::ConcretePath concretePathOf(const lyd_node* node) {
  std::vector<path::PathElement> elements;
  for (const lyd_node* step = node; step != nullptr; step = lyd_parent(step)) {
    path::PathElement element;
    element.node = step->schema;
    element.name = step->schema->name;
    if (step->schema->nodetype == LYS_LIST) {
      // Key leaves are the first children of a list entry, in key order.
      const lyd_node* key = lyd_child(step);
      for (const lysc_node* key_schema : schema::listKeys(step->schema)) {
        if (key == nullptr || key->schema != key_schema) {
          throw Error(ErrorKind::kInternal,
                      "list entry " + dataPath(step) + " lacks its key " + key_schema->name);
        }
        element.keys.push_back(nodeValue(key));
        key = key->next;
      }
    }
    elements.push_back(std::move(element));
  }
  return path::ConcretePath(std::vector<path::PathElement>(elements.rbegin(), elements.rend()));
}

}  // namespace eventmgr::datastore
