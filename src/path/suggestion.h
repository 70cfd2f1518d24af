#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::path {

//! Returns the candidate closest to WORD by edit distance when it is close enough to be a
//! likely typo (at most 2 edits, and fewer than half of WORD's length), otherwise "".
std::string closestName(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace eventmgr::path
