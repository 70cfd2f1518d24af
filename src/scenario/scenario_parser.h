#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "scenario/scenario.h"

namespace eventmgr::scenario {

//! Reads the scenario file FILE. Relative paths in it (scripts, config-file) are relative to the
//! file's folder. Throws Error(kInvalidArgument) whose message starts with `FILE:LINE:` and names
//! the offending key or value and what is expected; kNotFound when a file does not exist.
Scenario parseScenarioFile(const std::filesystem::path& file);

//! Parses the scenario text TEXT as if read from FILE; see parseScenarioFile.
Scenario parseScenario(const std::string& text, const std::filesystem::path& file);

//! Parses a duration such as "2.5s", "500ms", "10m", "1h" or a plain number of seconds. Throws
//! Error(kInvalidArgument) naming TEXT otherwise.
std::chrono::milliseconds parseDuration(std::string_view text);

}  // namespace eventmgr::scenario
