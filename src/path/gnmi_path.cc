#include "path/gnmi_path.h"

#include <string>

#include "common/error.h"
#include "schema/node.h"

namespace eventmgr::path {

std::string formatGnmiPath(const GnmiPath& path) {
  std::string text;
  if (!path.origin.empty()) {
    text += path.origin;
    text.push_back(':');
  }
  if (path.elems.empty()) {
    text.push_back('/');
    return text;
  }
  for (const GnmiPathElem& elem : path.elems) {
    text.push_back('/');
    text += elem.name;
    for (const auto& [name, value] : elem.keys) {  // std::map: sorted by key name
      text.push_back('[');
      text += name;
      text.push_back('=');
      for (char c : value) {
        if (c == ']' || c == '\\') {
          text.push_back('\\');
        }
        text.push_back(c);
      }
      text.push_back(']');
    }
  }
  return text;
}

namespace {

[[noreturn]] void failSyntax(std::string_view text, std::size_t offset, const std::string& what) {
  throw PathError("invalid gNMI path \"" + std::string(text) + "\" at column " +
                      std::to_string(offset + 1) + ": " + what,
                  offset);
}

}  // namespace

GnmiPath parseGnmiPath(std::string_view text) {
  GnmiPath path;
  std::size_t position = 0;
  // An origin is a prefix "name:" directly followed by "/", before any "/" or "[".
  std::size_t colon_slash = text.find(":/");
  if (colon_slash != std::string_view::npos &&
      text.substr(0, colon_slash).find_first_of("/[") == std::string_view::npos) {
    path.origin = std::string(text.substr(0, colon_slash));
    position = colon_slash + 1;
  }
  if (position < text.size() && text[position] == '/') {
    ++position;
  }
  if (position >= text.size()) {
    return path;  // the root
  }

  while (position <= text.size()) {
    GnmiPathElem elem;
    std::size_t name_start = position;
    while (position < text.size() && text[position] != '/' && text[position] != '[') {
      if (text[position] == ']' || text[position] == '=') {
        failSyntax(text, position, "unexpected \"" + std::string(1, text[position]) + "\"");
      }
      elem.name.push_back(text[position++]);
    }
    if (elem.name.empty()) {
      failSyntax(text, name_start, "empty element name");
    }
    while (position < text.size() && text[position] == '[') {
      std::size_t key_start = ++position;
      std::string key;
      while (position < text.size() && text[position] != '=' && text[position] != ']') {
        key.push_back(text[position++]);
      }
      if (position >= text.size() || text[position] != '=' || key.empty()) {
        failSyntax(text, key_start, "expected [key=value]");
      }
      ++position;
      std::string value;
      while (position < text.size() && text[position] != ']') {
        if (text[position] == '\\' && position + 1 < text.size()) {
          ++position;
        }
        value.push_back(text[position++]);
      }
      if (position >= text.size()) {
        failSyntax(text, key_start - 1, "unterminated \"[\"");
      }
      ++position;  // the `]`
      if (!elem.keys.emplace(std::move(key), std::move(value)).second) {
        failSyntax(text, key_start, "key given twice");
      }
    }
    path.elems.push_back(std::move(elem));
    if (position >= text.size()) {
      break;
    }
    if (text[position] != '/') {
      failSyntax(text, position, "expected \"/\" or \"[\"");
    }
    ++position;
    if (position >= text.size()) {
      break;  // a trailing slash
    }
  }
  return path;
}

GnmiPath toGnmiPath(const ConcretePath& path) {
  GnmiPath gnmi;
  for (const PathElement& element : path.elements()) {
    GnmiPathElem elem{element.name, {}};
    std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
    for (std::size_t k = 0; k < element.keys.size() && k < key_nodes.size(); ++k) {
      elem.keys.emplace(key_nodes[k]->name, displayKeyValue(key_nodes[k], element.keys[k]));
    }
    gnmi.elems.push_back(std::move(elem));
  }
  return gnmi;
}

GnmiPath toGnmiPath(const Pattern& pattern) {
  GnmiPath gnmi;
  for (const PatternElement& element : pattern.elements()) {
    GnmiPathElem elem{element.name, {}};
    std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
    for (std::size_t k = 0; k < element.keys.size() && k < key_nodes.size(); ++k) {
      const KeyPattern& key = element.keys[k];
      if (key.any) {
        elem.keys.emplace(key_nodes[k]->name, "*");
      } else if (key.alternatives.size() == 1 && !key.alternatives[0].glob) {
        elem.keys.emplace(key_nodes[k]->name,
                          displayKeyValue(key_nodes[k], key.alternatives[0].text));
      } else {
        throw Error(ErrorKind::kInvalidArgument,
                    "key " + std::string(key_nodes[k]->name) + " = " + key.source + " of " +
                        element.name +
                        " has a range or partial glob, which gNMI cannot express; expand it "
                        "with Pattern::toGnmi()");
      }
    }
    gnmi.elems.push_back(std::move(elem));
  }
  return gnmi;
}

namespace {

std::vector<PatternElement> resolveGnmi(const schema::Schema& schema, const GnmiPath& path,
                                        schema::Tree tree, bool allow_wildcards) {
  std::vector<PatternElement> elements;
  const lysc_node* parent = nullptr;
  std::string location;
  for (const GnmiPathElem& elem : path.elems) {
    if (elem.name == "*" || elem.name == "...") {
      throw PathError("wildcard element \"" + elem.name + "\" after \"" + location +
                          "\" is not supported; name every element",
                      0);
    }
    const lysc_node* node = parent == nullptr ? schema.findTopLevel(elem.name, tree)
                                              : schema.findChild(parent, elem.name);
    if (node == nullptr) {
      throw PathError("unknown element \"" + elem.name + "\" " +
                          (parent == nullptr ? "at the top level" : "under \"" + location + "\""),
                      0);
    }
    location += "/" + std::string(node->name);
    std::vector<const lysc_node*> key_nodes = schema::listKeys(node);
    std::size_t known = 0;
    PatternElement element{node, node->name, {}};
    for (const lysc_node* key_node : key_nodes) {
      auto found = elem.keys.find(key_node->name);
      if (found == elem.keys.end() || found->second == "*") {
        if (!allow_wildcards) {
          throw PathError("key " + std::string(key_node->name) + " of \"" + location + "\" is " +
                              (found == elem.keys.end() ? "missing" : "a wildcard") +
                              "; a concrete path needs every key value",
                          0);
        }
        element.keys.push_back(KeyPattern::wildcard(false));
      } else {
        std::string value;
        try {
          value = canonicalKeyValue(key_node, found->second);
        } catch (const Error& error) {
          throw PathError("invalid value \"" + found->second + "\" for key " + key_node->name +
                              " of \"" + location + "\": " + error.what(),
                          0);
        }
        element.keys.push_back(KeyPattern::literal(std::move(value)));
      }
      if (found != elem.keys.end()) {
        ++known;
      }
    }
    if (known != elem.keys.size()) {
      for (const auto& [name, value] : elem.keys) {
        bool is_key = false;
        for (const lysc_node* key_node : key_nodes) {
          is_key = is_key || name == key_node->name;
        }
        if (!is_key) {
          throw PathError("\"" + name + "\" is not a key of \"" + location + "\"", 0);
        }
      }
    }
    elements.push_back(std::move(element));
    parent = node;
  }
  return elements;
}

}  // namespace

ConcretePath fromGnmiPath(const schema::Schema& schema, const GnmiPath& path, schema::Tree tree) {
  ConcretePath concrete;
  for (PatternElement& element : resolveGnmi(schema, path, tree, false)) {
    PathElement step{element.node, std::move(element.name), {}};
    for (KeyPattern& key : element.keys) {
      step.keys.push_back(std::move(key.alternatives.front().text));
    }
    concrete.append(std::move(step));
  }
  return concrete;
}

Pattern patternFromGnmiPath(const schema::Schema& schema, const GnmiPath& path, schema::Tree tree) {
  return Pattern(resolveGnmi(schema, path, tree, true));
}

}  // namespace eventmgr::path
