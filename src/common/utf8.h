#pragma once

#include <string>
#include <string_view>

namespace eventmgr {

//! Returns TEXT with every byte sequence that is not valid UTF-8 (including encoded surrogates,
//! which MicroPython prints for "\ud800") replaced by U+FFFD. Valid text is returned unchanged.
std::string toValidUtf8(std::string_view text);

}  // namespace eventmgr
