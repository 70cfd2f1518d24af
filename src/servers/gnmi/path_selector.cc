#include "servers/gnmi/path_selector.h"

#include <string_view>

#include "schema/node.h"

namespace eventmgr::servers::gnmi {

namespace {

bool isElementWildcard(const path::GnmiPathElem& elem) {
  return elem.name == "*" || elem.name == "...";
}

std::string_view withoutModule(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

PathSelector::PathSelector(const schema::Schema& schema, const path::GnmiPath& path)
    : prefix_(std::vector<path::PatternElement>{}), depth_(path.elems.size()) {
  path::GnmiPath head;
  std::size_t index = 0;
  while (index < path.elems.size() && !isElementWildcard(path.elems[index])) {
    head.elems.push_back(path.elems[index]);
    ++index;
  }
  rest_.assign(path.elems.begin() + static_cast<std::ptrdiff_t>(index), path.elems.end());
  prefix_ = path::patternFromGnmiPath(schema, head);
  concrete_ = rest_.empty() && prefix_.isConcrete();
}

bool PathSelector::isConcrete() const {
  return concrete_;
}

bool PathSelector::hasRecursiveWildcard() const {
  for (const auto& elem : rest_) {
    if (elem.name == "...") {
      return true;
    }
  }
  return false;
}

std::vector<datastore::MatchedLeaf> PathSelector::read(
    const datastore::Datastore& datastore) const {
  std::vector<datastore::MatchedLeaf> leaves = datastore.getMatching(prefix_);
  if (rest_.empty()) {
    return leaves;
  }
  std::vector<datastore::MatchedLeaf> selected;
  for (auto& leaf : leaves) {
    if (coversRest(leaf.path, prefix_.elements().size(), 0)) {
      selected.push_back(std::move(leaf));
    }
  }
  return selected;
}

bool PathSelector::covers(const path::ConcretePath& leaf) const {
  if (!prefix_.covers(leaf)) {
    return false;
  }
  return rest_.empty() || coversRest(leaf, prefix_.elements().size(), 0);
}

bool PathSelector::coversRest(const path::ConcretePath& leaf, std::size_t leaf_index,
                              std::size_t rest_index) const {
  if (rest_index == rest_.size()) {
    return true;
  }
  const path::GnmiPathElem& expected = rest_[rest_index];
  const auto& elements = leaf.elements();
  if (expected.name == "...") {
    // `...` matches zero levels, or one level and then possibly more.
    return coversRest(leaf, leaf_index, rest_index + 1) ||
           (leaf_index < elements.size() && coversRest(leaf, leaf_index + 1, rest_index));
  }
  if (leaf_index == elements.size()) {
    return false;
  }
  const path::PathElement& element = elements[leaf_index];
  if (expected.name != "*" && withoutModule(expected.name) != element.name) {
    return false;
  }
  std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
  for (const auto& [key, value] : expected.keys) {
    if (value == "*") {
      continue;
    }
    bool matched = false;
    for (std::size_t k = 0; k < key_nodes.size() && k < element.keys.size(); ++k) {
      matched = matched || (key == key_nodes[k]->name && value == element.keys[k]);
    }
    if (!matched) {
      return false;
    }
  }
  return coversRest(leaf, leaf_index + 1, rest_index + 1);
}

}  // namespace eventmgr::servers::gnmi
