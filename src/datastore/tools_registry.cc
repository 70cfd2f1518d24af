#include "datastore/tools_registry.h"

#include <algorithm>

#include "common/error.h"
#include "path/tokenizer.h"

namespace eventmgr::datastore {
namespace {

std::vector<std::string> splitWords(std::string_view text) {
  std::vector<std::string> words;
  for (auto& token : path::tokenize(text)) {
    words.push_back(std::move(token.text));
  }
  if (!words.empty() && words.front() == "/") {
    words.erase(words.begin());
  } else if (!words.empty() && words.front().starts_with('/')) {
    words.front().erase(0, 1);
  }
  if (!words.empty() && words.front() == "tools") {
    words.erase(words.begin());
  }
  return words;
}

bool matchWords(const std::vector<std::string>& pattern, const std::vector<std::string>& words,
                std::vector<std::string>& keys) {
  if (pattern.size() != words.size()) {
    return false;
  }
  keys.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "*") {
      keys.push_back(words[i]);
    } else if (pattern[i] != words[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void ToolsRegistry::add(std::string_view pattern, ToolsHandler handler) {
  auto words = splitWords(pattern);
  if (words.empty()) {
    throw Error(ErrorKind::kInvalidArgument, "tools command pattern is empty");
  }
  std::lock_guard lock(mutex_);
  for (const auto& command : commands_) {
    if (command.words == words) {
      throw Error(ErrorKind::kInvalidArgument,
                  "tools command \"" + std::string(pattern) + "\" is already registered");
    }
  }
  commands_.push_back({std::string(pattern), std::move(words), std::move(handler)});
}

void ToolsRegistry::remove(std::string_view pattern) {
  auto words = splitWords(pattern);
  std::lock_guard lock(mutex_);
  std::erase_if(commands_, [&words](const Command& command) { return command.words == words; });
}

std::string ToolsRegistry::run(std::string_view path, const std::string& value) const {
  auto words = splitWords(path);
  ToolsRequest request{std::string(path), {}, value};
  ToolsHandler handler;
  {
    std::lock_guard lock(mutex_);
    for (const auto& command : commands_) {
      if (matchWords(command.words, words, request.keys)) {
        handler = command.handler;
        break;
      }
    }
  }
  if (!handler) {
    std::string known;
    for (const auto& pattern : patterns()) {
      known += known.empty() ? "" : ", ";
      known += pattern;
    }
    throw Error(ErrorKind::kNotFound, "no tools command matches \"" + std::string(path) +
                                          "\"; known commands (* is a key): " + known);
  }
  return handler(request);
}

std::vector<std::string> ToolsRegistry::patterns() const {
  std::vector<std::string> result;
  {
    std::lock_guard lock(mutex_);
    for (const auto& command : commands_) {
      result.push_back(command.pattern);
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

}  // namespace eventmgr::datastore
