#include "datastore/config_format.h"

#include "common/error.h"
#include "datastore/brace_format.h"
#include "datastore/flat_format.h"
#include "datastore/json_format.h"

namespace eventmgr::datastore {

ConfigFormat parseConfigFormat(std::string_view name) {
  if (name == "json") {
    return ConfigFormat::kJson;
  }
  if (name == "srl-json") {
    return ConfigFormat::kSrlJson;
  }
  if (name == "brace") {
    return ConfigFormat::kBrace;
  }
  if (name == "flat") {
    return ConfigFormat::kFlat;
  }
  if (name == "auto") {
    return ConfigFormat::kAuto;
  }
  throw Error(ErrorKind::kInvalidArgument, "unknown config format \"" + std::string(name) +
                                               "\"; expected json, srl-json, brace, flat or auto");
}

ConfigFormat detectConfigFormat(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return ConfigFormat::kBrace;
  }
  if (text[start] == '{') {
    return ConfigFormat::kJson;
  }
  // Skip comment lines (#) and prompt lines before the first command.
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    std::string_view line = text.substr(line_start, line_end - line_start);
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#' &&
        !line.substr(first).starts_with("--{")) {
      std::string_view rest = line.substr(first);
      return rest.starts_with("set ") || rest == "set" ? ConfigFormat::kFlat : ConfigFormat::kBrace;
    }
    if (line_end == std::string_view::npos) {
      break;
    }
    line_start = line_end + 1;
  }
  return ConfigFormat::kBrace;
}

Tree parseConfig(const schema::Schema& schema, std::string_view text, ConfigFormat format,
                 ParseScope scope) {
  if (format == ConfigFormat::kAuto) {
    format = detectConfigFormat(text);
  }
  switch (format) {
    case ConfigFormat::kJson:
    case ConfigFormat::kSrlJson:
      return parseJsonConfig(schema, text, scope);
    case ConfigFormat::kBrace:
      return parseBraceConfig(schema, text, scope);
    case ConfigFormat::kFlat:
      return parseFlatConfig(schema, text, scope);
    case ConfigFormat::kAuto:
      break;
  }
  throw Error(ErrorKind::kInternal, "config format was not resolved");
}

std::string printConfig(const lyd_node* forest, ConfigFormat format, bool with_defaults) {
  switch (format) {
    case ConfigFormat::kJson:
      return printJsonConfig(forest, true, with_defaults);
    case ConfigFormat::kSrlJson:
      return printJsonConfig(forest, false, with_defaults);
    case ConfigFormat::kBrace:
      return printBraceConfig(forest, with_defaults);
    case ConfigFormat::kFlat:
      return printFlatConfig(forest, with_defaults);
    case ConfigFormat::kAuto:
      break;
  }
  throw Error(ErrorKind::kInvalidArgument, "printing needs a format other than auto");
}

}  // namespace eventmgr::datastore
