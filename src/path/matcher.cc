#include "path/matcher.h"

#include <algorithm>
#include <deque>
#include <set>
#include <string>
#include <string_view>

namespace eventmgr::path {
namespace {

// Hash that lets unordered maps keyed by std::string be searched with a std::string_view,
// so that a lookup by key prefix allocates nothing.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>()(text);
  }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// Patterns that end at one schema node, indexed by the first key of the path's first list
// (the interface name, the network-instance name, ...), the most selective value in
// practice. Patterns without a list, or with `*` there, are in `unindexed`.
struct NodeBucket {
  StringMap<std::vector<std::uint32_t>> by_exact;
  StringMap<std::vector<std::uint32_t>> by_glob_prefix;
  std::vector<std::size_t> glob_prefix_lengths;  // sorted, distinct
  std::vector<std::uint32_t> unindexed;
  std::size_t first_list = 0;  // element index of the first list; == size when none
};

// One key comparison of a compiled pattern: the key at `key` of the path element at
// `element` must match `pattern`. Keys that accept every value produce no check.
struct KeyCheck {
  std::uint32_t element;
  std::uint32_t key;
  const KeyPattern* pattern;
};

// A pattern reduced to what matching needs. Node comparisons are unnecessary: a concrete
// path whose node at the pattern's depth is the pattern's end node has the same schema
// nodes above it, because a schema node has exactly one chain of ancestors.
struct CompiledPattern {
  PatternId id = 0;
  std::size_t depth = 0;
  std::vector<KeyCheck> checks;
};

}  // namespace

struct PatternIndex::Entries {
  // Deque: compiled checks point into the stored patterns, which must not move.
  std::deque<std::pair<PatternId, Pattern>> patterns;
  std::vector<CompiledPattern> compiled;
  // Leaf and leaf-list patterns: exact match on the node.
  std::unordered_map<const lysc_node*, NodeBucket> leaf_buckets;
  // Container and list patterns: match on the node and everything below it.
  std::unordered_map<const lysc_node*, NodeBucket> subtree_buckets;

  void insert(std::uint32_t position) {
    const Pattern& pattern = patterns[position].second;
    const auto& elements = pattern.elements();
    CompiledPattern compiled_pattern{patterns[position].first, elements.size(), {}};
    for (std::size_t e = 0; e < elements.size(); ++e) {
      for (std::size_t k = 0; k < elements[e].keys.size(); ++k) {
        if (!elements[e].keys[k].any) {
          compiled_pattern.checks.push_back(KeyCheck{
              static_cast<std::uint32_t>(e), static_cast<std::uint32_t>(k), &elements[e].keys[k]});
        }
      }
    }
    compiled.push_back(std::move(compiled_pattern));

    schema::NodeKind kind = pattern.endsAt();
    bool subtree = kind == schema::NodeKind::kContainer || kind == schema::NodeKind::kList;
    auto& buckets = subtree ? subtree_buckets : leaf_buckets;
    auto [found, created] = buckets.try_emplace(pattern.schemaNode());
    NodeBucket& bucket = found->second;
    if (created) {
      bucket.first_list = elements.size();
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (!elements[i].keys.empty()) {
          bucket.first_list = i;
          break;
        }
      }
    }
    if (bucket.first_list >= elements.size()) {
      bucket.unindexed.push_back(position);
      return;
    }
    const KeyPattern& key = elements[bucket.first_list].keys.front();
    if (key.any) {
      bucket.unindexed.push_back(position);
      return;
    }
    for (const std::string& value : key.exact) {
      bucket.by_exact[value].push_back(position);
    }
    for (std::size_t glob : key.globs) {
      const std::string& prefix = key.alternatives[glob].segments.front();
      bucket.by_glob_prefix[prefix].push_back(position);
      auto& lengths = bucket.glob_prefix_lengths;
      auto at = std::lower_bound(lengths.begin(), lengths.end(), prefix.size());
      if (at == lengths.end() || *at != prefix.size()) {
        lengths.insert(at, prefix.size());
      }
    }
  }

  void rebuild() {
    compiled.clear();
    leaf_buckets.clear();
    subtree_buckets.clear();
    for (std::uint32_t i = 0; i < patterns.size(); ++i) {
      insert(i);
    }
  }

  bool matches(const CompiledPattern& pattern, const ConcretePath& path) const {
    const auto& elements = path.elements();
    if (elements.size() < pattern.depth) {
      return false;
    }
    for (const KeyCheck& check : pattern.checks) {
      const auto& keys = elements[check.element].keys;
      if (check.key >= keys.size() || !check.pattern->matches(keys[check.key])) {
        return false;
      }
    }
    return true;
  }

  void collect(const NodeBucket& bucket, const ConcretePath& path,
               std::vector<PatternId>& ids) const {
    auto check = [&](std::uint32_t position) {
      if (matches(compiled[position], path)) {
        ids.push_back(compiled[position].id);
      }
    };
    for (std::uint32_t position : bucket.unindexed) {
      check(position);
    }
    if (bucket.first_list >= path.size() || path.elements()[bucket.first_list].keys.empty()) {
      return;
    }
    std::string_view value = path.elements()[bucket.first_list].keys.front();
    if (!bucket.by_exact.empty()) {
      if (auto found = bucket.by_exact.find(value); found != bucket.by_exact.end()) {
        for (std::uint32_t position : found->second) {
          check(position);
        }
      }
    }
    for (std::size_t length : bucket.glob_prefix_lengths) {
      if (length > value.size()) {
        break;
      }
      auto found = bucket.by_glob_prefix.find(value.substr(0, length));
      if (found != bucket.by_glob_prefix.end()) {
        for (std::uint32_t position : found->second) {
          check(position);
        }
      }
    }
  }
};

PatternIndex::PatternIndex() : entries_(std::make_unique<Entries>()) {}
PatternIndex::~PatternIndex() = default;
PatternIndex::PatternIndex(PatternIndex&&) noexcept = default;
PatternIndex& PatternIndex::operator=(PatternIndex&&) noexcept = default;

void PatternIndex::add(PatternId id, Pattern pattern) {
  entries_->patterns.emplace_back(id, std::move(pattern));
  entries_->insert(static_cast<std::uint32_t>(entries_->patterns.size() - 1));
}

void PatternIndex::remove(PatternId id) {
  auto& patterns = entries_->patterns;
  auto removed = std::remove_if(patterns.begin(), patterns.end(),
                                [id](const auto& stored) { return stored.first == id; });
  if (removed == patterns.end()) {
    return;
  }
  patterns.erase(removed, patterns.end());
  entries_->rebuild();
}

std::size_t PatternIndex::size() const {
  return entries_->patterns.size();
}

void PatternIndex::match(const ConcretePath& path, std::vector<PatternId>& ids) const {
  ids.clear();
  if (path.empty()) {
    return;
  }
  if (auto found = entries_->leaf_buckets.find(path.schemaNode());
      found != entries_->leaf_buckets.end()) {
    entries_->collect(found->second, path, ids);
  }
  if (!entries_->subtree_buckets.empty()) {
    for (const PathElement& element : path.elements()) {
      if (auto found = entries_->subtree_buckets.find(element.node);
          found != entries_->subtree_buckets.end()) {
        entries_->collect(found->second, path, ids);
      }
    }
  }
  if (ids.size() > 1) {
    if (!std::is_sorted(ids.begin(), ids.end())) {
      std::sort(ids.begin(), ids.end());
    }
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
}

std::vector<PatternId> PatternIndex::match(const ConcretePath& path) const {
  std::vector<PatternId> ids;
  match(path, ids);
  return ids;
}

}  // namespace eventmgr::path
