#include "datastore/region.h"

#include <algorithm>
#include <cstdlib>

#include "datastore/edit.h"
#include "datastore/snapshot.h"

namespace eventmgr::datastore {
namespace {

bool isList(const lyd_node* node) {
  return node->schema != nullptr && node->schema->nodetype == LYS_LIST;
}

const lyd_node* regionRoot(const lyd_node* node) {
  const lyd_node* top = node;
  const lyd_node* outermost_list = nullptr;
  for (const lyd_node* step = node; step != nullptr; step = lyd_parent(step)) {
    if (isList(step)) {
      outermost_list = step;
    }
    top = step;
  }
  return outermost_list != nullptr ? outermost_list : top;
}

std::string leafListPath(const lyd_node* node) {
  char* path = lyd_path(node, LYD_PATH_STD_NO_LAST_PRED, nullptr, 0);
  if (path == nullptr) {
    throw Error(ErrorKind::kInternal, "libyang could not build the path of a leaf-list");
  }
  std::string result(path);
  std::free(path);
  return result;
}

// Lists the leaves of NODE and its following siblings. DESCEND_LISTS false stops at list
// entries, which belong to regions of their own.
void collectLeaves(const lyd_node* node, bool descend_lists, std::vector<SnapshotLeaf>& leaves) {
  for (; node != nullptr; node = node->next) {
    if (node->schema == nullptr) {
      continue;  // opaque nodes have no schema and are not data
    }
    if (node->schema->nodetype == LYS_LEAF) {
      auto path = concretePathOf(node);
      auto sort_key = naturalSortKey(path);
      leaves.push_back({node, node->schema, dataPath(node), std::move(path), std::move(sort_key),
                        nodeValue(node)});
      continue;
    }
    if (node->schema->nodetype == LYS_LEAFLIST) {
      // Instances of one leaf-list are adjacent siblings, folded here into one entry.
      if (node->prev->next != nullptr && node->prev->schema == node->schema) {
        continue;
      }
      std::vector<std::string> items;
      for (const lyd_node* item = node; item != nullptr && item->schema == node->schema;
           item = item->next) {
        items.push_back(nodeValue(item));
      }
      auto path = concretePathOf(node);
      auto sort_key = naturalSortKey(path);
      leaves.push_back({node, node->schema, leafListPath(node), std::move(path),
                        std::move(sort_key), std::move(items)});
      continue;
    }
    if (isList(node) && !descend_lists) {
      continue;
    }
    collectLeaves(lyd_child(node), true, leaves);
  }
}

// Copies TOP (a top-level node) and everything below it that is not inside a list entry.
void copyOutsideLists(const lyd_node* source, lyd_node* target_parent) {
  for (const lyd_node* child = lyd_child(source); child != nullptr; child = child->next) {
    if (isList(child)) {
      continue;
    }
    lyd_node* copy = nullptr;
    if (lyd_dup_single(child, reinterpret_cast<lyd_node_inner*>(target_parent), LYD_DUP_WITH_FLAGS,
                       &copy) != LY_SUCCESS) {
      throwLibyangError(LYD_CTX(source), ErrorKind::kInternal, "copying state failed");
    }
    copyOutsideLists(child, copy);
  }
}

Tree copyRegion(const lyd_node* root) {
  if (root == nullptr) {
    return nullptr;
  }
  lyd_node* copy = nullptr;
  if (isList(root)) {
    if (lyd_dup_single(root, nullptr, LYD_DUP_RECURSIVE | LYD_DUP_WITH_PARENTS | LYD_DUP_WITH_FLAGS,
                       &copy) != LY_SUCCESS) {
      throwLibyangError(LYD_CTX(root), ErrorKind::kInternal, "copying a region failed");
    }
    Tree tree(copy);
    resetToFirstSibling(tree);
    return tree;
  }
  if (lyd_dup_single(root, nullptr, LYD_DUP_WITH_FLAGS, &copy) != LY_SUCCESS) {
    throwLibyangError(LYD_CTX(root), ErrorKind::kInternal, "copying a region failed");
  }
  Tree tree(copy);
  copyOutsideLists(root, copy);
  return tree;
}

}  // namespace

const SnapshotLeaf* Region::find(const std::string& xpath) const {
  auto found = by_xpath.find(xpath);
  return found == by_xpath.end() ? nullptr : &leaves[found->second];
}

std::string regionKeyOf(const lyd_node* node) {
  return dataPath(regionRoot(node));
}

std::string regionKeyOf(const path::ConcretePath& path) {
  const auto& elements = path.elements();
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].node->nodetype == LYS_LIST) {
      return path.parent(elements.size() - i - 1).toXPath();
    }
  }
  return path.parent(elements.size() - 1).toXPath();
}

void collectRegionKeys(const lyd_node* node, std::vector<std::string>& keys) {
  if (node == nullptr || node->schema == nullptr) {
    return;
  }
  const lyd_node* root = regionRoot(node);
  keys.push_back(dataPath(root));
  if (isList(root)) {
    return;
  }
  // NODE lies in a container region: the list entries below it are regions too.
  for (const lyd_node* child = lyd_child(node); child != nullptr; child = child->next) {
    if (isList(child)) {
      keys.push_back(dataPath(child));
    } else if (!(child->schema->nodetype & LYD_NODE_TERM)) {
      std::vector<std::string> below;
      collectRegionKeys(child, below);
      keys.insert(keys.end(), below.begin() + 1, below.end());  // below[0] is this region
    }
  }
}

const lyd_node* findNode(const lyd_node* forest, const std::string& xpath) {
  if (forest == nullptr) {
    return nullptr;
  }
  lyd_node* found = nullptr;
  if (lyd_find_path(forest, xpath.c_str(), 0, &found) != LY_SUCCESS) {
    takeLibyangErrors(LYD_CTX(forest));
    return nullptr;
  }
  return found;
}

std::shared_ptr<const Region> buildRegion(const std::string& key, const RegionSources& sources) {
  Tree merged = copyRegion(sources.running_root);
  Tree state_part = copyRegion(sources.state_root);
  if (state_part) {
    lyd_node* top = merged.release();
    LY_ERR status = lyd_merge_siblings(&top, state_part.get(), 0);
    merged.reset(top);
    if (status != LY_SUCCESS) {
      throwLibyangError(sources.ctx, ErrorKind::kInternal,
                        "merging state into config failed at " + key);
    }
  }
  if (merged) {
    sources.simulated->apply(merged.get(), sources.running, *sources.overlay);
  }
  for (const auto& [xpath, value] : sources.overlay->effectiveIn(key)) {
    applyEdit(merged, sources.ctx, Edit{EditKind::kSet, xpath, value, {}}, EditScope::kState);
  }
  const lyd_node* root = findNode(merged.get(), key);
  if (root == nullptr) {
    return nullptr;
  }

  auto region = std::make_shared<Region>();
  region->key = key;
  region->root_schema = root->schema;
  if (isList(root)) {
    collectLeaves(lyd_child(root), true, region->leaves);
  } else if (root->schema->nodetype & LYD_NODE_TERM) {
    collectLeaves(root, false, region->leaves);
    region->leaves.resize(std::min<std::size_t>(region->leaves.size(), 1));
  } else {
    collectLeaves(lyd_child(root), false, region->leaves);
  }
  for (std::size_t i = 0; i < region->leaves.size(); ++i) {
    region->by_xpath.emplace(region->leaves[i].xpath, i);
  }
  region->tree = std::move(merged);
  return region;
}

}  // namespace eventmgr::datastore
