// libFuzzer entry point for the path parsers: any input must either parse or raise
// eventmgr::Error, and whatever parses must render and parse back to the same result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/error.h"
#include "path/gnmi_path.h"
#include "path/parser.h"

namespace {

void check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

void fuzzOne(std::string_view text) {
  const auto& schema = *eventmgr::schema::Schema::builtin();
  try {
    eventmgr::path::Pattern pattern = eventmgr::path::parsePattern(schema, text);
    std::string cli = pattern.toCli();
    eventmgr::path::Pattern again = eventmgr::path::parsePattern(schema, cli);
    check(again.toCli() == cli);
    check(again.expansionCount() == pattern.expansionCount());
    pattern.toGnmi();
    if (auto concrete = pattern.toConcrete()) {
      check(eventmgr::path::parseConcretePath(schema, concrete->toCli()) == *concrete);
      check(pattern.matches(*concrete));
    }
  } catch (const eventmgr::Error&) {
  }
  try {
    eventmgr::path::PathWithValue result = eventmgr::path::parsePathWithValue(schema, text);
    result.path.toGnmi();
  } catch (const eventmgr::Error&) {
  }
  try {
    eventmgr::path::GnmiPath gnmi = eventmgr::path::parseGnmiPath(text);
    check(eventmgr::path::parseGnmiPath(eventmgr::path::formatGnmiPath(gnmi)) == gnmi);
    eventmgr::path::patternFromGnmiPath(schema, gnmi);
  } catch (const eventmgr::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzzOne(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
