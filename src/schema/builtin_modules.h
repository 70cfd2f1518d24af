#pragma once

#include <string_view>
#include <vector>

namespace eventmgr::schema {

//! A YANG module compiled into the binary from the repository's yang/ folder.
struct BuiltinModule {
  std::string_view name;  //!< module name, e.g. "srl_nokia-interfaces"
  std::string_view text;  //!< the module's YANG source
};

//! Returns every built-in module, sorted by name. The text is generated at build time.
const std::vector<BuiltinModule>& builtinModules();

}  // namespace eventmgr::schema
