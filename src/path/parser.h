#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "path/concrete_path.h"
#include "path/path_error.h"
#include "path/pattern.h"
#include "path/tokenizer.h"
#include "schema/schema.h"

namespace eventmgr::path {

//! Parses CLI notation (optional leading `/`, containers by name, a list followed by its
//! first key value and further keys as `key-name value` in any order) into a concrete path
//! of TREE. Every key must be given; wildcards and ranges are rejected. The path may end at
//! any node. Throws PathError.
ConcretePath parseConcretePath(const schema::Schema& schema, std::string_view text,
                               schema::Tree tree = schema::Tree::kData);

//! Parses CLI notation with wildcards (`*`), globs (`ethernet-1/*`) and ranges
//! (`{1..12}`, `{1,3..5}`, `{red,blue}`, nested) in key values. A key left out of a list
//! written with its first key (e.g. `route 10.0.0.0/24 route-type bgp` without `id`) matches
//! every value. The pattern may end at any node; callers that need a leaf check endsAt().
//! Throws PathError, also for an expansion above kMaxExpansionCount.
Pattern parsePattern(const schema::Schema& schema, std::string_view text,
                     schema::Tree tree = schema::Tree::kData);

//! Result of parsePathWithValue.
struct PathWithValue {
  ConcretePath path;
  //! The tokens after the path, empty when the path ends at a container or list entry.
  //! For a leaf, `"a b"` gives one token; for a leaf-list, `[ "x y" "z" ]` gives four.
  std::vector<Token> value;
};

//! Parses a concrete path followed by a value, as in `interface ethernet-1/1 description
//! "a b"` or `... paths [ "x y" "z" ]`. The path ends at the first leaf or leaf-list; for a
//! path that ends at a container or list entry no tokens may follow. Throws PathError.
PathWithValue parsePathWithValue(const schema::Schema& schema, std::string_view text,
                                 schema::Tree tree = schema::Tree::kData);

}  // namespace eventmgr::path
