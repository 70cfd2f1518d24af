#include "engine/input/script_input.h"

#include <variant>

#include "common/json_text.h"

namespace eventmgr::engine {
namespace {

void appendValue(std::string& out, const datastore::LeafValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    appendJsonString(out, *text);
    return;
  }
  out.push_back('[');
  bool first = true;
  for (const auto& item : std::get<std::vector<std::string>>(value)) {
    if (!first) {
      out.push_back(',');
    }
    first = false;
    appendJsonString(out, item);
  }
  out.push_back(']');
}

}  // namespace

std::string renderScriptInput(const ScriptInput& input) {
  std::string out;
  out.reserve(64 + input.paths.size() * 64);

  out += "{\"paths\":[";
  for (std::size_t i = 0; i < input.paths.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    out += "{\"path\":";
    appendJsonString(out, input.paths[i].path);
    out += ",\"value\":";
    appendValue(out, input.paths[i].value);
    out.push_back('}');
  }

  out += "],\"schemas\":[";
  for (std::size_t i = 0; i < input.schemas.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    out += "{\"path\":";
    appendJsonString(out, input.schemas[i]);
    out.push_back('}');
  }

  out += "],\"options\":{";
  bool first = true;
  for (const auto& [name, value] : input.options) {
    if (!first) {
      out.push_back(',');
    }
    first = false;
    appendJsonString(out, name);
    out.push_back(':');
    appendValue(out, value);
  }
  out.push_back('}');

  if (input.persistent_data) {
    out += ",\"persistent-data\":";
    out += *input.persistent_data;
  }
  out.push_back('}');
  return out;
}

std::string normaliseConfiguredPath(const std::string& path) {
  std::string out;
  bool quoted = false;
  bool escaped = false;
  bool pending_space = false;
  for (char c : path) {
    if (quoted) {
      out.push_back(c);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (c == '"') {
      quoted = true;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace eventmgr::engine
