#pragma once

#include <spdlog/spdlog.h>

#include <string>

namespace eventmgr {

//! Sets up the process-wide spdlog logger writing to standard error at LEVEL
//! ("trace", "debug", "info", "warning", "error", "off"). Throws Error for an unknown level.
void configureLogging(const std::string& level);

}  // namespace eventmgr
