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

namespace {

const lysp_node_grp* findGrouping(const lysp_node* from, const lysp_module* module,
                                  std::string_view name) {
  if (auto colon = name.find(':'); colon != std::string_view::npos) {
    name = name.substr(colon + 1);
  }
  for (const lysp_node* node = from; node != nullptr; node = node->parent) {
    for (const lysp_node_grp* grouping = lysp_node_groupings(node); grouping != nullptr;
         grouping = grouping->next) {
      if (name == grouping->name) {
        return grouping;
      }
    }
  }
  for (const lysp_node_grp* grouping = module != nullptr ? module->groupings : nullptr;
       grouping != nullptr; grouping = grouping->next) {
    if (name == grouping->name) {
      return grouping;
    }
  }
  return nullptr;
}

// Appends the names of the leaves among FIRST and its siblings, expanding `uses` of groupings
// found from CONTEXT upwards or in MODULE, in definition order.
void collectLeafNames(const lysp_node* first, const lysp_node* context, const lysp_module* module,
                      std::vector<std::string_view>& names, int depth) {
  for (const lysp_node* node = first; node != nullptr; node = node->next) {
    if (node->nodetype == LYS_LEAF) {
      names.emplace_back(node->name);
    } else if (node->nodetype == LYS_USES && depth < 8) {
      if (const lysp_node_grp* grouping = findGrouping(context, module, node->name)) {
        collectLeafNames(grouping->child, &grouping->node, module, names, depth + 1);
      }
    }
  }
}

}  // namespace

std::vector<const lysc_node*> listKeysInCliOrder(const lysc_node* node) {
  std::vector<const lysc_node*> keys = listKeys(node);
  if (keys.size() <= 2 || node->priv == nullptr) {
    return keys;
  }
  // With LY_CTX_SET_PRIV_PARSED, priv of a compiled node is its parsed node.
  const auto* parsed = static_cast<const lysp_node*>(node->priv);
  if (parsed->nodetype != LYS_LIST) {
    return keys;
  }
  std::vector<std::string_view> names;
  collectLeafNames(lysp_node_child(parsed), parsed, node->module->parsed, names, 0);

  std::vector<const lysc_node*> ordered = {keys.front()};
  for (std::string_view name : names) {
    for (std::size_t k = 1; k < keys.size(); ++k) {
      if (name == keys[k]->name) {
        ordered.push_back(keys[k]);
      }
    }
  }
  return ordered.size() == keys.size() ? ordered : keys;
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
