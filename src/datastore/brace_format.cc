#include "datastore/brace_format.h"

#include "common/error.h"
#include "datastore/cli_text.h"
#include "datastore/text_lines.h"
#include "path/path_error.h"

namespace eventmgr::datastore {
namespace {

bool isSyntax(const path::Token& token, const char* text) {
  return !token.quoted && token.text == text;
}

// Renders a word for re-parsing: brackets stay syntax, everything else is quoted as needed.
std::string renderWord(const path::Token& token) {
  if (isSyntax(token, "[") || isSyntax(token, "]")) {
    return token.text;
  }
  return path::quoteValue(token.text);
}

// Parser state: the CLI path of every open block, so each line can be parsed as a full path.
class BraceParser {
 public:
  BraceParser(const schema::Schema& schema, std::string_view text, ParseScope scope)
      : schema_(schema),
        text_(text),
        scope_(scope == ParseScope::kConfig ? EditScope::kConfig : EditScope::kState) {}

  Tree parse() {
    for (const TextLine& line : splitConfigLines(text_)) {
      parseLine(line);
    }
    if (in_leaf_list_) {
      throw Error(ErrorKind::kInvalidArgument, "line " + std::to_string(leaf_list_line_) +
                                                   ": leaf-list items are not closed with ]");
    }
    if (!blocks_.empty()) {
      throw Error(ErrorKind::kInvalidArgument,
                  "block \"" + blocks_.back().path + "\" opened at line " +
                      std::to_string(blocks_.back().line) + " is not closed with }");
    }
    return std::move(tree_);
  }

 private:
  struct Block {
    std::string path;  // CLI path of the block, words re-quoted
    std::size_t line = 0;
  };

  void parseLine(const TextLine& line) {
    const auto& tokens = line.tokens;
    if (in_leaf_list_) {
      collectItems(line);
      return;
    }
    if (tokens.size() == 1 && isSyntax(tokens[0], "}")) {
      if (blocks_.empty()) {
        rethrowAt(text_, line.offset + tokens[0].offset,
                  Error(ErrorKind::kInvalidArgument, "} closes no open block"));
      }
      blocks_.pop_back();
      return;
    }
    std::size_t count = tokens.size();
    bool closes_at_once =
        count >= 2 && isSyntax(tokens[count - 1], "}") && isSyntax(tokens[count - 2], "{");
    if (closes_at_once) {
      count -= 1;
    }
    const path::Token& last = tokens[count - 1];
    if (isSyntax(last, "{")) {
      std::string path = joinWords(tokens, 0, count - 1);
      apply(line, tokens, count - 1);
      if (!closes_at_once) {
        blocks_.push_back({prefix() + path, lineNumber(line)});
      }
      return;
    }
    if (isSyntax(last, "[") && count >= 2) {
      in_leaf_list_ = true;
      leaf_list_line_ = lineNumber(line);
      leaf_list_head_ = line;
      leaf_list_head_.tokens.resize(count - 1);
      leaf_list_items_.clear();
      return;
    }
    apply(line, tokens, count);
  }

  void collectItems(const TextLine& line) {
    for (std::size_t i = 0; i < line.tokens.size(); ++i) {
      const path::Token& token = line.tokens[i];
      if (isSyntax(token, "]")) {
        if (i + 1 != line.tokens.size()) {
          rethrowAt(text_, line.offset + line.tokens[i + 1].offset,
                    Error(ErrorKind::kInvalidArgument, "unexpected word after ]"));
        }
        in_leaf_list_ = false;
        applyLeafList();
        return;
      }
      leaf_list_items_.push_back(token.text);
    }
  }

  void applyLeafList() {
    const TextLine& line = leaf_list_head_;
    std::string words = joinWords(line.tokens, 0, line.tokens.size());
    std::string items = " [";
    for (const auto& item : leaf_list_items_) {
      items += " " + path::quoteValue(item);
    }
    items += " ]";
    applyText(line, prefix(), words + items);
  }

  // Applies the first COUNT words of LINE, below the open blocks.
  void apply(const TextLine& line, const std::vector<path::Token>& tokens, std::size_t count) {
    applyText(line, prefix(), joinWords(tokens, 0, count));
  }

  // Parses PREFIX + WORDS as one `path value` line. Error offsets inside WORDS map back to
  // LINE, because WORDS is LINE's words re-joined and the offset of each word is known.
  void applyText(const TextLine& line, const std::string& prefix, const std::string& words) {
    std::string full = prefix + words;
    try {
      applyCliLine(tree_, schema_, full, scope_);
    } catch (const path::PathError& error) {
      std::size_t in_words = error.offset() - std::min(error.offset(), prefix.size());
      rethrowAt(text_, line.offset + mapOffset(line, in_words), error);
    } catch (const Error& error) {
      rethrowAt(text_, line.offset + line.tokens.front().offset, error);
    }
  }

  // Maps an offset in the re-joined words of LINE back to the line.
  static std::size_t mapOffset(const TextLine& line, std::size_t joined_offset) {
    std::size_t position = 0;
    for (const auto& token : line.tokens) {
      std::size_t length = renderWord(token).size();
      if (joined_offset < position + length + 1) {
        return token.offset;
      }
      position += length + 1;
    }
    return line.text.size();
  }

  static std::string joinWords(const std::vector<path::Token>& tokens, std::size_t begin,
                               std::size_t end) {
    std::string words;
    for (std::size_t i = begin; i < end; ++i) {
      words += i == begin ? "" : " ";
      words += renderWord(tokens[i]);
    }
    return words;
  }

  std::string prefix() const { return blocks_.empty() ? "" : blocks_.back().path + " "; }

  std::size_t lineNumber(const TextLine& line) const {
    std::size_t number = 1;
    for (std::size_t i = 0; i < line.offset; ++i) {
      number += text_[i] == '\n' ? 1 : 0;
    }
    return number;
  }

  const schema::Schema& schema_;
  std::string_view text_;
  EditScope scope_;
  Tree tree_;
  std::vector<Block> blocks_;
  bool in_leaf_list_ = false;
  std::size_t leaf_list_line_ = 0;
  TextLine leaf_list_head_;
  std::vector<std::string> leaf_list_items_;
};

bool isEmptyType(const lyd_node* node) {
  const auto* leaf = reinterpret_cast<const lysc_node_leaf*>(node->schema);
  return leaf->type->basetype == LY_TYPE_EMPTY;
}

void printNodes(const lyd_node* node, int depth, bool with_defaults, std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth) * 4, ' ');
  for (; node != nullptr; node = node->next) {
    if (!isPrintable(node, with_defaults) || isListKey(node)) {
      continue;
    }
    switch (node->schema->nodetype) {
      case LYS_LEAF:
        out += indent + node->schema->name;
        if (!isEmptyType(node)) {
          out += " " + path::quoteValue(lyd_get_value(node));
        }
        out += "\n";
        break;
      case LYS_LEAFLIST:
        if (node->prev->next != nullptr && node->prev->schema == node->schema) {
          break;  // items were printed with the first instance
        }
        out += indent + node->schema->name + " [\n";
        for (const lyd_node* item = node; item != nullptr && item->schema == node->schema;
             item = item->next) {
          out += indent + "    " + path::quoteValue(lyd_get_value(item)) + "\n";
        }
        out += indent + "]\n";
        break;
      default:
        out += indent + cliStep(node) + " {\n";
        printNodes(lyd_child(node), depth + 1, with_defaults, out);
        out += indent + "}\n";
        break;
    }
  }
}

}  // namespace

Tree parseBraceConfig(const schema::Schema& schema, std::string_view text, ParseScope scope) {
  return BraceParser(schema, text, scope).parse();
}

std::string printBraceConfig(const lyd_node* forest, bool with_defaults) {
  std::string out;
  printNodes(forest, 0, with_defaults, out);
  return out;
}

}  // namespace eventmgr::datastore
