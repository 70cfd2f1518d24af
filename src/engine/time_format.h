#pragma once

#include <chrono>
#include <string>

namespace eventmgr::engine {

//! Formats TIME as RFC 3339 in UTC with milliseconds, e.g. "2026-12-04T20:00:00.123Z", as
//! SR Linux shows event-handler start-time and end-time.
std::string formatTimestamp(std::chrono::system_clock::time_point time);

}  // namespace eventmgr::engine
