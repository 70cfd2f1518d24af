#include "common/natural_order.h"

#include <cstddef>

namespace eventmgr {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

int naturalCompare(std::string_view left, std::string_view right) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < left.size() && j < right.size()) {
    if (isDigit(left[i]) && isDigit(right[j])) {
      // Skip leading zeros, then a longer run of digits is the larger number.
      std::size_t start_i = i;
      std::size_t start_j = j;
      while (i < left.size() && left[i] == '0') {
        ++i;
      }
      while (j < right.size() && right[j] == '0') {
        ++j;
      }
      std::size_t digits_i = i;
      std::size_t digits_j = j;
      while (i < left.size() && isDigit(left[i])) {
        ++i;
      }
      while (j < right.size() && isDigit(right[j])) {
        ++j;
      }
      std::size_t length_i = i - digits_i;
      std::size_t length_j = j - digits_j;
      if (length_i != length_j) {
        return length_i < length_j ? -1 : 1;
      }
      int digits = left.substr(digits_i, length_i).compare(right.substr(digits_j, length_j));
      if (digits != 0) {
        return digits;
      }
      // Equal values: fewer leading zeros first, so the order stays total.
      std::size_t zeros_i = digits_i - start_i;
      std::size_t zeros_j = digits_j - start_j;
      if (zeros_i != zeros_j) {
        return zeros_i < zeros_j ? -1 : 1;
      }
      continue;
    }
    auto a = static_cast<unsigned char>(left[i]);
    auto b = static_cast<unsigned char>(right[j]);
    if (a != b) {
      return a < b ? -1 : 1;
    }
    ++i;
    ++j;
  }
  if (i < left.size()) {
    return 1;
  }
  if (j < right.size()) {
    return -1;
  }
  return 0;
}

}  // namespace eventmgr
