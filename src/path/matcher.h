#pragma once

#include <libyang/libyang.h>

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "path/concrete_path.h"
#include "path/pattern.h"

namespace eventmgr::path {

//! Caller-chosen identifier of a pattern in a PatternIndex (e.g. instance and path number).
using PatternId = std::uint64_t;

//! Finds the patterns that match a concrete path without scanning all of them. Patterns are
//! grouped by the schema node they end at, so a lookup compares keys only against patterns of
//! the changed node. Patterns that end at a container or list are also found from the nodes
//! below them.
//!
//! Thread safety: add() and remove() need exclusive access; match() may run concurrently
//! from several threads when nothing modifies the index.
class PatternIndex {
 public:
  PatternIndex();
  ~PatternIndex();
  PatternIndex(PatternIndex&&) noexcept;
  PatternIndex& operator=(PatternIndex&&) noexcept;

  //! Adds PATTERN under ID. Several patterns may share an ID (an instance with several
  //! paths); an ID matches once however many of its patterns match.
  void add(PatternId id, Pattern pattern);
  //! Removes every pattern added under ID. Unknown IDs are ignored.
  void remove(PatternId id);
  //! Returns the number of patterns in the index.
  std::size_t size() const;

  //! Appends to IDS the id of every pattern that covers PATH: a leaf or leaf-list pattern
  //! when it matches PATH exactly, a container or list pattern when PATH equals or lies
  //! below a node it matches. Each id is appended once, in ascending order; IDS is cleared
  //! first.
  void match(const ConcretePath& path, std::vector<PatternId>& ids) const;
  //! Convenience form of match() that returns a new vector.
  std::vector<PatternId> match(const ConcretePath& path) const;

 private:
  struct Entries;
  std::unique_ptr<Entries> entries_;
};

}  // namespace eventmgr::path
