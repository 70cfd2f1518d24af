#include "datastore/snapshot.h"

#include <algorithm>
#include <cstdlib>

#include "schema/node.h"

namespace eventmgr::datastore {
namespace {

std::string leafListPath(const lyd_node* node) {
  char* path = lyd_path(node, LYD_PATH_STD_NO_LAST_PRED, nullptr, 0);
  if (path == nullptr) {
    throw Error(ErrorKind::kInternal, "libyang could not build the path of a leaf-list");
  }
  std::string result(path);
  std::free(path);
  return result;
}

void collectLeaves(const lyd_node* node, std::vector<SnapshotLeaf>& leaves) {
  for (; node != nullptr; node = node->next) {
    if (node->schema == nullptr) {
      continue;  // opaque nodes have no schema and are not data
    }
    if (node->schema->nodetype == LYS_LEAF) {
      leaves.push_back({node, dataPath(node), nodeValue(node)});
      continue;
    }
    if (node->schema->nodetype == LYS_LEAFLIST) {
      // Instances of one leaf-list are adjacent siblings; fold them into one entry.
      if (node->prev->next != nullptr && node->prev->schema == node->schema) {
        continue;
      }
      std::vector<std::string> items;
      for (const lyd_node* item = node; item != nullptr && item->schema == node->schema;
           item = item->next) {
        items.push_back(nodeValue(item));
      }
      leaves.push_back({node, leafListPath(node), std::move(items)});
      continue;
    }
    collectLeaves(lyd_child(node), leaves);
  }
}

}  // namespace

std::vector<SnapshotLeaf> listLeaves(const lyd_node* forest) {
  std::vector<SnapshotLeaf> leaves;
  collectLeaves(forest, leaves);
  return leaves;
}

Snapshot::Snapshot(Tree tree) : tree_(std::move(tree)) {
  leaves_ = listLeaves(tree_.get());
  by_xpath_.reserve(leaves_.size());
  for (std::size_t i = 0; i < leaves_.size(); ++i) {
    by_xpath_.emplace(leaves_[i].xpath, i);
    by_schema_.emplace(leaves_[i].node->schema, i);
  }
}

const SnapshotLeaf* Snapshot::find(const std::string& xpath) const {
  auto found = by_xpath_.find(xpath);
  return found == by_xpath_.end() ? nullptr : &leaves_[found->second];
}

std::vector<const SnapshotLeaf*> Snapshot::leavesOf(const lysc_node* schema) const {
  std::vector<const SnapshotLeaf*> result;
  auto [begin, end] = by_schema_.equal_range(schema);
  for (auto it = begin; it != end; ++it) {
    result.push_back(&leaves_[it->second]);
  }
  // unordered_multimap gives no order; sort by position to keep data-tree order.
  std::sort(result.begin(), result.end());
  return result;
}

path::ConcretePath concretePathOf(const lyd_node* node) {
  std::vector<path::PathElement> elements;
  for (const lyd_node* step = node; step != nullptr; step = lyd_parent(step)) {
    path::PathElement element;
    element.node = step->schema;
    element.name = step->schema->name;
    if (step->schema->nodetype == LYS_LIST) {
      // Key leaves are the first children of a list entry, in key order.
      const lyd_node* key = lyd_child(step);
      for (const lysc_node* key_schema : schema::listKeys(step->schema)) {
        if (key == nullptr || key->schema != key_schema) {
          throw Error(ErrorKind::kInternal,
                      "list entry " + dataPath(step) + " lacks its key " + key_schema->name);
        }
        element.keys.push_back(nodeValue(key));
        key = key->next;
      }
    }
    elements.push_back(std::move(element));
  }
  return path::ConcretePath(std::vector<path::PathElement>(elements.rbegin(), elements.rend()));
}

}  // namespace eventmgr::datastore
