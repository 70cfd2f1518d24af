#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eventmgr::datastore {

//! Returns "line L, column C" (both from 1) of the byte OFFSET in TEXT.
std::string describePosition(std::string_view text, std::size_t offset);

}  // namespace eventmgr::datastore
