#include "path/pattern.h"

#include <algorithm>
#include <set>

#include "path/gnmi_path.h"
#include "path/path_error.h"

namespace eventmgr::path {

Pattern::Pattern(std::vector<PatternElement> elements) : elements_(std::move(elements)) {
  for (const PatternElement& element : elements_) {
    for (const KeyPattern& key : element.keys) {
      expansion_count_ *= key.alternativeCount();
      if (expansion_count_ > kMaxExpansionCount) {
        throw PathError("path expands to more than " + std::to_string(kMaxExpansionCount) +
                            " values; narrow its ranges",
                        0);
      }
    }
  }
}

const lysc_node* Pattern::schemaNode() const {
  return elements_.empty() ? nullptr : elements_.back().node;
}

schema::NodeKind Pattern::endsAt() const {
  return elements_.empty() ? schema::NodeKind::kOther : schema::nodeKind(elements_.back().node);
}

namespace {

bool elementMatches(const PatternElement& pattern, const PathElement& element) {
  if (pattern.node != element.node || pattern.keys.size() != element.keys.size()) {
    return false;
  }
  for (std::size_t k = 0; k < pattern.keys.size(); ++k) {
    if (!pattern.keys[k].matches(element.keys[k])) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool Pattern::matches(const ConcretePath& path) const {
  return path.size() == elements_.size() && covers(path);
}

bool Pattern::covers(const ConcretePath& path) const {
  if (path.size() < elements_.size()) {
    return false;
  }
  // Compare from the end: the last elements differ most often between patterns of one node.
  for (std::size_t i = elements_.size(); i-- > 0;) {
    if (!elementMatches(elements_[i], path.elements()[i])) {
      return false;
    }
  }
  return true;
}

bool Pattern::isConcrete() const {
  for (const PatternElement& element : elements_) {
    for (const KeyPattern& key : element.keys) {
      if (key.alternatives.size() != 1 || key.alternatives.front().glob) {
        return false;
      }
    }
  }
  return true;
}

std::optional<ConcretePath> Pattern::toConcrete() const {
  if (!isConcrete()) {
    return std::nullopt;
  }
  ConcretePath path;
  for (const PatternElement& element : elements_) {
    PathElement concrete{element.node, element.name, {}};
    for (const KeyPattern& key : element.keys) {
      concrete.keys.push_back(key.alternatives.front().text);
    }
    path.append(std::move(concrete));
  }
  return path;
}

std::size_t Pattern::expansionCount() const {
  return expansion_count_;
}

namespace {

// Renders one alternative as a key word: a literal quoted where needed, a glob with its
// literal segments quoted where needed and bare `*` between them.
std::string renderAlternative(const KeyAlternative& alternative, const lysc_node* key_node) {
  if (!alternative.glob) {
    return quoteValue(displayKeyValue(key_node, alternative.text));
  }
  std::string text;
  for (std::size_t i = 0; i < alternative.segments.size(); ++i) {
    if (i > 0) {
      text.push_back('*');
    }
    const std::string& segment = alternative.segments[i];
    if (!segment.empty()) {
      text += quoteValue(segment);
    }
  }
  return text;
}

}  // namespace

std::vector<Pattern> Pattern::expandRanges() const {
  std::vector<std::vector<PatternElement>> results(1);
  for (const PatternElement& element : elements_) {
    std::vector<std::vector<PatternElement>> next;
    // All combinations of this element's key alternatives, appended to every result so far.
    std::vector<std::vector<KeyPattern>> key_combinations(1);
    std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
    for (std::size_t k = 0; k < element.keys.size(); ++k) {
      const KeyPattern& key = element.keys[k];
      std::vector<std::vector<KeyPattern>> extended;
      std::vector<KeyPattern> choices;
      if (key.any || key.alternatives.size() == 1) {
        choices.push_back(key);
      } else {
        for (const KeyAlternative& alternative : key.alternatives) {
          KeyPattern single;
          single.source =
              renderAlternative(alternative, k < key_nodes.size() ? key_nodes[k] : nullptr);
          single.alternatives.push_back(alternative);
          single.index();
          choices.push_back(std::move(single));
        }
      }
      for (const auto& combination : key_combinations) {
        for (const KeyPattern& choice : choices) {
          auto copy = combination;
          copy.push_back(choice);
          extended.push_back(std::move(copy));
        }
      }
      key_combinations = std::move(extended);
    }
    for (const auto& prefix : results) {
      for (auto& keys : key_combinations) {
        auto copy = prefix;
        copy.push_back(PatternElement{element.node, element.name, keys});
        next.push_back(std::move(copy));
      }
    }
    results = std::move(next);
  }
  std::vector<Pattern> patterns;
  patterns.reserve(results.size());
  for (auto& elements : results) {
    patterns.emplace_back(std::move(elements));
  }
  return patterns;
}

std::string Pattern::toCli() const {
  std::string text;
  for (const PatternElement& element : elements_) {
    if (!text.empty()) {
      text.push_back(' ');
    }
    text += element.name;
    // The first key positional, further keys as `name value` in SR Linux's CLI order.
    std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
    for (const lysc_node* key_node : schema::listKeysInCliOrder(element.node)) {
      std::size_t k = std::find(key_nodes.begin(), key_nodes.end(), key_node) - key_nodes.begin();
      if (k >= element.keys.size() || element.keys[k].implicit) {
        continue;
      }
      text.push_back(' ');
      if (k > 0) {
        text += key_node->name;
        text.push_back(' ');
      }
      text += element.keys[k].source;
    }
  }
  return text;
}

std::vector<std::string> Pattern::toGnmi() const {
  std::vector<std::string> forms;
  std::set<std::string> seen;
  for (const Pattern& expanded : expandRanges()) {
    GnmiPath gnmi;
    for (const PatternElement& element : expanded.elements()) {
      GnmiPathElem elem{element.name, {}};
      std::vector<const lysc_node*> key_nodes = schema::listKeys(element.node);
      for (std::size_t k = 0; k < element.keys.size() && k < key_nodes.size(); ++k) {
        const KeyPattern& key = element.keys[k];
        bool literal = !key.any && key.alternatives.size() == 1 && !key.alternatives[0].glob;
        elem.keys[key_nodes[k]->name] =
            literal ? std::string(displayKeyValue(key_nodes[k], key.alternatives[0].text)) : "*";
      }
      gnmi.elems.push_back(std::move(elem));
    }
    std::string form = formatGnmiPath(gnmi);
    if (seen.insert(form).second) {
      forms.push_back(std::move(form));
    }
  }
  return forms;
}

}  // namespace eventmgr::path
