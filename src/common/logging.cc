#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include "common/error.h"

namespace eventmgr {

void configureLogging(const std::string& level) {
  auto parsed = spdlog::level::from_str(level == "warning" ? "warn" : level);
  if (parsed == spdlog::level::off && level != "off") {
    throw Error(ErrorKind::kInvalidArgument,
                "invalid log level \"" + level +
                    "\"; expected one of trace, debug, info, warning, error, off");
  }
  auto logger = spdlog::stderr_color_mt("eventmgr");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);
}

}  // namespace eventmgr
