#pragma once

#include <libyang/libyang.h>

#include <compare>
#include <cstddef>
#include <string>
#include <vector>

namespace eventmgr::path {

//! One step of a concrete path: a schema node and, for a list, the value of every key.
struct PathElement {
  //! Compiled schema node; never null in a path built by the parser or by fromGnmiPath.
  const lysc_node* node = nullptr;
  //! The node's name without module prefix, e.g. "interface".
  std::string name;
  //! Key values in the order of the list's YANG `key` statement; empty unless node is a list.
  std::vector<std::string> keys;

  bool operator==(const PathElement& other) const;
};

//! A path to one data node with every list key given: no wildcards, no ranges. This is the
//! form in which the datastore reports changes and the engine renders script input.
//!
//! Values are plain strings whatever the YANG type (`"0"` for a uint32 key), as in CLI
//! notation and gNMI. A default-constructed path is the root.
class ConcretePath {
 public:
  ConcretePath() = default;
  explicit ConcretePath(std::vector<PathElement> elements);

  const std::vector<PathElement>& elements() const { return elements_; }
  bool empty() const { return elements_.empty(); }
  std::size_t size() const { return elements_.size(); }
  //! Returns the last element. The path must not be empty.
  const PathElement& back() const { return elements_.back(); }
  //! Returns the schema node of the last element, or null for the root.
  const lysc_node* schemaNode() const;

  //! Appends ELEMENT. The caller ensures that it is a child of the current last node and that
  //! the key count matches.
  void append(PathElement element);
  //! Returns a copy with ELEMENT appended.
  ConcretePath child(PathElement element) const;
  //! Returns the path without its last COUNT elements (the root if COUNT >= size()).
  ConcretePath parent(std::size_t count = 1) const;
  //! Returns true when this path equals PREFIX or lies below it.
  bool startsWith(const ConcretePath& prefix) const;

  //! Renders SR Linux CLI notation exactly as scripts see it: no leading `/`, the first key
  //! positional, further keys as `key-name value` in the order SR Linux's CLI prints them
  //! (schema::listKeysInCliOrder). A value is quoted only when it is empty or contains
  //! whitespace, `"`, `\`, `*`, `{` or `}` (see quoteValue).
  //! Example: `interface ethernet-1/49 subinterface 0 oper-state`.
  std::string toCli() const;
  //! Renders the gNMI string form with plain element names and keys sorted by name, `]` and
  //! `\` escaped in values: `/interface[name=ethernet-1/1]/oper-state`. The root is `/`.
  std::string toGnmi() const;
  //! Renders a libyang data path: module prefix on the first element and wherever the module
  //! changes (augments), every key as a predicate in key order, each value in single quotes,
  //! or in double quotes when it contains `'`. A value containing both quote characters
  //! cannot be written as a libyang predicate and throws eventmgr::Error (kInvalidArgument).
  std::string toXPath() const;

  //! Element-wise comparison: same schema nodes and same key values.
  bool operator==(const ConcretePath& other) const;
  //! Orders paths element by element: by node name, then key values in natural order
  //! (ethernet-1/2 before ethernet-1/10), a shorter path before its extensions. Gives the
  //! deterministic order of script input.
  std::strong_ordering operator<=>(const ConcretePath& other) const;
  //! Returns a hash consistent with operator==.
  std::size_t hash() const;

 private:
  std::vector<PathElement> elements_;
};

//! Hash functor for unordered containers of ConcretePath.
struct ConcretePathHash {
  std::size_t operator()(const ConcretePath& path) const { return path.hash(); }
};

}  // namespace eventmgr::path
