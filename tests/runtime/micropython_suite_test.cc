// Runs MicroPython's own tests through the script host: tests/basics and the json and re tests
// of tests/extmod, from the fetched source tree. The printed output must equal the .exp file
// next to the test or, as in MicroPython's run-tests.py, CPython's output. Tests listed in
// micropython_skips.txt are not run, and that file gives the reason for each.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "runtime/host_pool.h"

namespace eventmgr::runtime {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTruncationMarker = "\n[eventmgr: output truncated at 65536 bytes]\n";

std::string readFile(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream content;
  content << stream.rdbuf();
  return content.str();
}

// Reads micropython_skips.txt: "suite/name.py  reason" per line, # starts a comment.
std::map<std::string, std::string> readSkips() {
  std::map<std::string, std::string> skips;
  std::ifstream file(fs::path(EVENTMGR_SOURCE_DIR) / "tests" / "runtime" / "micropython_skips.txt");
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    auto space = line.find_first_of(" \t");
    std::string name = line.substr(0, space);
    std::string reason = space == std::string::npos ? "" : line.substr(space);
    skips[name] = reason.substr(reason.find_first_not_of(" \t") == std::string::npos
                                    ? reason.size()
                                    : reason.find_first_not_of(" \t"));
  }
  return skips;
}

struct SuiteFile {
  std::string name;  // "basics/int1.py"
  fs::path source;
  fs::path expected;
};

class MicroPythonSuite : public ::testing::Test {
 protected:
  // Lists the test files of SUITE (a folder of tests/) whose names match PATTERN.
  std::vector<SuiteFile> collect(const std::string& suite, const std::regex& pattern) {
    std::vector<SuiteFile> files;
    fs::path folder = fs::path(MICROPYTHON_SOURCE_DIR) / "tests" / suite;
    for (const auto& entry : fs::directory_iterator(folder)) {
      std::string file_name = entry.path().filename().string();
      if (entry.path().extension() != ".py" || !std::regex_match(file_name, pattern)) {
        continue;
      }
      SuiteFile file;
      file.name = suite + "/" + file_name;
      file.source = entry.path();
      fs::path exp = entry.path();
      exp += ".exp";
      file.expected = fs::exists(exp) ? exp
                                      : fs::path(EVENTMGR_BINARY_DIR) / "micropython-expected" /
                                            suite / (file_name + ".exp");
      files.push_back(file);
    }
    std::sort(files.begin(), files.end(),
              [](const SuiteFile& a, const SuiteFile& b) { return a.name < b.name; });
    return files;
  }

  // Writes CPython's output for every file without an .exp file next to it.
  // CTest may run the suites in parallel, so each writes its own job list, named after the
  // running test.
  void computeExpected(const std::vector<SuiteFile>& files) {
    std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::path jobs =
        fs::path(EVENTMGR_BINARY_DIR) / "micropython-expected" / (test_name + "-jobs.txt");
    fs::create_directories(jobs.parent_path());
    {
      std::ofstream out(jobs);
      for (const auto& file : files) {
        if (file.expected.string().find("micropython-expected") != std::string::npos) {
          out << file.source.string() << '\t' << file.expected.string() << '\n';
        }
      }
    }
    std::string command = std::string(EVENTMGR_PYTHON) + " " + EVENTMGR_SOURCE_DIR +
                          "/tests/runtime/cpython_expected.py < " + jobs.string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  void runSuite(const std::vector<SuiteFile>& files) {
    computeExpected(files);
    std::map<std::string, std::string> skips = readSkips();

    HostPoolOptions options;
    options.host_executable = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";
    options.max_hosts = 2;
    HostPool pool(options);

    std::mutex mutex;
    std::size_t next = 0;
    std::size_t passed = 0;
    std::size_t skipped = 0;
    std::vector<std::string> failures;
    std::vector<std::string> self_skipped;
    auto worker = [&] {
      for (;;) {
        SuiteFile file;
        {
          std::lock_guard lock(mutex);
          if (next == files.size()) {
            return;
          }
          file = files[next++];
        }
        if (skips.count(file.name) > 0) {
          std::lock_guard lock(mutex);
          ++skipped;
          self_skipped.push_back(file.name + " (listed in micropython_skips.txt)");
          continue;
        }
        std::string expected = readFile(file.expected);
        ExecutionRequest request;
        request.script_name = file.source.filename().string();
        request.script_dirs = {file.source.parent_path()};
        request.heap_bytes = 16 * 1024 * 1024;
        request.timeout = std::chrono::seconds(20);
        ExecutionResult result = pool.execute(request);

        // Printed text is capped at 64 KiB; then the part before the marker must match.
        std::string printed = result.stdout_stderr;
        auto marker = printed.find(kTruncationMarker);
        bool truncated = marker != std::string::npos;
        if (truncated) {
          printed.resize(marker);
        }

        std::lock_guard lock(mutex);
        if (printed == "SKIP\n") {
          ++skipped;
          self_skipped.push_back(file.name);
        } else if (expected.rfind("CPYTHON3 CRASH", 0) == 0) {
          ++skipped;
          self_skipped.push_back(file.name + " (CPython fails on it)");
        } else if (truncated ? expected.compare(0, printed.size(), printed) == 0
                             : printed == expected) {
          ++passed;
        } else {
          failures.push_back(file.name + " (" + executionStatusName(result.status) + ")");
          ADD_FAILURE() << file.name << " printed\n"
                        << result.stdout_stderr << "\nexpected\n"
                        << expected << "\nstatus " << executionStatusName(result.status) << ": "
                        << result.detail.substr(0, 400);
        }
      }
    };
    std::thread first(worker);
    std::thread second(worker);
    first.join();
    second.join();

    std::printf("%zu passed, %zu skipped, %zu failed of %zu\n", passed, skipped, failures.size(),
                files.size());
    std::sort(self_skipped.begin(), self_skipped.end());
    for (const auto& name : self_skipped) {
      std::printf("  SKIP %s\n", name.c_str());
    }
    for (const auto& failure : failures) {
      std::printf("  FAIL %s\n", failure.c_str());
    }
    EXPECT_GT(passed, files.size() / 2);
  }
};

TEST_F(MicroPythonSuite, Basics) {
  runSuite(collect("basics", std::regex(".*")));
}

TEST_F(MicroPythonSuite, JsonAndRe) {
  runSuite(collect("extmod", std::regex("(json|re)[_0-9].*|re1\\.py")));
}

}  // namespace
}  // namespace eventmgr::runtime
