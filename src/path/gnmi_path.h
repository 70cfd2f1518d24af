#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "path/concrete_path.h"
#include "path/path_error.h"
#include "path/pattern.h"
#include "schema/schema.h"

namespace eventmgr::path {

//! One element of a gNMI path, shaped like gnmi.proto's PathElem (name, key map).
struct GnmiPathElem {
  std::string name;                         //!< may carry a "module:" prefix on input
  std::map<std::string, std::string> keys;  //!< key name to value; `*` is a wildcard
  bool operator==(const GnmiPathElem&) const = default;
};

//! A gNMI path, shaped like gnmi.proto's Path message without the deprecated `element` field.
struct GnmiPath {
  std::string origin;               //!< empty when not given
  std::vector<GnmiPathElem> elems;  //!< empty for the root
  std::string target;               //!< only meaningful in a prefix
  bool operator==(const GnmiPath&) const = default;
};

//! Renders the gNMI string form `/a/b[k1=v1][k2=v2]/c` (keys sorted by name, `]` and `\`
//! escaped with `\` inside values; `/` for the root). The origin is written as `origin:/...`
//! when not empty. Module prefixes in names are kept as given.
std::string formatGnmiPath(const GnmiPath& path);

//! Parses the gNMI string form. A `/` inside `[...]` belongs to the key value
//! (`[name=ethernet-1/1]`); `\]` and `\\` in values are unescaped. The leading `/` is
//! optional. No schema is involved. Throws eventmgr::Error (kInvalidArgument) for an
//! unterminated `[`, a key without `=` or an empty element name, naming the offset.
GnmiPath parseGnmiPath(std::string_view text);

//! Converts a concrete path to gNMI elements with plain names (no module prefixes).
GnmiPath toGnmiPath(const ConcretePath& path);
//! Converts a pattern to gNMI elements when it has no ranges and no partial globs: `*`
//! becomes a `*` key. Throws eventmgr::Error (kInvalidArgument) otherwise; use
//! Pattern::toGnmi() for patterns that need expansion.
GnmiPath toGnmiPath(const Pattern& pattern);

//! Resolves a gNMI path against TREE of SCHEMA into a concrete path. Module prefixes are
//! accepted and checked; origin and target are ignored. Every key of every list must be
//! given and none may be `*`. Throws PathError naming the element.
ConcretePath fromGnmiPath(const schema::Schema& schema, const GnmiPath& path,
                          schema::Tree tree = schema::Tree::kData);
//! Resolves a gNMI path into a pattern: a `*` key value or a missing key matches every
//! value. Throws PathError naming the element.
Pattern patternFromGnmiPath(const schema::Schema& schema, const GnmiPath& path,
                            schema::Tree tree = schema::Tree::kData);

}  // namespace eventmgr::path
