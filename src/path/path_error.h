#pragma once

#include <cstddef>
#include <string>

#include "common/error.h"

namespace eventmgr::path {

//! Error for a path that cannot be parsed or resolved. Its kind is always kInvalidArgument.
//! The message names the token, its position and what was expected, e.g.
//! `unknown element "oper-sate" under interface at offset 21; did you mean oper-state?`.
class PathError : public Error {
 public:
  PathError(const std::string& message, std::size_t offset)
      : Error(ErrorKind::kInvalidArgument, message), offset_(offset) {}

  //! Byte offset in the parsed text of the token at fault (the text's length when a token
  //! is missing at the end).
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

}  // namespace eventmgr::path
