#include "datastore/text_lines.h"

#include <regex>

#include "common/error.h"
#include "datastore/text_position.h"
#include "path/path_error.h"

namespace eventmgr::datastore {
namespace {

bool isPromptLine(const std::vector<path::Token>& tokens) {
  const path::Token& first = tokens.front();
  if (first.quoted) {
    return false;
  }
  // `--{ candidate shared default }--[  ]--` and `A:leaf1# info` as shown in SR Linux docs.
  return first.text.starts_with("--{") || (first.text.size() > 1 && first.text.ends_with('#'));
}

}  // namespace

std::vector<TextLine> splitConfigLines(std::string_view text) {
  std::vector<TextLine> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    std::vector<path::Token> tokens;
    try {
      tokens = path::tokenize(line);
    } catch (const path::PathError& error) {
      rethrowAt(text, start + error.offset(), error);
    } catch (const Error& error) {
      rethrowAt(text, start, error);
    }
    std::size_t content_end = line.size();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!tokens[i].quoted && tokens[i].text.starts_with('#')) {
        content_end = tokens[i].offset;
        tokens.resize(i);
        break;
      }
    }
    if (!tokens.empty() && !isPromptLine(tokens)) {
      lines.push_back({line, start, std::move(tokens), content_end});
    }
    start = end + 1;
  }
  return lines;
}

void rethrowAt(std::string_view text, std::size_t offset, const std::exception& error) {
  ErrorKind kind = ErrorKind::kInvalidArgument;
  if (const auto* typed = dynamic_cast<const Error*>(&error)) {
    kind = typed->kind();
  }
  // The path parser gives its own column within the re-assembled path, which would contradict
  // the position in the file, so it is removed.
  static const std::regex kInnerColumn(" at column [0-9]+");
  std::string message = std::regex_replace(std::string(error.what()), kInnerColumn, "");
  throw Error(kind, describePosition(text, offset) + ": " + message);
}

}  // namespace eventmgr::datastore
