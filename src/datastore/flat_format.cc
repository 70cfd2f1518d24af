#include "datastore/flat_format.h"

#include "common/error.h"
#include "datastore/cli_text.h"
#include "datastore/snapshot.h"
#include "datastore/text_lines.h"
#include "path/path_error.h"

namespace eventmgr::datastore {
namespace {

bool hasPrintableLeaf(const lyd_node* node, bool with_defaults) {
  for (const lyd_node* child = lyd_child(node); child != nullptr; child = child->next) {
    if (!isPrintable(child, with_defaults) || isListKey(child)) {
      continue;
    }
    if ((child->schema->nodetype & LYD_NODE_TERM) || hasPrintableLeaf(child, with_defaults)) {
      return true;
    }
  }
  return false;
}

void printNodes(const lyd_node* node, bool with_defaults, std::string& out) {
  for (; node != nullptr; node = node->next) {
    if (!isPrintable(node, with_defaults) || isListKey(node)) {
      continue;
    }
    std::string line = "set / " + concretePathOf(node).toCli();
    switch (node->schema->nodetype) {
      case LYS_LEAF: {
        const auto* leaf = reinterpret_cast<const lysc_node_leaf*>(node->schema);
        if (leaf->type->basetype != LY_TYPE_EMPTY) {
          line += " " + path::quoteValue(lyd_get_value(node));
        }
        out += line + "\n";
        break;
      }
      case LYS_LEAFLIST: {
        if (node->prev->next != nullptr && node->prev->schema == node->schema) {
          break;
        }
        line += " [";
        for (const lyd_node* item = node; item != nullptr && item->schema == node->schema;
             item = item->next) {
          line += " " + path::quoteValue(lyd_get_value(item));
        }
        out += line + " ]\n";
        break;
      }
      default:
        if (!hasPrintableLeaf(node, with_defaults)) {
          out += line + "\n";
        }
        printNodes(lyd_child(node), with_defaults, out);
        break;
    }
  }
}

}  // namespace

Tree parseFlatConfig(const schema::Schema& schema, std::string_view text, ParseScope scope) {
  EditScope edit_scope = scope == ParseScope::kConfig ? EditScope::kConfig : EditScope::kState;
  Tree tree;
  for (const TextLine& line : splitConfigLines(text)) {
    const auto& tokens = line.tokens;
    if (tokens[0].quoted || tokens[0].text != "set") {
      rethrowAt(text, line.offset + tokens[0].offset,
                Error(ErrorKind::kInvalidArgument,
                      "expected a line starting with \"set / \", got \"" + tokens[0].text + "\""));
    }
    std::size_t path_word = 1;
    if (path_word < tokens.size() && !tokens[path_word].quoted && tokens[path_word].text == "/") {
      ++path_word;
    }
    if (path_word >= tokens.size()) {
      continue;  // `set /` names the root and changes nothing
    }
    std::size_t start = tokens[path_word].offset;
    std::string_view command = line.text.substr(start, line.content_end - start);
    try {
      applyCliLine(tree, schema, command, edit_scope);
    } catch (const path::PathError& error) {
      rethrowAt(text, line.offset + start + error.offset(), error);
    } catch (const Error& error) {
      rethrowAt(text, line.offset + start, error);
    }
  }
  return tree;
}

std::string printFlatConfig(const lyd_node* forest, bool with_defaults) {
  std::string out;
  printNodes(forest, with_defaults, out);
  return out;
}

}  // namespace eventmgr::datastore
