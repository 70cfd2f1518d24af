#pragma once

#include <stdexcept>
#include <string>

namespace eventmgr {

//! Category of an eventmgr error: the kind of input or resource that was at fault.
enum class ErrorKind {
  kInvalidArgument,  //!< a value given by the user (path, config, request, file) is malformed
  kNotFound,         //!< a named thing (file, instance, schema node, tools command) does not exist
  kValidation,       //!< data is well-formed but violates the schema (type, range, leafref, must)
  kUnavailable,      //!< a resource (process, peer, file system) failed or is not reachable
  kInternal,         //!< a bug in eventmgr: a broken invariant
};

//! Returns the lower-case name of a kind, as used in messages ("invalid argument").
const char* errorKindName(ErrorKind kind);

//! Base exception of eventmgr. The message names the offending value and what was expected.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace eventmgr
