#include "schema/node.h"

#include <cstdlib>
#include <memory>

namespace eventmgr::schema {

NodeKind nodeKind(const lysc_node* node) {
  switch (node->nodetype) {
    case LYS_CONTAINER:
      return NodeKind::kContainer;
    case LYS_LIST:
      return NodeKind::kList;
    case LYS_LEAF:
      return NodeKind::kLeaf;
    case LYS_LEAFLIST:
      return NodeKind::kLeafList;
    default:
      return NodeKind::kOther;
  }
}

const char* nodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kContainer:
      return "container";
    case NodeKind::kList:
      return "list";
    case NodeKind::kLeaf:
      return "leaf";
    case NodeKind::kLeafList:
      return "leaf-list";
    case NodeKind::kOther:
      break;
  }
  return "other";
}

std::vector<const lysc_node*> listKeys(const lysc_node* node) {
  std::vector<const lysc_node*> keys;
  if (node->nodetype != LYS_LIST) {
    return keys;
  }
  // libyang places the key leaves first among a compiled list's children, in the order of
  // the `key` statement.
  for (const lysc_node* child = lysc_node_child(node); child != nullptr; child = child->next) {
    if (!lysc_is_key(child)) {
      break;
    }
    keys.push_back(child);
  }
  return keys;
}

std::string_view moduleName(const lysc_node* node) {
  return node->module->name;
}

bool isConfig(const lysc_node* node) {
  return (node->flags & LYS_CONFIG_W) != 0;
}

const lysc_node* dataParent(const lysc_node* node) {
  const lysc_node* parent = node->parent;
  while (parent != nullptr && (parent->nodetype & (LYS_CHOICE | LYS_CASE)) != 0) {
    parent = parent->parent;
  }
  return parent;
}

std::string schemaPath(const lysc_node* node) {
  std::unique_ptr<char, decltype(&std::free)> text(lysc_path(node, LYSC_PATH_LOG, nullptr, 0),
                                                   &std::free);
  return text ? std::string(text.get()) : std::string();
}

}  // namespace eventmgr::schema
