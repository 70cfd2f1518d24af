#pragma once

#include <libyang/libyang.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "path/concrete_path.h"
#include "path/key_pattern.h"
#include "schema/node.h"

namespace eventmgr::path {

//! One step of a pattern.
struct PatternElement {
  const lysc_node* node = nullptr;  //!< compiled schema node, never null
  std::string name;                 //!< node name without module prefix
  std::vector<KeyPattern> keys;     //!< one per list key, in YANG key order; empty if no list
};

//! A compiled path pattern: CLI notation with wildcards, globs and ranges in key values,
//! resolved against the schema. Immutable after construction; safe to share between threads.
class Pattern {
 public:
  //! Builds a pattern from resolved elements. Normally created by parsePattern or
  //! patternFromGnmiPath. Throws eventmgr::Error (kInvalidArgument) when the ranges expand to
  //! more than kMaxExpansionCount values.
  explicit Pattern(std::vector<PatternElement> elements);

  const std::vector<PatternElement>& elements() const { return elements_; }
  //! Returns the schema node the pattern ends at (null for an empty pattern).
  const lysc_node* schemaNode() const;
  //! Returns what the pattern ends at: leaf, leaf-list, container or list.
  schema::NodeKind endsAt() const;

  //! Returns true when PATH has exactly this pattern's schema nodes and every key value of
  //! PATH matches the corresponding key pattern. A path below the pattern does not match;
  //! use covers() for subtree semantics.
  bool matches(const ConcretePath& path) const;
  //! Returns true when PATH matches this pattern or lies below a node that matches it.
  bool covers(const ConcretePath& path) const;

  //! Returns true when the pattern has neither wildcards, globs nor ranges.
  bool isConcrete() const;
  //! Returns the concrete path when isConcrete(), otherwise nothing.
  std::optional<ConcretePath> toConcrete() const;

  //! Returns the number of patterns expandRanges() returns: the product of the number of
  //! alternatives of every key (1 for a pattern without ranges).
  std::size_t expansionCount() const;
  //! Returns one pattern per combination of range alternatives, keeping only `*` and globs,
  //! in the order the ranges were written (`{1..3}` gives 1, 2, 3).
  std::vector<Pattern> expandRanges() const;

  //! Renders CLI notation in normalised form: single spaces, no leading `/`, keys as written.
  //! Example: `interface ethernet-1/{49..50} oper-state`.
  std::string toCli() const;
  //! Returns the gNMI string forms that together subscribe to everything the pattern
  //! matches: ranges expanded, each glob replaced by `*` (the caller filters values with
  //! matches()). Duplicates are removed; order follows expandRanges().
  std::vector<std::string> toGnmi() const;

 private:
  std::vector<PatternElement> elements_;
  std::size_t expansion_count_ = 1;
};

}  // namespace eventmgr::path
