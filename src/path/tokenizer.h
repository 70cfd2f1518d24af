#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::path {

//! One word of a CLI command line or path.
struct Token {
  //! The word with quotes removed and escapes resolved.
  std::string text;
  //! True when the word was written in double quotes (so `"["` is a value, `[` is syntax).
  bool quoted = false;
  //! Byte offset of the word's first character (its opening quote if quoted) in the input.
  std::size_t offset = 0;
  //! One flag per character of text: true when the character was inside quotes or written
  //! with a backslash escape. Patterns treat such `*`, `{`, `}` and `,` as literal characters.
  //! Empty when no character of the word is literal.
  std::vector<bool> literal;

  //! Returns true when the character at INDEX of text was quoted or escaped.
  bool isLiteral(std::size_t index) const { return index < literal.size() && literal[index]; }
};

//! Splits INPUT into words by the quoting rules shared by paths, CLI commands and the config
//! file loaders. Words are separated by whitespace (space, tab, CR, LF), and a double-quoted
//! word may contain whitespace. A backslash, inside or outside quotes, stands for the next
//! character (`\"`, `\\`). A quote inside an unquoted word starts a quoted part of the same
//! word, so `a"b c"` is `ab c`. Throws PathError (an eventmgr::Error of kind kInvalidArgument)
//! for an unterminated quote or a trailing backslash, with its offset.
std::vector<Token> tokenize(std::string_view input);

//! Returns VALUE as one word for a CLI line. A non-empty value without whitespace, `"`, `\`,
//! `*`, `{` and `}` is returned unchanged. Any other value is put in double quotes with `"`
//! and `\` escaped, and because quoted characters are literal in patterns, the result matches
//! only VALUE. tokenize() of the result gives VALUE back.
std::string quoteValue(std::string_view value);

}  // namespace eventmgr::path
