#include "datastore/leaf_value.h"

namespace eventmgr::datastore {

std::string describeValue(const LeafValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    return *text;
  }
  std::string out = "[";
  for (const auto& item : std::get<std::vector<std::string>>(value)) {
    out += " \"" + item + "\"";
  }
  return out + " ]";
}

}  // namespace eventmgr::datastore
