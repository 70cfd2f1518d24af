#include "path/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "path/path_error.h"

namespace eventmgr::path {
namespace {

std::vector<std::string> texts(const std::vector<Token>& tokens) {
  std::vector<std::string> result;
  for (const Token& token : tokens) {
    result.push_back(token.text);
  }
  return result;
}

struct TokenizeCase {
  const char* input;
  std::vector<std::string> expected;
};

TEST(Tokenizer, SplitsWords) {
  std::vector<TokenizeCase> cases = {
      {"interface ethernet-1/1 oper-state", {"interface", "ethernet-1/1", "oper-state"}},
      {"  a\t b  ", {"a", "b"}},
      {"", {}},
      {"description \"a b\"", {"description", "a b"}},
      {R"("say \"hi\"")", {"say \"hi\""}},
      {R"("back\\slash")", {"back\\slash"}},
      {R"(a"b c"d)", {"ab cd"}},
      {R"(a\ b)", {"a b"}},
      {R"("")", {""}},
      {R"([ "x y" "z" ])", {"[", "x y", "z", "]"}},
      {"caf\xc3\xa9 \xf0\x9f\x98\x80", {"caf\xc3\xa9", "\xf0\x9f\x98\x80"}},
  };
  for (const auto& test : cases) {
    EXPECT_EQ(texts(tokenize(test.input)), test.expected) << test.input;
  }
}

TEST(Tokenizer, RecordsOffsetsAndQuotes) {
  std::vector<Token> tokens = tokenize(R"(ab "c d" e)");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].offset, 0u);
  EXPECT_EQ(tokens[1].offset, 3u);
  EXPECT_EQ(tokens[2].offset, 9u);
  EXPECT_FALSE(tokens[0].quoted);
  EXPECT_TRUE(tokens[1].quoted);
}

TEST(Tokenizer, MarksLiteralCharacters) {
  std::vector<Token> tokens = tokenize(R"(a*"*"\*)");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, "a***");
  EXPECT_FALSE(tokens[0].isLiteral(0));
  EXPECT_FALSE(tokens[0].isLiteral(1));
  EXPECT_TRUE(tokens[0].isLiteral(2));
  EXPECT_TRUE(tokens[0].isLiteral(3));
}

TEST(Tokenizer, RejectsUnterminatedQuote) {
  try {
    tokenize(R"(description "abc)");
    FAIL() << "expected an error";
  } catch (const PathError& error) {
    EXPECT_EQ(error.offset(), 12u);
    EXPECT_NE(std::string(error.what()).find("unterminated quote"), std::string::npos);
  }
}

TEST(Tokenizer, RejectsTrailingBackslash) {
  EXPECT_THROW(tokenize("abc\\"), PathError);
}

TEST(QuoteValue, QuotesOnlyWhenNeeded) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"ethernet-1/1", "ethernet-1/1"},
      {"10.0.0.0/24", "10.0.0.0/24"},
      {"my backup", "\"my backup\""},
      {"", "\"\""},
      {"a\"b", R"("a\"b")"},
      {"a\\b", R"("a\\b")"},
      {"a*", "\"a*\""},
      {"{x}", "\"{x}\""},
      {"a,b", "a,b"},
  };
  for (const auto& [value, expected] : cases) {
    EXPECT_EQ(quoteValue(value), expected) << value;
  }
}

TEST(QuoteValue, RoundTripsThroughTokenize) {
  for (std::string value : {"plain", "two words", "q\"uote", "b\\s", "", "*", "{1..2}", " x "}) {
    std::vector<Token> tokens = tokenize(quoteValue(value));
    ASSERT_EQ(tokens.size(), 1u) << value;
    EXPECT_EQ(tokens[0].text, value);
  }
}

}  // namespace
}  // namespace eventmgr::path
