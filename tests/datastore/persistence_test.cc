#include <gtest/gtest.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "datastore/atomic_file.h"
#include "datastore/json_format.h"
#include "datastore_fixture.h"

namespace eventmgr::datastore::testing {
namespace {

using PersistenceTest = DatastoreTest;

TEST_F(PersistenceTest, StartupConfigIsLoadedAtStart) {
  TemporaryFolder folder;
  {
    auto datastore = makeDatastore({.data_dir = folder.path(), .clock = nullptr});
    datastore->commit({set("interface ethernet-1/1 description", "persisted"),
                       set("system event-handler instance a paths",
                           std::vector<std::string>{"interface * oper-state"})});
    datastore->saveStartup();
  }
  auto restarted = makeDatastore({.data_dir = folder.path(), .clock = nullptr});
  EXPECT_EQ(describeValue(*restarted->getValue(at("interface ethernet-1/1 description"))),
            "persisted");
}

TEST_F(PersistenceTest, InvalidStartupConfigFailsStart) {
  TemporaryFolder folder;
  std::ofstream(folder.path() / "startup.json")
      << R"({"interface":[{"name":"ethernet-1/1","mtu":1}]})";
  try {
    makeDatastore({.data_dir = folder.path(), .clock = nullptr});
    FAIL() << "an invalid startup config was loaded";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("startup.json"), std::string::npos) << error.what();
  }
}

TEST_F(PersistenceTest, TruncatedStartupConfigFailsStart) {
  TemporaryFolder folder;
  std::ofstream(folder.path() / "startup.json") << R"({"interface":[{"name":"eth)";
  EXPECT_THROW(makeDatastore({.data_dir = folder.path(), .clock = nullptr}), Error);
}

TEST(AtomicFileTest, ReplacesContent) {
  TemporaryFolder folder;
  auto path = folder.path() / "sub" / "file.txt";
  writeFileAtomically(path, "one");
  writeFileAtomically(path, "two");
  EXPECT_EQ(readFileIfExists(path).value_or(""), "two");
  EXPECT_FALSE(readFileIfExists(folder.path() / "missing").has_value());
}

TEST(AtomicFileTest, UnwritableFolderFails) {
  EXPECT_THROW(writeFileAtomically("/proc/eventmgr-cannot-write/file", "x"), Error);
}

// Saves in a child process while the parent kills it with SIGKILL after a varying delay. After
// every kill the startup file must be absent or a complete, valid config from one of the saves.
TEST_F(PersistenceTest, KillDuringSaveLeavesOldOrNewFile) {
  constexpr int kRounds = 25;
  TemporaryFolder folder;
  const auto startup = folder.path() / "startup.json";
  int complete_files = 0;
  for (int round = 0; round < kRounds; ++round) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      spdlog::set_level(spdlog::level::off);
      try {
        LocalDatastore datastore(schema_, {.data_dir = folder.path(), .clock = nullptr});
        // A long description makes each save take several write calls.
        std::string padding(64 * 1024, 'x');
        for (int save = 0; save < 100000; ++save) {
          datastore.commit({set("interface ethernet-1/1 description",
                                "save-" + std::to_string(save) + "-" + padding.substr(0, 200)),
                            set("interface ethernet-1/2 description", padding.substr(0, 255))});
          datastore.saveStartup();
        }
      } catch (...) {
        ::_exit(3);
      }
      ::_exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + (round * 7) % 40));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);

    auto text = readFileIfExists(startup);
    if (!text) {
      continue;  // killed before the first save finished
    }
    Tree tree;
    ASSERT_NO_THROW(tree = parseJsonConfig(*schema_, *text, ParseScope::kConfig))
        << "round " << round << " left a corrupt file: " << text->substr(0, 200);
    ASSERT_NE(text->find("save-"), std::string::npos);
    ++complete_files;
  }
  EXPECT_GT(complete_files, 0) << "no round got as far as a save; the test proved nothing";
}

}  // namespace
}  // namespace eventmgr::datastore::testing
