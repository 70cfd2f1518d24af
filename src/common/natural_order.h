#pragma once

#include <string_view>

namespace eventmgr {

//! Compares two strings in natural order: runs of ASCII digits compare by numeric value, so
//! "ethernet-1/2" sorts before "ethernet-1/10". Other bytes compare as unsigned chars.
//! Returns a negative number, zero or a positive number like strcmp.
int naturalCompare(std::string_view left, std::string_view right);

//! Strict weak ordering for std::sort and ordered containers, based on naturalCompare.
struct NaturalLess {
  bool operator()(std::string_view left, std::string_view right) const {
    return naturalCompare(left, right) < 0;
  }
};

}  // namespace eventmgr
