#include "datastore/edit.h"

#include <nlohmann/json.hpp>

#include "datastore/json_names.h"

namespace eventmgr::datastore {
namespace {

bool isStateNode(const lysc_node* schema) {
  return (schema->flags & LYS_CONFIG_R) != 0;
}

void checkScope(const lysc_node* schema, const std::string& xpath, EditScope scope) {
  if (scope == EditScope::kConfig && isStateNode(schema)) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + xpath +
                    " is state (config false); a configuration change can set only "
                    "configuration nodes");
  }
  if (scope == EditScope::kState && !isStateNode(schema) && (schema->nodetype & LYD_NODE_TERM)) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + xpath +
                    " is configuration; a state write can set only state leaves "
                    "(config false) and the entries that lead to them");
  }
}

void createNode(Tree& tree, const ly_ctx* ctx, const std::string& xpath, const char* value) {
  lyd_node* created = nullptr;
  LY_ERR status =
      lyd_new_path(tree.get(), ctx, xpath.c_str(), value, LYD_NEW_PATH_UPDATE, &created);
  if (status != LY_SUCCESS) {
    std::string what =
        value == nullptr ? "creating " + xpath : "setting " + xpath + " to \"" + value + "\"";
    throwLibyangError(ctx, ErrorKind::kValidation, what + " failed");
  }
  if (!tree && created != nullptr) {
    tree.reset(created);
  }
  resetToFirstSibling(tree);
}

void deleteMatches(Tree& tree, const std::string& xpath) {
  if (!tree) {
    return;
  }
  ly_set* found = nullptr;
  if (lyd_find_xpath(tree.get(), xpath.c_str(), &found) != LY_SUCCESS) {
    throwLibyangError(LYD_CTX(tree.get()), ErrorKind::kInvalidArgument,
                      "path " + xpath + " is not a valid data path");
  }
  for (uint32_t i = 0; i < found->count; ++i) {
    lyd_node* node = found->dnodes[i];
    if (node == tree.get()) {
      // The first sibling is going away, so the tree must point at the next one.
      lyd_node* next = node->next;
      static_cast<void>(tree.release());
      tree.reset(next);
    }
    lyd_free_tree(node);
  }
  ly_set_free(found, nullptr);
}

// Adds ITEM to the leaf-list at XPATH. libyang rejects value predicates on state (config false)
// leaf-lists, whose items need not be unique, so those items are appended by value instead.
void addLeafListItem(Tree& tree, const ly_ctx* ctx, const std::string& xpath,
                     const std::string& item, bool is_config) {
  if (is_config) {
    createNode(tree, ctx, xpath + "[.=" + xpathLiteral(item) + "]", nullptr);
  } else {
    createNode(tree, ctx, xpath, item.c_str());
  }
}

void setLeafList(Tree& tree, const ly_ctx* ctx, const Edit& edit, const lysc_node* schema) {
  bool is_config = (schema->flags & LYS_CONFIG_W) != 0;
  if (const auto* item = std::get_if<std::string>(&edit.value)) {
    addLeafListItem(tree, ctx, edit.xpath, *item, is_config);
    return;
  }
  deleteMatches(tree, edit.xpath);
  for (const auto& item : std::get<std::vector<std::string>>(edit.value)) {
    addLeafListItem(tree, ctx, edit.xpath, item, is_config);
  }
}

void setNode(Tree& tree, const ly_ctx* ctx, const Edit& edit, const lysc_node* schema) {
  if (schema->nodetype == LYS_LEAFLIST) {
    setLeafList(tree, ctx, edit, schema);
    return;
  }
  const auto* text = std::get_if<std::string>(&edit.value);
  if (text == nullptr) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + edit.xpath + " is not a leaf-list; expected a single value, got a list");
  }
  if (schema->nodetype == LYS_LEAF) {
    if (lysc_is_key(schema)) {
      throw Error(ErrorKind::kInvalidArgument,
                  "path " + edit.xpath + " is a list key; set the list entry instead");
    }
    createNode(tree, ctx, edit.xpath, text->c_str());
    return;
  }
  if (!text->empty()) {
    throw Error(ErrorKind::kInvalidArgument,
                "path " + edit.xpath +
                    " is a container or list entry; expected the value \"\", got \"" + *text +
                    "\"");
  }
  createNode(tree, ctx, edit.xpath, nullptr);
}

LeafValue jsonToLeafValue(const nlohmann::json& json, const std::string& xpath) {
  auto scalar = [&xpath](const nlohmann::json& item) -> std::string {
    if (item.is_string()) {
      return item.get<std::string>();
    }
    if (item.is_number() || item.is_boolean()) {
      return item.dump();
    }
    if (item.is_array() && item.size() == 1 && item[0].is_null()) {
      return "";  // RFC 7951 encodes the empty type as [null].
    }
    throw Error(ErrorKind::kInvalidArgument, "JSON value " + item.dump() + " for " + xpath +
                                                 " is not a string, number or boolean");
  };
  if (json.is_array() && !(json.size() == 1 && json[0].is_null())) {
    std::vector<std::string> items;
    for (const auto& item : json) {
      items.push_back(scalar(item));
    }
    return items;
  }
  return scalar(json);
}

void mergeJson(Tree& tree, const ly_ctx* ctx, const Edit& edit, const lysc_node* schema) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(edit.json);
  } catch (const nlohmann::json::parse_error& error) {
    throw Error(ErrorKind::kInvalidArgument,
                "JSON value for " + edit.xpath + " is not valid JSON: " + error.what());
  }
  if (schema->nodetype & LYD_NODE_TERM) {
    Edit set{EditKind::kSet, edit.xpath, jsonToLeafValue(json, edit.xpath), {}};
    if (schema->nodetype == LYS_LEAFLIST && std::holds_alternative<std::string>(set.value)) {
      set.value = std::vector<std::string>{std::get<std::string>(set.value)};
    }
    setNode(tree, ctx, set, schema);
    return;
  }
  if (!json.is_object()) {
    throw Error(ErrorKind::kInvalidArgument, "JSON value for " + edit.xpath +
                                                 " must be an object because the path is a " +
                                                 "container or list entry, got " + json.dump());
  }

  // Build the path in a separate tree, parse the subtree below it, then merge it in, so that a
  // parse error leaves TREE as it was.
  Tree fragment;
  createNode(fragment, ctx, edit.xpath, nullptr);
  lyd_node* parent = nullptr;
  if (lyd_find_path(fragment.get(), edit.xpath.c_str(), 0, &parent) != LY_SUCCESS) {
    throwLibyangError(ctx, ErrorKind::kInternal, "created node " + edit.xpath + " was not found");
  }
  std::string text = qualifyJsonNames(json, schema, edit.xpath).dump();
  ly_in* in = nullptr;
  ly_in_new_memory(text.c_str(), &in);
  LY_ERR status =
      lyd_parse_data(ctx, parent, in, LYD_JSON, LYD_PARSE_ONLY | LYD_PARSE_STRICT, 0, nullptr);
  ly_in_free(in, 0);
  if (status != LY_SUCCESS) {
    throwLibyangError(ctx, ErrorKind::kValidation, "JSON value for " + edit.xpath + " is invalid");
  }
  lyd_node* target = tree.release();
  status = lyd_merge_siblings(&target, fragment.get(), 0);
  tree.reset(target);
  if (status != LY_SUCCESS) {
    throwLibyangError(ctx, ErrorKind::kValidation,
                      "merging JSON value at " + edit.xpath + " failed");
  }
  resetToFirstSibling(tree);
}

}  // namespace

const lysc_node* findSchemaNode(const ly_ctx* ctx, const std::string& xpath) {
  const lysc_node* schema = lys_find_path(ctx, nullptr, stripPredicates(xpath).c_str(), 0);
  if (schema == nullptr) {
    takeLibyangErrors(ctx);
    throw Error(ErrorKind::kNotFound, "path " + xpath + " does not exist in the schema");
  }
  return schema;
}

void applyEdit(Tree& tree, const ly_ctx* ctx, const Edit& edit, EditScope scope) {
  const lysc_node* schema = findSchemaNode(ctx, edit.xpath);
  switch (edit.kind) {
    case EditKind::kSet:
      checkScope(schema, edit.xpath, scope);
      setNode(tree, ctx, edit, schema);
      break;
    case EditKind::kDelete:
      checkScope(schema, edit.xpath, scope);
      if (schema->nodetype == LYS_LEAF && lysc_is_key(schema)) {
        throw Error(ErrorKind::kInvalidArgument,
                    "path " + edit.xpath + " is a list key; delete the list entry instead");
      }
      deleteMatches(tree, edit.xpath);
      break;
    case EditKind::kMergeJson:
      checkScope(schema, edit.xpath, scope);
      mergeJson(tree, ctx, edit, schema);
      break;
  }
}

}  // namespace eventmgr::datastore
