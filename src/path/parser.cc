#include "path/parser.h"

#include <optional>
#include <string>

#include "path/suggestion.h"
#include "schema/node.h"

namespace eventmgr::path {
namespace {

enum class Mode { kConcrete, kPattern, kWithValue };

// A path element after schema resolution, with key values still as written.
struct RawElement {
  const lysc_node* node = nullptr;
  std::vector<std::optional<Token>> keys;  // in YANG key order; nullopt when left out
  std::size_t offset = 0;                  // of the element's name token
};

struct RawPath {
  std::vector<RawElement> elements;
  std::size_t next_token = 0;  // first token after the path
};

std::string column(std::size_t offset) {
  return "column " + std::to_string(offset + 1);
}

std::string inQuotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

[[noreturn]] void failUnknownElement(const schema::Schema& schema, const Token& token,
                                     const lysc_node* parent, schema::Tree tree) {
  std::string where = parent == nullptr ? "at the top level" : "under " + std::string(parent->name);
  std::vector<std::string> names = schema.childNames(parent, tree);
  std::string message =
      "unknown element " + inQuotes(token.text) + " at " + column(token.offset) + " " + where;
  std::string suggestion = closestName(token.text, names);
  if (!suggestion.empty()) {
    message += "; did you mean " + suggestion + "?";
  } else if (!names.empty() && names.size() <= 16) {
    message += "; expected one of:";
    for (const std::string& name : names) {
      message += " " + name;
    }
  }
  throw PathError(message, token.offset);
}

// Removes a leading `/` (a token of its own or the first character of the first token).
void dropLeadingSlash(std::vector<Token>& tokens) {
  if (tokens.empty() || tokens.front().isLiteral(0) || !tokens.front().text.starts_with('/')) {
    return;
  }
  Token& first = tokens.front();
  if (first.text.size() == 1) {
    tokens.erase(tokens.begin());
    return;
  }
  first.text.erase(0, 1);
  if (!first.literal.empty()) {
    first.literal.erase(first.literal.begin());
  }
  first.offset += 1;
}

// Reads the key values of the list NODE starting at tokens[index] (its first key value).
// Further keys are `key-name value` pairs in any order.
std::size_t readKeys(const std::vector<Token>& tokens, std::size_t index, RawElement& element,
                     Mode mode, std::size_t text_size) {
  std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
  element.keys.assign(key_nodes.size(), std::nullopt);
  if (key_nodes.empty()) {
    throw PathError("list " + std::string(element.node->name) + " at " + column(element.offset) +
                        " has no keys, so its entries cannot be addressed",
                    element.offset);
  }
  if (index >= tokens.size()) {
    if (mode == Mode::kPattern) {
      return index;  // A pattern may end at a list: every entry.
    }
    throw PathError("missing value for key " + std::string(key_nodes[0]->name) + " of list " +
                        element.node->name + " at " + column(text_size),
                    text_size);
  }
  element.keys[0] = tokens[index++];

  while (index + 1 < tokens.size() && !tokens[index].quoted) {
    std::size_t key_position = 0;
    for (std::size_t k = 1; k < key_nodes.size(); ++k) {
      if (tokens[index].text == key_nodes[k]->name && !element.keys[k]) {
        key_position = k;
        break;
      }
    }
    if (key_position == 0) {
      break;
    }
    element.keys[key_position] = tokens[index + 1];
    index += 2;
  }

  if (mode != Mode::kPattern) {
    for (std::size_t k = 1; k < key_nodes.size(); ++k) {
      if (!element.keys[k]) {
        std::size_t offset = index < tokens.size() ? tokens[index].offset : text_size;
        throw PathError("missing key " + std::string(key_nodes[k]->name) + " of list " +
                            element.node->name + " at " + column(offset) + "; write " +
                            key_nodes[k]->name + " <value> after the first key",
                        offset);
      }
    }
  }
  return index;
}

RawPath resolve(const schema::Schema& schema, const std::vector<Token>& tokens, schema::Tree tree,
                Mode mode, std::size_t text_size) {
  if (tokens.empty()) {
    throw PathError("empty path; expected a path such as \"interface ethernet-1/1 oper-state\"", 0);
  }
  RawPath path;
  const lysc_node* parent = nullptr;
  std::size_t index = 0;
  while (index < tokens.size()) {
    const Token& token = tokens[index];
    const lysc_node* node = parent == nullptr ? schema.findTopLevel(token.text, tree)
                                              : schema.findChild(parent, token.text);
    if (node == nullptr || token.quoted) {
      failUnknownElement(schema, token, parent, tree);
    }
    RawElement element{node, {}, token.offset};
    ++index;
    schema::NodeKind kind = schema::nodeKind(node);
    if (kind == schema::NodeKind::kList) {
      index = readKeys(tokens, index, element, mode, text_size);
    }
    path.elements.push_back(std::move(element));
    parent = node;
    if (kind == schema::NodeKind::kLeaf || kind == schema::NodeKind::kLeafList) {
      break;
    }
  }
  path.next_token = index;
  if (mode != Mode::kWithValue && index < tokens.size()) {
    const Token& extra = tokens[index];
    throw PathError("unexpected " + inQuotes(extra.text) + " at " + column(extra.offset) +
                        " after " + schema::nodeKindName(schema::nodeKind(parent)) + " " +
                        parent->name + "; a path ends at a leaf or leaf-list",
                    extra.offset);
  }
  return path;
}

// Checks every literal alternative against the key's YANG type and stores its canonical form.
void canonicalize(KeyPattern& key, const lysc_node* key_node, const lysc_node* list,
                  const Token& token) {
  for (KeyAlternative& alternative : key.alternatives) {
    if (alternative.glob) {
      continue;
    }
    try {
      alternative.text = canonicalKeyValue(key_node, alternative.text);
    } catch (const Error& error) {
      throw PathError("invalid value " + inQuotes(alternative.text) + " for key " + key_node->name +
                          " of list " + list->name + " at " + column(token.offset) + ": " +
                          error.what(),
                      token.offset);
    }
  }
  key.index();
}

std::vector<PatternElement> compileElements(const RawPath& raw, bool allow_patterns) {
  std::vector<PatternElement> elements;
  for (const RawElement& raw_element : raw.elements) {
    PatternElement element{raw_element.node, raw_element.node->name, {}};
    std::vector<const lysc_node*> key_nodes = schema::listKeys(raw_element.node);
    for (std::size_t k = 0; k < raw_element.keys.size(); ++k) {
      const auto& token = raw_element.keys[k];
      if (!token) {
        element.keys.push_back(KeyPattern::wildcard(true));
        continue;
      }
      KeyPattern key = compileKeyPattern(*token, allow_patterns);
      canonicalize(key, key_nodes[k], raw_element.node, *token);
      element.keys.push_back(std::move(key));
    }
    elements.push_back(std::move(element));
  }
  return elements;
}

ConcretePath toConcretePath(const RawPath& raw) {
  ConcretePath path;
  for (PatternElement& element : compileElements(raw, false)) {
    PathElement concrete{element.node, std::move(element.name), {}};
    for (KeyPattern& key : element.keys) {
      concrete.keys.push_back(std::move(key.alternatives.front().text));
    }
    path.append(std::move(concrete));
  }
  return path;
}

}  // namespace

ConcretePath parseConcretePath(const schema::Schema& schema, std::string_view text,
                               schema::Tree tree) {
  std::vector<Token> tokens = tokenize(text);
  dropLeadingSlash(tokens);
  return toConcretePath(resolve(schema, tokens, tree, Mode::kConcrete, text.size()));
}

Pattern parsePattern(const schema::Schema& schema, std::string_view text, schema::Tree tree) {
  std::vector<Token> tokens = tokenize(text);
  dropLeadingSlash(tokens);
  RawPath raw = resolve(schema, tokens, tree, Mode::kPattern, text.size());
  return Pattern(compileElements(raw, true));
}

PathWithValue parsePathWithValue(const schema::Schema& schema, std::string_view text,
                                 schema::Tree tree) {
  std::vector<Token> tokens = tokenize(text);
  dropLeadingSlash(tokens);
  RawPath raw = resolve(schema, tokens, tree, Mode::kWithValue, text.size());
  PathWithValue result;
  result.path = toConcretePath(raw);
  result.value.assign(tokens.begin() + static_cast<long>(raw.next_token), tokens.end());
  return result;
}

}  // namespace eventmgr::path
