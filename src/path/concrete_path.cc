#include "path/concrete_path.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string_view>

#include "common/error.h"
#include "common/natural_order.h"
#include "path/key_pattern.h"
#include "path/tokenizer.h"
#include "schema/node.h"

namespace eventmgr::path {

bool PathElement::operator==(const PathElement& other) const {
  return node == other.node && name == other.name && keys == other.keys;
}

ConcretePath::ConcretePath(std::vector<PathElement> elements) : elements_(std::move(elements)) {}

const lysc_node* ConcretePath::schemaNode() const {
  return elements_.empty() ? nullptr : elements_.back().node;
}

void ConcretePath::append(PathElement element) {
  elements_.push_back(std::move(element));
}

ConcretePath ConcretePath::child(PathElement element) const {
  ConcretePath result = *this;
  result.append(std::move(element));
  return result;
}

ConcretePath ConcretePath::parent(std::size_t count) const {
  if (count >= elements_.size()) {
    return ConcretePath();
  }
  return ConcretePath(
      std::vector<PathElement>(elements_.begin(), elements_.end() - static_cast<long>(count)));
}

bool ConcretePath::startsWith(const ConcretePath& prefix) const {
  if (prefix.size() > size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (!(elements_[i] == prefix.elements_[i])) {
      return false;
    }
  }
  return true;
}

std::string ConcretePath::toCli() const {
  std::string text;
  for (const PathElement& element : elements_) {
    if (!text.empty()) {
      text.push_back(' ');
    }
    text += element.name;
    if (element.keys.empty()) {
      continue;
    }
    text.push_back(' ');
    // Key leaves are the first children of a compiled list, so this is the first key.
    text += quoteValue(displayKeyValue(lysc_node_child(element.node), element.keys.front()));
    if (element.keys.size() > 1) {
      // Further keys as `name value`, in the order SR Linux's CLI prints them.
      std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
      for (const lysc_node* key_node : schema::listKeysInCliOrder(element.node)) {
        std::size_t position =
            std::find(key_nodes.begin(), key_nodes.end(), key_node) - key_nodes.begin();
        if (position == 0 || position >= element.keys.size()) {
          continue;
        }
        text.push_back(' ');
        text += key_node->name;
        text.push_back(' ');
        text += quoteValue(displayKeyValue(key_node, element.keys[position]));
      }
    }
  }
  return text;
}

namespace {

void appendGnmiKeyValue(std::string& text, std::string_view value) {
  for (char c : value) {
    if (c == ']' || c == '\\') {
      text.push_back('\\');
    }
    text.push_back(c);
  }
}

}  // namespace

std::string ConcretePath::toGnmi() const {
  if (elements_.empty()) {
    return "/";
  }
  std::string text;
  for (const PathElement& element : elements_) {
    text.push_back('/');
    text += element.name;
    if (element.keys.empty()) {
      continue;
    }
    // gNMI's string form sorts keys by name.
    std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
    std::map<std::string_view, std::string_view> sorted;
    for (std::size_t i = 0; i < element.keys.size() && i < key_nodes.size(); ++i) {
      sorted.emplace(key_nodes[i]->name, displayKeyValue(key_nodes[i], element.keys[i]));
    }
    for (const auto& [name, value] : sorted) {
      text.push_back('[');
      text += name;
      text.push_back('=');
      appendGnmiKeyValue(text, value);
      text.push_back(']');
    }
  }
  return text;
}

std::string ConcretePath::toXPath() const {
  std::string text;
  const char* previous_module = nullptr;
  for (const PathElement& element : elements_) {
    text.push_back('/');
    const char* module = element.node->module->name;
    if (previous_module == nullptr || std::string_view(module) != previous_module) {
      text += module;
      text.push_back(':');
    }
    previous_module = module;
    text += element.name;

    std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
    for (std::size_t i = 0; i < element.keys.size() && i < key_nodes.size(); ++i) {
      const std::string& value = element.keys[i];
      bool has_single = value.find('\'') != std::string::npos;
      bool has_double = value.find('"') != std::string::npos;
      if (has_single && has_double) {
        throw Error(ErrorKind::kInvalidArgument,
                    "key value " + quoteValue(value) + " of " + element.name +
                        " contains both ' and \", which a libyang data path cannot express");
      }
      char quote = has_single ? '"' : '\'';
      text.push_back('[');
      text += key_nodes[i]->name;
      text.push_back('=');
      text.push_back(quote);
      text += value;
      text.push_back(quote);
      text.push_back(']');
    }
  }
  return text;
}

bool ConcretePath::operator==(const ConcretePath& other) const {
  return elements_ == other.elements_;
}

std::strong_ordering ConcretePath::operator<=>(const ConcretePath& other) const {
  std::size_t common = std::min(size(), other.size());
  for (std::size_t i = 0; i < common; ++i) {
    const PathElement& left = elements_[i];
    const PathElement& right = other.elements_[i];
    if (auto order = left.name <=> right.name; order != 0) {
      return order;
    }
    std::size_t key_count = std::min(left.keys.size(), right.keys.size());
    for (std::size_t k = 0; k < key_count; ++k) {
      int order = naturalCompare(left.keys[k], right.keys[k]);
      if (order != 0) {
        return order < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
      }
    }
    if (auto order = left.keys.size() <=> right.keys.size(); order != 0) {
      return order;
    }
    // Same name and keys but different schema nodes (same name in two modules): order by
    // module name so that the order stays total and consistent with operator==.
    if (left.node != right.node) {
      std::string_view left_module = left.node ? left.node->module->name : "";
      std::string_view right_module = right.node ? right.node->module->name : "";
      if (auto order = left_module <=> right_module; order != 0) {
        return order;
      }
      return std::less<const lysc_node*>()(left.node, right.node) ? std::strong_ordering::less
                                                                  : std::strong_ordering::greater;
    }
  }
  return size() <=> other.size();
}

std::size_t ConcretePath::hash() const {
  std::size_t seed = elements_.size();
  auto combine = [&seed](std::size_t value) {
    seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  };
  for (const PathElement& element : elements_) {
    combine(std::hash<const void*>()(element.node));
    for (const std::string& key : element.keys) {
      combine(std::hash<std::string_view>()(key));
    }
  }
  return seed;
}

}  // namespace eventmgr::path
