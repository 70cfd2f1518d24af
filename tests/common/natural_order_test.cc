#include "common/natural_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace eventmgr {
namespace {

TEST(NaturalOrder, DigitRunsCompareAsNumbers) {
  EXPECT_LT(naturalCompare("ethernet-1/2", "ethernet-1/10"), 0);
  EXPECT_GT(naturalCompare("ethernet-1/10", "ethernet-1/2"), 0);
  EXPECT_EQ(naturalCompare("ethernet-1/10", "ethernet-1/10"), 0);
}

TEST(NaturalOrder, PrefixSortsFirst) {
  EXPECT_LT(naturalCompare("lag1", "lag1.0"), 0);
  EXPECT_LT(naturalCompare("", "a"), 0);
}

TEST(NaturalOrder, LeadingZerosKeepOrderTotal) {
  EXPECT_LT(naturalCompare("a1", "a01"), 0);
  EXPECT_LT(naturalCompare("a01", "a2"), 0);
}

TEST(NaturalOrder, SortsInterfaceNames) {
  std::vector<std::string> names = {"mgmt0", "ethernet-1/10", "ethernet-1/2", "ethernet-1/1"};
  std::sort(names.begin(), names.end(), NaturalLess());
  std::vector<std::string> expected = {"ethernet-1/1", "ethernet-1/2", "ethernet-1/10", "mgmt0"};
  EXPECT_EQ(names, expected);
}

}  // namespace
}  // namespace eventmgr
