#include "path/tokenizer.h"

#include <string>

#include "path/path_error.h"

namespace eventmgr::path {
namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void markLiteral(Token& token) {
  token.literal.resize(token.text.size(), false);
  token.literal.back() = true;
}

}  // namespace

std::vector<Token> tokenize(std::string_view input) {
  std::vector<Token> tokens;
  std::size_t position = 0;
  while (position < input.size()) {
    if (isSpace(input[position])) {
      ++position;
      continue;
    }

    Token token;
    token.offset = position;
    bool in_quotes = false;
    std::size_t quote_start = 0;
    while (position < input.size() && (in_quotes || !isSpace(input[position]))) {
      char c = input[position];
      if (c == '"') {
        token.quoted = true;
        in_quotes = !in_quotes;
        quote_start = position;
        ++position;
        continue;
      }
      if (c == '\\') {
        if (position + 1 >= input.size()) {
          throw PathError("trailing backslash at column " + std::to_string(position + 1) +
                              "; write \\\\ for a literal backslash",
                          position);
        }
        token.text.push_back(input[position + 1]);
        markLiteral(token);
        position += 2;
        continue;
      }
      token.text.push_back(c);
      if (in_quotes) {
        markLiteral(token);
      }
      ++position;
    }
    if (in_quotes) {
      throw PathError("unterminated quote starting at column " + std::to_string(quote_start + 1) +
                          "; close the value with \"",
                      quote_start);
    }
    if (!token.literal.empty()) {
      token.literal.resize(token.text.size(), false);
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string quoteValue(std::string_view value) {
  bool needs_quotes = value.empty();
  for (char c : value) {
    if (isSpace(c) || c == '"' || c == '\\' || c == '*' || c == '{' || c == '}') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    return std::string(value);
  }
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      quoted.push_back('\\');
    }
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace eventmgr::path
