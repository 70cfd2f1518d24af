#pragma once

#include <libyang/libyang.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "path/tokenizer.h"

namespace eventmgr::path {

//! Largest number of values one pattern may expand to (the product over all its ranges).
//! SR Linux does not document a limit; a larger expansion is rejected as invalid.
inline constexpr std::size_t kMaxExpansionCount = 4096;

//! One alternative of a key value after range expansion: a literal value or a glob.
struct KeyAlternative {
  //! The literal value; for a glob, its literal segments joined with `*` (for display).
  std::string text;
  //! True when the alternative contains at least one wildcard `*`.
  bool glob = false;
  //! For a glob: the literal text before, between and after the wildcards, so a glob with
  //! N wildcards has N + 1 segments (`ethernet-1/*` is {"ethernet-1/", ""}).
  std::vector<std::string> segments;

  //! Returns true when VALUE equals the literal or matches the glob.
  bool matches(std::string_view value) const;
};

//! Values that one list key of a pattern accepts.
struct KeyPattern {
  //! The key value in CLI notation as written, with quotes where the text was quoted:
  //! `ethernet-1/{49..50}`, `*`, `"a b"*`. Empty for an implicit key.
  std::string source;
  //! Accepted values in written order (ranges expanded); any alternative may match.
  std::vector<KeyAlternative> alternatives;
  //! True when the key accepts every value: `*` alone, or a key left out of the path.
  bool any = false;
  //! True when the key was left out of the path (only possible for keys after the first);
  //! such a key is not rendered by Pattern::toCli().
  bool implicit = false;
  //! Literal alternatives, sorted and unique, for lookups.
  std::vector<std::string> exact;
  //! Indexes into alternatives of the glob alternatives.
  std::vector<std::size_t> globs;

  //! Returns true when VALUE is accepted.
  bool matches(std::string_view value) const;
  //! Returns the number of alternatives (1 for `*`).
  std::size_t alternativeCount() const { return any ? 1 : alternatives.size(); }

  //! Returns a key that accepts only VALUE.
  static KeyPattern literal(std::string value);
  //! Returns a key that accepts every value; IMPLICIT marks a key left out of the path.
  static KeyPattern wildcard(bool implicit);
  //! Rebuilds exact and globs from alternatives and sets any when one alternative is `*`.
  void index();
};

//! Compiles one key-value word of a path. With ALLOW_PATTERNS, unquoted `*` is a wildcard and
//! unquoted braces are ranges (`{1..12}`, `{1,3..5,8}`, `{red,blue}`, nested, inside larger
//! values); otherwise they are rejected. Quoted or backslash-escaped characters are literal.
//! Throws PathError at the token's offset for unbalanced braces, an empty alternative list,
//! a malformed numeric range or more than kMaxExpansionCount values.
KeyPattern compileKeyPattern(const Token& token, bool allow_patterns);

//! Returns VALUE in the canonical form of KEY's YANG type, the form libyang's lyd_get_value()
//! returns for data: "007" becomes "7" for an integer key, and an identityref value gets its
//! module prefix ("bgp" becomes "srl_nokia-common:bgp"). Throws eventmgr::Error
//! (kInvalidArgument) with libyang's message when VALUE is not a valid value of the type.
//! Values whose check needs data (leafrefs) are accepted as given.
std::string canonicalKeyValue(const lysc_node* key, const std::string& value);

//! Returns a canonical key VALUE as the CLI and gNMI write it: an identityref value without
//! its module prefix (`route-type bgp`), any other value unchanged.
std::string_view displayKeyValue(const lysc_node* key, std::string_view value);

}  // namespace eventmgr::path
