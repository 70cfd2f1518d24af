#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace eventmgr::datastore {

//! Replaces the file PATH with CONTENT so that a crash at any moment leaves either the old file
//! or the new one, never a mix. CONTENT goes to a temporary file in the same folder, which is
//! flushed with fsync and renamed over PATH. Then the folder is flushed with fsync so that the
//! rename itself survives a power loss. Creates the folder when missing. Throws Error(kUnavailable)
//! naming the file and the system error, and PATH is then unchanged.
void writeFileAtomically(const std::filesystem::path& path, const std::string& content);

//! Returns the content of PATH, or nothing when it does not exist. Throws Error(kUnavailable)
//! when it exists but cannot be read.
std::optional<std::string> readFileIfExists(const std::filesystem::path& path);

}  // namespace eventmgr::datastore
