#include "common/utf8.h"

#include <gtest/gtest.h>

namespace eventmgr {
namespace {

TEST(Utf8, ValidTextUnchanged) {
  const std::string text = "caf\xc3\xa9 \xf0\x9f\x98\x80 plain";
  EXPECT_EQ(toValidUtf8(text), text);
}

TEST(Utf8, InvalidSequencesReplaced) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(toValidUtf8("a\xed\xa0\x80z"), "a" + replacement + replacement + replacement + "z");
  EXPECT_EQ(toValidUtf8("\xff"), replacement);
  EXPECT_EQ(toValidUtf8("\xc3"), replacement);
  EXPECT_EQ(toValidUtf8("\xc0\xaf"), replacement + replacement);
  EXPECT_EQ(toValidUtf8("\xf4\x90\x80\x80"), replacement + replacement + replacement + replacement);
}

}  // namespace
}  // namespace eventmgr
