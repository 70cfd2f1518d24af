#include "scenario/junit_report.h"

#include <fmt/format.h>

#include <fstream>

#include "common/error.h"

namespace eventmgr::scenario {
namespace {

std::string escapeXml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

void writeJunitReport(const std::vector<ScenarioResult>& results,
                      const std::filesystem::path& file) {
  std::size_t failures = 0;
  double total_seconds = 0;
  for (const auto& result : results) {
    failures += result.passed ? 0 : 1;
    total_seconds += static_cast<double>(result.wall_time.count()) / 1e6;
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format(
      "<testsuites tests=\"{0}\" failures=\"{1}\" time=\"{2:.3f}\">\n"
      "  <testsuite name=\"eventmgr scenarios\" tests=\"{0}\" failures=\"{1}\" time=\"{2:.3f}\">\n",
      results.size(), failures, total_seconds);
  for (const auto& result : results) {
    xml += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\">\n",
                       escapeXml(result.name), escapeXml(result.file),
                       static_cast<double>(result.wall_time.count()) / 1e6);
    if (!result.passed) {
      std::string body;
      for (const auto& failure : result.failures) {
        body += failure + "\n";
      }
      xml += fmt::format("      <failure message=\"{}\">{}</failure>\n",
                         escapeXml(result.failures.empty() ? "failed" : result.failures.front()),
                         escapeXml(body));
    }
    xml += "    </testcase>\n";
  }
  xml += "  </testsuite>\n</testsuites>\n";

  std::ofstream stream(file);
  stream << xml;
  if (!stream) {
    throw Error(ErrorKind::kUnavailable, "writing the JUnit report " + file.string() + " failed");
  }
}

}  // namespace eventmgr::scenario
