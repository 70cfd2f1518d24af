#include "engine/time_format.h"

#include <fmt/format.h>

#include <ctime>

namespace eventmgr::engine {

std::string formatTimestamp(std::chrono::system_clock::time_point time) {
  auto milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(milliseconds / 1000);
  if (milliseconds < 0 && milliseconds % 1000 != 0) {
    --seconds;
  }
  int remainder = static_cast<int>(((milliseconds % 1000) + 1000) % 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                     remainder);
}

}  // namespace eventmgr::engine
