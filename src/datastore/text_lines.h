#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "path/tokenizer.h"

namespace eventmgr::datastore {

//! One line of a config text, split into words.
struct TextLine {
  std::string_view text;            //!< the line without its newline
  std::size_t offset = 0;           //!< byte offset of the line's first character in the whole text
  std::vector<path::Token> tokens;  //!< words before any `#` comment, offsets within text
  std::size_t content_end = 0;      //!< offset within text where a `#` comment starts, or its size
};

//! Splits TEXT into lines and words, dropping `#` comments (an unquoted word starting with `#`
//! and everything after it) and CLI prompt lines (`--{ ... }--[ ... ]--` and `A:leaf1# ...`).
//! Lines left without words are omitted. Throws Error naming line and column for an unclosed
//! quote.
std::vector<TextLine> splitConfigLines(std::string_view text);

//! Throws ERROR's message prefixed with the position of OFFSET (a byte offset in TEXT).
[[noreturn]] void rethrowAt(std::string_view text, std::size_t offset, const std::exception& error);

}  // namespace eventmgr::datastore
