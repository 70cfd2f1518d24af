#include "datastore/cli_text.h"

#include "path/parser.h"
#include "path/path_error.h"
#include "schema/node.h"

namespace eventmgr::datastore {

LeafValue valueFromTokens(const std::vector<path::Token>& tokens, std::size_t end_offset) {
  if (tokens.empty()) {
    return std::string();
  }
  const path::Token& first = tokens.front();
  if (first.quoted || first.text != "[") {
    if (tokens.size() > 1) {
      throw path::PathError("unexpected word \"" + tokens[1].text +
                                "\" after the value; quote a value that contains spaces",
                            tokens[1].offset);
    }
    return first.text;
  }
  std::vector<std::string> items;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const path::Token& token = tokens[i];
    if (!token.quoted && token.text == "]") {
      if (i + 1 != tokens.size()) {
        throw path::PathError("unexpected word \"" + tokens[i + 1].text + "\" after ]",
                              tokens[i + 1].offset);
      }
      return items;
    }
    items.push_back(token.text);
  }
  throw path::PathError("leaf-list value has no closing ]", end_offset);
}

std::string cliStep(const lyd_node* node) {
  std::string step = node->schema->name;
  if (node->schema->nodetype != LYS_LIST) {
    return step;
  }
  const lyd_node* key = lyd_child(node);
  bool first = true;
  for (const lysc_node* key_schema : schema::listKeys(node->schema)) {
    for (; key != nullptr && key->schema != key_schema; key = key->next) {
    }
    if (key == nullptr) {
      break;
    }
    step += " ";
    if (!first) {
      step += std::string(key_schema->name) + " ";
    }
    step += path::quoteValue(lyd_get_value(key));
    first = false;
  }
  return step;
}

bool isListKey(const lyd_node* node) {
  return node->schema->nodetype == LYS_LEAF && lysc_is_key(node->schema);
}

bool isPrintable(const lyd_node* node, bool with_defaults) {
  if (node->schema == nullptr) {
    return false;
  }
  if (!with_defaults && (node->flags & LYD_DEFAULT)) {
    return false;
  }
  if (node->schema->nodetype != LYS_CONTAINER || !lysc_is_np_cont(node->schema)) {
    return true;
  }
  for (const lyd_node* child = lyd_child(node); child != nullptr; child = child->next) {
    if (isPrintable(child, with_defaults)) {
      return true;
    }
  }
  return false;
}

void applyCliLine(Tree& tree, const schema::Schema& schema, std::string_view text,
                  EditScope scope) {
  path::PathWithValue parsed = path::parsePathWithValue(schema, text);
  Edit edit;
  edit.kind = EditKind::kSet;
  edit.xpath = parsed.path.toXPath();
  edit.value = valueFromTokens(parsed.value, text.size());
  if (parsed.path.empty()) {
    throw path::PathError("a path is missing", 0);
  }
  applyEdit(tree, schema.context(), edit, scope);
}

}  // namespace eventmgr::datastore
