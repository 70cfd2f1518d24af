#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace eventmgr::engine {

//! Kind of cause of an execution.
enum class TriggerKind {
  kStart,     //!< the instance became enabled, or its paths, options or script changed
  kChange,    //!< a value matched by a configured path changed, appeared or disappeared
  kReinvoke,  //!< a reinvoke-with-delay timer expired
  kReload,    //!< the reload tools command
};

//! Returns "start", "change", "reinvoke" or "reload".
const char* triggerKindName(TriggerKind kind);

//! The cause of one execution. Coalesced triggers are merged into one.
struct Trigger {
  TriggerKind kind = TriggerKind::kChange;
  //! Concrete CLI paths whose change caused the execution, in arrival order, without repeats
  //! and at most kMaxChangedPaths of them.
  std::vector<std::string> changed_paths;

  //! Sequence numbers of the change batches behind the changes, at most kMaxChangedPaths of
  //! them; loop protection checks whether the instance's own actions caused them.
  std::vector<std::uint64_t> batch_sequences;

  static constexpr std::size_t kMaxChangedPaths = 64;

  //! Folds OTHER into this trigger: a start, reload or reinvoke outranks a change (in that
  //! order: reload, start, reinvoke, change), and changed paths are appended.
  void merge(const Trigger& other);
};

}  // namespace eventmgr::engine
