#include "path/key_pattern.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>

#include "common/error.h"
#include "path/path_error.h"

namespace eventmgr::path {

bool KeyAlternative::matches(std::string_view value) const {
  if (!glob) {
    return value == text;
  }
  // Segments around `*` wildcards: the first must be a prefix, the last a suffix, and the
  // ones in between must occur in order. Matching each middle segment at its leftmost
  // position is optimal for `*`-only globs.
  const std::string& first = segments.front();
  const std::string& last = segments.back();
  if (value.size() < first.size() + last.size() || !value.starts_with(first) ||
      !value.ends_with(last)) {
    return false;
  }
  std::size_t position = first.size();
  std::size_t end = value.size() - last.size();
  for (std::size_t i = 1; i + 1 < segments.size(); ++i) {
    std::size_t found = value.substr(0, end).find(segments[i], position);
    if (found == std::string_view::npos) {
      return false;
    }
    position = found + segments[i].size();
  }
  return true;
}

bool KeyPattern::matches(std::string_view value) const {
  if (any) {
    return true;
  }
  if (exact.size() == 1) {
    if (value == exact.front()) {
      return true;
    }
  } else if (!exact.empty() && std::binary_search(exact.begin(), exact.end(), value)) {
    return true;
  }
  for (std::size_t index : globs) {
    if (alternatives[index].matches(value)) {
      return true;
    }
  }
  return false;
}

KeyPattern KeyPattern::literal(std::string value) {
  KeyPattern key;
  key.source = quoteValue(value);
  key.alternatives.push_back(KeyAlternative{std::move(value), false, {}});
  key.index();
  return key;
}

KeyPattern KeyPattern::wildcard(bool implicit) {
  KeyPattern key;
  key.source = implicit ? "" : "*";
  key.alternatives.push_back(KeyAlternative{"*", true, {"", ""}});
  key.implicit = implicit;
  key.index();
  return key;
}

void KeyPattern::index() {
  exact.clear();
  globs.clear();
  any = false;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    const KeyAlternative& alternative = alternatives[i];
    if (!alternative.glob) {
      exact.push_back(alternative.text);
      continue;
    }
    globs.push_back(i);
    bool only_wildcards = std::all_of(alternative.segments.begin(), alternative.segments.end(),
                                      [](const std::string& segment) { return segment.empty(); });
    if (only_wildcards) {
      any = true;
    }
  }
  std::sort(exact.begin(), exact.end());
  exact.erase(std::unique(exact.begin(), exact.end()), exact.end());
}

namespace {

// A key value during range expansion: text plus a flag per character that marks wildcards.
struct Piece {
  std::string text;
  std::vector<bool> wildcard;
};
using Pieces = std::vector<Piece>;

// Parses the brace and wildcard syntax of one key-value word and expands it.
// Deepest nesting of braces in one key value; SR Linux documents two levels ({red{1..2},blue}).
constexpr int kMaxGroupDepth = 32;

class KeyValueExpander {
 public:
  KeyValueExpander(const Token& token, bool allow_patterns)
      : token_(token), text_(token.text), allow_patterns_(allow_patterns) {}

  Pieces expand() {
    Pieces pieces = parseSequence(false);
    if (position_ < text_.size()) {
      fail("unbalanced \"}\" in \"" + text_ + "\"; braces must come in pairs");
    }
    return pieces;
  }

 private:
  bool isSyntax(std::size_t index, char c) const {
    return text_[index] == c && !token_.isLiteral(index);
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw PathError(message + " (key value at column " + std::to_string(token_.offset + 1) + ")",
                    token_.offset);
  }

  void checkCount(std::size_t count) const {
    if (count > kMaxExpansionCount) {
      fail("range in \"" + text_ + "\" expands to more than " + std::to_string(kMaxExpansionCount) +
           " values");
    }
  }

  void rejectPattern(char c) const {
    if (!allow_patterns_) {
      fail(std::string("\"") + c + "\" in \"" + text_ +
           "\" is not allowed here: this path must name one entry; quote the value to use " + c +
           " literally");
    }
  }

  static void appendToAll(Pieces& pieces, char c, bool wildcard) {
    for (Piece& piece : pieces) {
      piece.text.push_back(c);
      piece.wildcard.push_back(wildcard);
    }
  }

  Pieces product(const Pieces& left, const Pieces& right) const {
    checkCount(left.size() * right.size());
    Pieces result;
    result.reserve(left.size() * right.size());
    for (const Piece& head : left) {
      for (const Piece& tail : right) {
        Piece piece = head;
        piece.text += tail.text;
        piece.wildcard.insert(piece.wildcard.end(), tail.wildcard.begin(), tail.wildcard.end());
        result.push_back(std::move(piece));
      }
    }
    return result;
  }

  // Parses characters and groups up to the end, or inside a group up to `,` or `}`.
  Pieces parseSequence(bool inside_group) {
    Pieces pieces(1);
    while (position_ < text_.size()) {
      if (isSyntax(position_, '{')) {
        rejectPattern('{');
        ++position_;
        pieces = product(pieces, parseGroup());
        continue;
      }
      if (isSyntax(position_, '}') || (inside_group && isSyntax(position_, ','))) {
        if (!inside_group) {
          rejectPattern('}');
        }
        break;
      }
      bool wildcard = isSyntax(position_, '*');
      if (wildcard) {
        rejectPattern('*');
      }
      appendToAll(pieces, text_[position_], wildcard);
      ++position_;
    }
    return pieces;
  }

  // Parses the alternatives of a group after its `{`, up to and including the `}`.
  Pieces parseGroup() {
    std::size_t group_start = position_ - 1;
    // Groups nest by recursion, so their depth is bounded to keep the stack bounded.
    if (++depth_ > kMaxGroupDepth) {
      fail("ranges in \"" + text_.substr(0, 64) + (text_.size() > 64 ? "..." : "") +
           "\" nest deeper than " + std::to_string(kMaxGroupDepth) + " levels of braces");
    }
    Pieces alternatives;
    while (true) {
      std::size_t start = position_;
      Pieces alternative = parseSequence(true);
      if (auto range = numericRange(start, position_)) {
        alternative = std::move(*range);
      }
      if (position_ >= text_.size()) {
        fail("unterminated \"{\" at character " + std::to_string(group_start + 1) + " of \"" +
             text_ + "\"; close the range with }");
      }
      checkCount(alternatives.size() + alternative.size());
      alternatives.insert(alternatives.end(), alternative.begin(), alternative.end());
      if (isSyntax(position_, '}')) {
        ++position_;
        break;
      }
      ++position_;  // the `,` between alternatives
    }
    if (alternatives.size() == 1 && alternatives.front().text.empty()) {
      fail("empty braces in \"" + text_ + "\"; expected {a..b} or {x,y,...}");
    }
    --depth_;
    return alternatives;
  }

  // Returns the values of text_[start, end) when it is a numeric range `a..b`.
  std::optional<Pieces> numericRange(std::size_t start, std::size_t end) const {
    std::string_view part(text_.data() + start, end - start);
    std::size_t dots = part.find("..");
    if (dots == std::string_view::npos) {
      return std::nullopt;
    }
    for (std::size_t i = start; i < end; ++i) {
      if (token_.isLiteral(i) || text_[i] == '*' || text_[i] == '{' || text_[i] == '}') {
        return std::nullopt;
      }
    }

    std::string_view first_text = part.substr(0, dots);
    std::string_view last_text = part.substr(dots + 2);
    long long first = 0;
    long long last = 0;
    if (!parseInteger(first_text, first) || !parseInteger(last_text, last)) {
      fail("invalid range \"{" + std::string(part) + "}\" in \"" + text_ +
           "\"; expected integers as in {1..12}");
    }
    unsigned long long count =
        static_cast<unsigned long long>(first <= last ? last - first : first - last) + 1;
    if (count > kMaxExpansionCount) {
      checkCount(kMaxExpansionCount + 1);
    }

    // A start written with a leading zero (`{01..12}`) pads every value to the same width.
    std::size_t width = 0;
    if (first_text.size() > 1 && first_text.front() == '0') {
      width = std::max(first_text.size(), last_text.size());
    }

    Pieces values;
    long long step = first <= last ? 1 : -1;
    for (long long value = first;; value += step) {
      std::string digits = std::to_string(value);
      if (digits.size() < width) {
        digits.insert(0, width - digits.size(), '0');
      }
      values.push_back(Piece{digits, std::vector<bool>(digits.size(), false)});
      if (value == last) {
        break;
      }
    }
    return values;
  }

  static bool parseInteger(std::string_view text, long long& value) {
    if (text.empty()) {
      return false;
    }
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
  }

  const Token& token_;
  const std::string& text_;
  bool allow_patterns_;
  std::size_t position_ = 0;
  int depth_ = 0;
};

// Renders a word in CLI notation, quoting the runs of characters that were literal.
std::string renderSource(const Token& token) {
  if (token.literal.empty() && !token.text.empty()) {
    return token.text;
  }
  std::string source;
  std::size_t i = 0;
  while (i < token.text.size()) {
    if (!token.isLiteral(i)) {
      source.push_back(token.text[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < token.text.size() && token.isLiteral(end)) {
      ++end;
    }
    std::string run = token.text.substr(i, end - i);
    std::string quoted = quoteValue(run);
    source += quoted.front() == '"' ? quoted : "\"" + run + "\"";
    i = end;
  }
  return source.empty() ? std::string("\"\"") : source;
}

KeyAlternative toAlternative(Piece piece) {
  KeyAlternative alternative;
  if (std::find(piece.wildcard.begin(), piece.wildcard.end(), true) == piece.wildcard.end()) {
    alternative.text = std::move(piece.text);
    return alternative;
  }
  alternative.glob = true;
  alternative.segments.emplace_back();
  for (std::size_t i = 0; i < piece.text.size(); ++i) {
    if (piece.wildcard[i]) {
      alternative.segments.emplace_back();
      alternative.text.push_back('*');
    } else {
      alternative.segments.back().push_back(piece.text[i]);
      alternative.text.push_back(piece.text[i]);
    }
  }
  return alternative;
}

}  // namespace

KeyPattern compileKeyPattern(const Token& token, bool allow_patterns) {
  KeyPattern key;
  key.source = renderSource(token);
  for (Piece& piece : KeyValueExpander(token, allow_patterns).expand()) {
    key.alternatives.push_back(toAlternative(std::move(piece)));
  }
  key.index();
  return key;
}

}  // namespace eventmgr::path
