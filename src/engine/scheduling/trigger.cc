#include "engine/scheduling/trigger.h"

#include <algorithm>

namespace eventmgr::engine {
namespace {

int rank(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kReload:
      return 3;
    case TriggerKind::kStart:
      return 2;
    case TriggerKind::kReinvoke:
      return 1;
    case TriggerKind::kChange:
      return 0;
  }
  return 0;
}

}  // namespace

const char* triggerKindName(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kStart:
      return "start";
    case TriggerKind::kChange:
      return "change";
    case TriggerKind::kReinvoke:
      return "reinvoke";
    case TriggerKind::kReload:
      return "reload";
  }
  return "change";
}

void Trigger::merge(const Trigger& other) {
  if (rank(other.kind) > rank(kind)) {
    kind = other.kind;
  }
  for (auto sequence : other.batch_sequences) {
    if (batch_sequences.size() >= kMaxChangedPaths) {
      break;
    }
    if (std::find(batch_sequences.begin(), batch_sequences.end(), sequence) ==
        batch_sequences.end()) {
      batch_sequences.push_back(sequence);
    }
  }
  for (const auto& path : other.changed_paths) {
    if (changed_paths.size() >= kMaxChangedPaths) {
      break;
    }
    if (std::find(changed_paths.begin(), changed_paths.end(), path) == changed_paths.end()) {
      changed_paths.push_back(path);
    }
  }
}

}  // namespace eventmgr::engine
