#include "runtime/host_pool.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "runtime/output.h"

namespace eventmgr::runtime {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

const char* kHost = EVENTMGR_BINARY_DIR "/eventmgr-upython-host";

// A temporary script directory with helpers to write scripts and run them.
class HostPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/eventmgr-runtime-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    HostPoolOptions options;
    options.host_executable = kHost;
    options.max_hosts = 2;
    options.kill_grace = milliseconds(300);
    pool_ = std::make_unique<HostPool>(options);
  }

  void TearDown() override {
    pool_.reset();
    fs::remove_all(dir_);
  }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  ExecutionRequest request(const std::string& name, const std::string& input = "{}") {
    ExecutionRequest request;
    request.script_name = name;
    request.script_dirs = {dir_};
    request.input = input;
    request.heap_bytes = 1024 * 1024;
    request.timeout = milliseconds(5000);
    return request;
  }

  ExecutionResult run(const std::string& name, const std::string& input = "{}") {
    return pool_->execute(request(name, input));
  }

  // Writes a script whose event_handler_main body is BODY (indented by the caller).
  ExecutionResult runBody(const std::string& body) {
    write("body.py", "def event_handler_main(in_json_str):\n" + body);
    return run("body.py");
  }

  fs::path dir_;
  std::unique_ptr<HostPool> pool_;
};

TEST_F(HostPoolTest, OpergroupExampleSucceeds) {
  ExecutionRequest example = request("opergroup.py");
  example.script_dirs = {fs::path(EVENTMGR_SOURCE_DIR) / "examples" / "opergroup"};
  std::ifstream input_file(fs::path(EVENTMGR_SOURCE_DIR) / "examples" / "opergroup" /
                           "one-uplink-down.json");
  std::stringstream input;
  input << input_file.rdbuf();
  example.input = input.str();

  ExecutionResult result = pool_->execute(example);
  ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
  OutputParseResult parsed = parseOutput(result.output);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_EQ(parsed.output->actions.size(), 2u);
  EXPECT_EQ(formatAction(parsed.output->actions[0]),
            R"(set-ephemeral-path "interface ethernet-1/1 oper-state" value down)");
  EXPECT_EQ(formatAction(parsed.output->actions[1]),
            R"(set-ephemeral-path "interface ethernet-1/2 oper-state" value down)");
  EXPECT_GT(result.duration_us, 0u);
}

TEST_F(HostPoolTest, MissingScriptUnavailable) {
  ExecutionResult result = run("absent.py");
  EXPECT_EQ(result.status, ExecutionStatus::kScriptUnavailable);
  EXPECT_NE(result.detail.find("absent.py not found in " + dir_.string()), std::string::npos)
      << result.detail;
}

TEST_F(HostPoolTest, FirstDirectoryWins) {
  fs::create_directory(dir_ / "user");
  fs::create_directory(dir_ / "system");
  std::ofstream(dir_ / "user" / "s.py") << "def event_handler_main(s):\n    return 'user'\n";
  std::ofstream(dir_ / "system" / "s.py") << "def event_handler_main(s):\n    return 'system'\n";
  ExecutionRequest both = request("s.py");
  both.script_dirs = {dir_ / "missing", dir_ / "user", dir_ / "system"};
  ExecutionResult result = pool_->execute(both);
  EXPECT_EQ(result.output, "user");
  EXPECT_EQ(result.script_path, dir_ / "user" / "s.py");
}

TEST_F(HostPoolTest, SyntaxErrorFailsToCompile) {
  write("bad.py", "import json\n\ndef event_handler_main(s)\n    return s\n");
  ExecutionResult result = run("bad.py");
  EXPECT_EQ(result.status, ExecutionStatus::kFailedToCompile);
  EXPECT_EQ(result.detail, "line 3: SyntaxError: invalid syntax");
}

TEST_F(HostPoolTest, IndentationErrorFailsToCompile) {
  write("bad.py", "def event_handler_main(s):\n    x = 1\n      return s\n");
  ExecutionResult result = run("bad.py");
  EXPECT_EQ(result.status, ExecutionStatus::kFailedToCompile);
  EXPECT_EQ(result.detail, "line 3: IndentationError: unexpected indent");
}

TEST_F(HostPoolTest, NoFunctionMissing) {
  write("none.py", "x = 1\n");
  ExecutionResult result = run("none.py");
  EXPECT_EQ(result.status, ExecutionStatus::kMissingFunction);
  EXPECT_NE(result.detail.find("event_handler_main"), std::string::npos);
}

TEST_F(HostPoolTest, NotCallableMissing) {
  write("value.py", "event_handler_main = 5\n");
  EXPECT_EQ(run("value.py").status, ExecutionStatus::kMissingFunction);
}

TEST_F(HostPoolTest, RaiseGivesException) {
  write("raise.py",
        "def check(value):\n    raise ValueError('x')\n\n"
        "def event_handler_main(s):\n    check(s)\n");
  ExecutionResult result = run("raise.py");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("ValueError: x"), std::string::npos) << result.detail;
  EXPECT_NE(result.detail.find("line 2, in check"), std::string::npos) << result.detail;
  EXPECT_NE(result.detail.find("line 5, in event_handler_main"), std::string::npos);
}

TEST_F(HostPoolTest, ModuleBodyExceptionGivesException) {
  write("body.py", "import nosuchmodule\n\ndef event_handler_main(s):\n    return '{}'\n");
  ExecutionResult result = run("body.py");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("ImportError"), std::string::npos) << result.detail;
}

TEST_F(HostPoolTest, OwnKeyboardInterruptIsException) {
  ExecutionResult result = runBody("    raise KeyboardInterrupt\n");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("KeyboardInterrupt"), std::string::npos) << result.detail;
}

TEST_F(HostPoolTest, SysExitGivesException) {
  ExecutionResult result = runBody("    import sys\n    sys.exit(3)\n");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("SystemExit: 3"), std::string::npos) << result.detail;
}

TEST_F(HostPoolTest, NonStringOutputIsScriptError) {
  const char* bodies[] = {"    return 42\n", "    return None\n", "    return {'actions': []}\n",
                          "    return b'{}'\n"};
  for (const char* body : bodies) {
    SCOPED_TRACE(body);
    ExecutionResult result = runBody(body);
    EXPECT_EQ(result.status, ExecutionStatus::kScriptError);
    EXPECT_NE(result.detail.find("expected a str"), std::string::npos) << result.detail;
  }
}

TEST_F(HostPoolTest, MemoryBombRaisesMemoryError) {
  ExecutionResult result =
      runBody("    chunks = []\n    while True:\n        chunks.append(bytearray(100000))\n");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("MemoryError"), std::string::npos) << result.detail;
  // The host survives and the next call has its heap back.
  EXPECT_EQ(runBody("    return 'ok'\n").output, "ok");
}

TEST_F(HostPoolTest, DeepRecursionRaises) {
  write("deep.py",
        "def down(n):\n    return down(n + 1)\n\ndef event_handler_main(s):\n"
        "    return down(0)\n");
  ExecutionResult result = run("deep.py");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("RuntimeError: maximum recursion depth exceeded"),
            std::string::npos);
  EXPECT_LE(result.detail.size(), 8192u);
}

TEST_F(HostPoolTest, InfiniteLoopTimesOutWhileOtherCallSucceeds) {
  write("loop.py", "def event_handler_main(s):\n    while True:\n        pass\n");
  write("ok.py", "def event_handler_main(s):\n    return 'ok'\n");
  ExecutionRequest looping = request("loop.py");
  looping.timeout = milliseconds(500);

  ExecutionResult loop_result;
  std::thread loop_thread([&] { loop_result = pool_->execute(looping); });
  std::this_thread::sleep_for(milliseconds(100));
  ExecutionResult ok_result = run("ok.py");
  loop_thread.join();

  EXPECT_EQ(ok_result.status, ExecutionStatus::kSuccess);
  EXPECT_EQ(ok_result.output, "ok");
  EXPECT_EQ(loop_result.status, ExecutionStatus::kTimeout);
  EXPECT_NE(loop_result.detail.find("500 ms"), std::string::npos) << loop_result.detail;
}

TEST_F(HostPoolTest, SleepPastTimeoutIsInterrupted) {
  write("sleepy.py", "import time\ndef event_handler_main(s):\n    time.sleep(30)\n");
  ExecutionRequest sleepy = request("sleepy.py");
  sleepy.timeout = milliseconds(200);
  ExecutionResult result = pool_->execute(sleepy);
  EXPECT_EQ(result.status, ExecutionStatus::kTimeout);
  EXPECT_EQ(pool_->hostsStarted(), 1u);  // interrupted, not killed
}

TEST_F(HostPoolTest, CaughtInterruptIsStillTimeout) {
  // The interrupt lands on the loop's backward jump, outside the try block, and escapes.
  write("loop.py",
        "def event_handler_main(s):\n    while True:\n        try:\n            pass\n"
        "        except:\n            pass\n");
  ExecutionRequest looping = request("loop.py");
  looping.timeout = milliseconds(200);
  EXPECT_EQ(pool_->execute(looping).status, ExecutionStatus::kTimeout);
}

TEST_F(HostPoolTest, SwallowedInterruptKillsHost) {
  // The inner loop runs inside the try block, so every KeyboardInterrupt is caught.
  write("stubborn.py",
        "def event_handler_main(s):\n    while True:\n        try:\n"
        "            while True:\n                pass\n"
        "        except:\n            pass\n");
  ExecutionRequest stubborn = request("stubborn.py");
  stubborn.timeout = milliseconds(200);
  ExecutionResult result = pool_->execute(stubborn);
  EXPECT_EQ(result.status, ExecutionStatus::kTimeout);
  EXPECT_NE(result.detail.find("replaced"), std::string::npos) << result.detail;

  EXPECT_EQ(runBody("    return 'after'\n").output, "after");
  EXPECT_EQ(pool_->hostsStarted(), 2u);
}

// Returns the pids of this process's children running the script host.
std::vector<pid_t> hostChildren() {
  std::vector<pid_t> pids;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    std::ifstream stat(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos || text.find("eventmgr-upytho") == std::string::npos) {
      continue;
    }
    std::istringstream fields(text.substr(close + 2));
    std::string state;
    pid_t parent = 0;
    fields >> state >> parent;
    if (parent == ::getpid()) {
      pids.push_back(std::stoi(name));
    }
  }
  return pids;
}

TEST_F(HostPoolTest, KilledHostIsSystemErrorAndPoolRecovers) {
  write("wait.py",
        "import time\ndef event_handler_main(s):\n    open('started', 'w').close()\n"
        "    time.sleep(20)\n    return 'late'\n");
  ExecutionResult result;
  std::thread call([&] { result = run("wait.py"); });
  for (int i = 0; i < 500 && !fs::exists(dir_ / "started"); ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_TRUE(fs::exists(dir_ / "started"));
  std::vector<pid_t> children = hostChildren();
  ASSERT_EQ(children.size(), 1u);
  ::kill(children[0], SIGKILL);
  call.join();

  EXPECT_EQ(result.status, ExecutionStatus::kSystemError);
  EXPECT_NE(result.detail.find("killed by signal 9"), std::string::npos) << result.detail;
  EXPECT_EQ(runBody("    return 'recovered'\n").output, "recovered");
}

TEST_F(HostPoolTest, MissingHostExecutableIsSystemError) {
  HostPoolOptions options;
  options.host_executable = dir_ / "no-such-host";
  HostPool broken(options);
  write("ok.py", "def event_handler_main(s):\n    return 'ok'\n");
  ExecutionResult result = broken.execute(request("ok.py"));
  EXPECT_EQ(result.status, ExecutionStatus::kSystemError);
  EXPECT_NE(result.detail.find("no-such-host"), std::string::npos) << result.detail;
}

TEST_F(HostPoolTest, InvalidRequestsThrow) {
  ExecutionRequest bad = request("../x.py");
  EXPECT_THROW(pool_->execute(bad), Error);
  bad = request(".hidden.py");
  EXPECT_THROW(pool_->execute(bad), Error);
  bad = request("ok.py");
  bad.heap_bytes = 10;
  EXPECT_THROW(pool_->execute(bad), Error);
  bad = request("ok.py");
  bad.timeout = milliseconds(0);
  EXPECT_THROW(pool_->execute(bad), Error);
}

TEST_F(HostPoolTest, ModulesFromTheContractImport) {
  const char* modules[] = {"json",   "re",       "time",    "sys",    "math",  "collections",
                           "struct", "binascii", "hashlib", "random", "heapq", "errno",
                           "io",     "os",       "ujson",   "utime",  "ure",   "uos"};
  for (const char* module : modules) {
    SCOPED_TRACE(module);
    ExecutionResult result =
        runBody(std::string("    import ") + module + "\n    return " + module + ".__name__\n");
    ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
  }
}

TEST_F(HostPoolTest, ForbiddenModulesDoNotImport) {
  const char* modules[] = {"subprocess", "socket", "usocket", "ffi", "machine"};
  for (const char* module : modules) {
    SCOPED_TRACE(module);
    ExecutionResult result = runBody(std::string("    import ") + module + "\n");
    EXPECT_EQ(result.status, ExecutionStatus::kException);
    EXPECT_NE(result.detail.find("ImportError"), std::string::npos) << result.detail;
  }
}

TEST_F(HostPoolTest, ModuleFunctionsWork) {
  // One expression per module function of the contract; each must evaluate to True.
  const char* checks[] = {
      "json.loads(json.dumps({'a': [1, 'b']})) == {'a': [1, 'b']}",
      "re.match(r'ethernet-(\\d+)/(\\d+)', 'ethernet-1/49').group(2) == '49'",
      "re.sub('-', '_', 'a-b') == 'a_b'",
      "time.time() > 1.6e9",
      "time.time_ns() > 1600000000000000000",
      "time.sleep(0) is None and time.sleep_ms(1) is None",
      "len(time.localtime()) == 8 and len(time.gmtime(0)) == 8",
      "time.mktime(time.gmtime(86400)) == 86400",
      "isinstance(time.ticks_ms(), int)",
      "sys.platform == 'eventmgr' and sys.maxsize > 2**31",
      "math.sqrt(16) == 4.0 and math.floor(2.5) == 2",
      "collections.OrderedDict([('a', 1)])['a'] == 1",
      "collections.namedtuple('P', ['x'])(1).x == 1",
      "collections.deque((), 5) is not None",
      "struct.unpack('<H', struct.pack('<H', 513)) == (513,)",
      "binascii.hexlify(b'\\x01') == b'01' and binascii.a2b_base64(b'YQ==') == b'a'",
      "hashlib.sha256(b'a').digest()[0] == 0xca",
      "0 <= random.randint(1, 6) - 1 < 6 and random.choice([7]) == 7",
      "heapq.heappop([1]) == 1",
      "errno.ENOENT == 2",
      "io.StringIO('x').read() == 'x' and io.BytesIO(b'y').read() == b'y'",
      "10**30 // 10**29 == 10",
  };
  for (const char* check : checks) {
    SCOPED_TRACE(check);
    ExecutionResult result = runBody(
        "    import json, re, time, sys, math, collections, struct, binascii, hashlib, random\n"
        "    import heapq, errno, io\n    return str(" +
        std::string(check) + ")\n");
    ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
    EXPECT_EQ(result.output, "True");
  }
}

TEST_F(HostPoolTest, OsWorksInsideScriptDirectory) {
  write("data.txt", "hello");
  ::setenv("EVENTMGR_RUNTIME_TEST", "value", 1);
  const char* checks[] = {
      "os.getcwd() == os.getcwd().rstrip('/') and os.getcwd().endswith(DIR)",
      "'data.txt' in os.listdir() and 'data.txt' in os.listdir('.')",
      "os.stat('data.txt')[6] == 5",
      "os.getenv('EVENTMGR_RUNTIME_TEST') == 'value' and os.getenv('NO_SUCH_VAR_X') is None",
      "os.getenv('NO_SUCH_VAR_X', 'd') == 'd'",
      "open('data.txt').read() == 'hello'",
      "open('sub_free.txt', 'w').write('abc') == 3 and open('sub_free.txt', 'rb').read() == b'abc'",
      "os.rename('sub_free.txt', 'moved.txt') is None and 'moved.txt' in os.listdir()",
      "os.remove('moved.txt') is None and 'moved.txt' not in os.listdir()",
      "[line for line in open('data.txt')] == ['hello']",
  };
  std::string dir_name = dir_.filename().string();
  for (const char* check : checks) {
    SCOPED_TRACE(check);
    ExecutionResult result = runBody("    import os\n    DIR = '" + dir_name +
                                     "'\n    return str(" + std::string(check) + ")\n");
    ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
    EXPECT_EQ(result.output, "True");
  }
}

TEST_F(HostPoolTest, FileAccessOutsideDirectoryRejected) {
  fs::create_directory(dir_ / "scripts");
  fs::create_symlink("/etc", dir_ / "scripts" / "etc-link");
  std::ofstream(dir_ / "secret.txt") << "secret";
  const char* attempts[] = {
      "open('/etc/passwd')",        "open('../secret.txt')",
      "open('a/../../secret.txt')", "open('etc-link/passwd')",
      "open('../new.txt', 'w')",    "os.listdir('/')",
      "os.listdir('..')",           "os.stat('/etc/passwd')",
      "os.remove('../secret.txt')", "os.rename('../secret.txt', 'stolen.txt')",
  };
  for (const char* attempt : attempts) {
    SCOPED_TRACE(attempt);
    std::ofstream(dir_ / "scripts" / "escape.py")
        << "import os\ndef event_handler_main(s):\n    return str(" << attempt << ")\n";
    ExecutionRequest escape = request("escape.py");
    escape.script_dirs = {dir_ / "scripts"};
    ExecutionResult result = pool_->execute(escape);
    EXPECT_EQ(result.status, ExecutionStatus::kException);
    EXPECT_NE(result.detail.find("EACCES"), std::string::npos) << result.detail;
    EXPECT_NE(result.detail.find("outside the script directory"), std::string::npos);
  }
  EXPECT_TRUE(fs::exists(dir_ / "secret.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "new.txt"));
}

TEST_F(HostPoolTest, PrintedTextCaptured) {
  ExecutionResult result = runBody(
      "    import sys\n    print('a')\n    sys.stderr.write('b\\n')\n"
      "    sys.stdout.write('c')\n    return '{}'\n");
  ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
  EXPECT_EQ(result.stdout_stderr, "a\nb\nc");
}

TEST_F(HostPoolTest, PrintedTextKeptOnException) {
  ExecutionResult result = runBody("    print('before')\n    raise KeyError('k')\n");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_EQ(result.stdout_stderr, "before\n");
}

TEST_F(HostPoolTest, PrintedTextTruncatedAt64KiB) {
  ExecutionResult result = runBody(
      "    for i in range(2000):\n        print('x' * 99)\n"
      "    return '{}'\n");
  ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
  EXPECT_EQ(result.stdout_stderr.substr(0, 100), std::string(99, 'x') + "\n");
  EXPECT_NE(result.stdout_stderr.find("[eventmgr: output truncated at 65536 bytes]"),
            std::string::npos);
  EXPECT_LE(result.stdout_stderr.size(), 65536u + 64u);
}

TEST_F(HostPoolTest, EachCallGetsFreshNamespace) {
  write("counter.py",
        "count = 0\n\ndef event_handler_main(s):\n    global count\n    count += 1\n"
        "    return str(count)\n");
  EXPECT_EQ(run("counter.py").output, "1");
  EXPECT_EQ(run("counter.py").output, "1");
  EXPECT_EQ(run("counter.py").output, "1");
}

TEST_F(HostPoolTest, BuiltinOverridesDoNotLeak) {
  write("patch.py",
        "import builtins, sys, json\n\ndef event_handler_main(s):\n"
        "    builtins.len = lambda x: 99\n    sys.modules['json'] = 'patched'\n    return '{}'\n");
  write("check.py",
        "import json\n\ndef event_handler_main(s):\n"
        "    return str(len([1])) + ' ' + type(json).__name__\n");
  ASSERT_EQ(run("patch.py").status, ExecutionStatus::kSuccess);
  EXPECT_EQ(run("check.py").output, "1 module");
}

TEST_F(HostPoolTest, ModuleNamedAfterFile) {
  write("named.py",
        "ran_main = False\nif __name__ == '__main__':\n    ran_main = True\n\n"
        "def event_handler_main(s):\n    return __name__ + ' ' + str(ran_main)\n");
  EXPECT_EQ(run("named.py").output, "named False");
}

TEST_F(HostPoolTest, InputPassedUnchanged) {
  write("echo.py", "def event_handler_main(s):\n    return s\n");
  std::string input =
      R"({"paths":[{"path":"interface ethernet-1/1 description","value":"ü \" x"}]})";
  EXPECT_EQ(run("echo.py", input).output, input);
}

TEST_F(HostPoolTest, InvalidUtf8InputRaises) {
  write("echo.py", "def event_handler_main(s):\n    return s\n");
  ExecutionResult result = run("echo.py", "{\"a\":\"\xff\"}");
  EXPECT_EQ(result.status, ExecutionStatus::kException);
  EXPECT_NE(result.detail.find("UnicodeError: the input is not valid UTF-8"), std::string::npos)
      << result.detail;
}

TEST_F(HostPoolTest, ChangedScriptRecompiled) {
  write("v.py", "def event_handler_main(s):\n    return 'one'\n");
  EXPECT_EQ(run("v.py").output, "one");
  write("v.py", "def event_handler_main(s):\n    return 'second'\n");
  EXPECT_EQ(run("v.py").output, "second");
}

TEST_F(HostPoolTest, VirtualClockSleepsInstantly) {
  write("clock.py",
        "import time\ndef event_handler_main(s):\n    start = time.time()\n"
        "    time.sleep(3600)\n    time.sleep_ms(500)\n"
        "    return '%d %d' % (start, time.time() - start)\n");
  ExecutionRequest virtual_time = request("clock.py");
  virtual_time.virtual_now_us = 1'700'000'000'000'000;
  auto start = std::chrono::steady_clock::now();
  ExecutionResult result = pool_->execute(virtual_time);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
  EXPECT_EQ(result.output, "1700000000 3600");
  EXPECT_EQ(result.slept_us, 3'600'500'000u);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(HostPoolTest, HeapSizeChangesPerCall) {
  const char* body = "    b = bytearray(3 * 1024 * 1024)\n    return str(len(b))\n";
  ExecutionRequest small = request("heap.py");
  write("heap.py", std::string("def event_handler_main(s):\n") + body);
  small.heap_bytes = 1024 * 1024;
  EXPECT_EQ(pool_->execute(small).status, ExecutionStatus::kException);
  ExecutionRequest large = small;
  large.heap_bytes = 8 * 1024 * 1024;
  ExecutionResult result = pool_->execute(large);
  EXPECT_EQ(result.status, ExecutionStatus::kSuccess) << result.detail;
  EXPECT_EQ(result.output, "3145728");
}

TEST_F(HostPoolTest, ConcurrentCallsAllSucceed) {
  write("square.py",
        "import json\ndef event_handler_main(s):\n    n = json.loads(s)['n']\n"
        "    return str(n * n)\n");
  constexpr int kThreads = 4;
  constexpr int kCallsPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> correct{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        int n = t * 1000 + i;
        ExecutionResult result = run("square.py", "{\"n\":" + std::to_string(n) + "}");
        if (result.status == ExecutionStatus::kSuccess && result.output == std::to_string(n * n)) {
          correct.fetch_add(1);
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(correct.load(), kThreads * kCallsPerThread);
  EXPECT_LE(pool_->hostsStarted(), 2u);
}

}  // namespace
}  // namespace eventmgr::runtime
