#include "datastore/json_format.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "datastore/json_names.h"
#include "datastore/text_position.h"

namespace eventmgr::datastore {

Tree parseJsonConfig(const schema::Schema& schema, std::string_view text, ParseScope scope) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann reports the byte after the offending character.
    std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    throw Error(ErrorKind::kInvalidArgument,
                describePosition(text, offset) + ": invalid JSON: " + error.what());
  }
  const ly_ctx* ctx = schema.context();
  std::string qualified = qualifyJsonNames(json, nullptr, "", ctx).dump();

  uint32_t options = LYD_PARSE_ONLY | LYD_PARSE_STRICT;
  if (scope == ParseScope::kConfig) {
    options |= LYD_PARSE_NO_STATE;
  }
  lyd_node* tree = nullptr;
  if (lyd_parse_data_mem(ctx, qualified.c_str(), LYD_JSON, options, 0, &tree) != LY_SUCCESS) {
    lyd_free_all(tree);
    throwLibyangError(ctx, ErrorKind::kValidation, "JSON data does not match the schema");
  }
  return Tree(tree);
}

std::string printJsonConfig(const lyd_node* forest, bool qualified, bool with_defaults) {
  if (forest == nullptr) {
    return "{}\n";
  }
  char* printed = nullptr;
  uint32_t options =
      LYD_PRINT_WITHSIBLINGS | (with_defaults ? LYD_PRINT_WD_ALL : LYD_PRINT_WD_EXPLICIT);
  if (lyd_print_mem(&printed, forest, LYD_JSON, options) != LY_SUCCESS) {
    throwLibyangError(LYD_CTX(forest), ErrorKind::kInternal, "printing JSON failed");
  }
  std::string text = printed == nullptr ? "{}" : printed;
  std::free(printed);
  auto json = nlohmann::ordered_json::parse(text);
  if (!qualified) {
    json = unqualifyJsonNames(json);
  }
  return json.dump(2) + "\n";
}

}  // namespace eventmgr::datastore
