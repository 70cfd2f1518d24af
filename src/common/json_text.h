#pragma once

#include <string>
#include <string_view>

namespace eventmgr {

//! Appends TEXT to OUT as a JSON string literal with its quotes. Only `"`, `\` and control
//! characters are escaped; other bytes, UTF-8 sequences included, are written unchanged, because
//! MicroPython's json.loads does not combine escaped surrogate pairs into one character.
void appendJsonString(std::string& out, std::string_view text);

//! Returns TEXT as a JSON string literal; see appendJsonString.
std::string jsonString(std::string_view text);

}  // namespace eventmgr
