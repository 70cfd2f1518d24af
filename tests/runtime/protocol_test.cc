#include "runtime/protocol.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "common/error.h"

namespace eventmgr::runtime::protocol {
namespace {

TEST(Protocol, RequestRoundTrip) {
  ExecuteRequest request;
  request.call_id = 42;
  request.script_path = "/scripts/opergroup.py";
  request.script_dir = "/scripts";
  request.module_name = "opergroup";
  request.script_mtime_ns = 1234567890123456789u;
  request.script_size = 999;
  request.heap_bytes = 4u << 20;
  request.timeout_ms = 10000;
  request.virtual_clock = true;
  request.virtual_now_us = -5;
  request.input = std::string("{\"a\":\0}", 7);

  ExecuteRequest decoded = decodeRequest(encodeRequest(request));
  EXPECT_EQ(decoded.call_id, request.call_id);
  EXPECT_EQ(decoded.script_path, request.script_path);
  EXPECT_EQ(decoded.script_dir, request.script_dir);
  EXPECT_EQ(decoded.module_name, request.module_name);
  EXPECT_EQ(decoded.script_mtime_ns, request.script_mtime_ns);
  EXPECT_EQ(decoded.script_size, request.script_size);
  EXPECT_EQ(decoded.heap_bytes, request.heap_bytes);
  EXPECT_EQ(decoded.timeout_ms, request.timeout_ms);
  EXPECT_TRUE(decoded.virtual_clock);
  EXPECT_EQ(decoded.virtual_now_us, -5);
  EXPECT_EQ(decoded.input, request.input);
}

TEST(Protocol, ResponseRoundTrip) {
  ExecuteResponse response;
  response.call_id = 7;
  response.status = HostStatus::kException;
  response.output = "out";
  response.detail = "ValueError: x";
  response.stdout_stderr = "printed\n";
  response.duration_us = 12;
  response.virtual_slept_us = 3000000;

  ExecuteResponse decoded = decodeResponse(encodeResponse(response));
  EXPECT_EQ(decoded.call_id, 7u);
  EXPECT_EQ(decoded.status, HostStatus::kException);
  EXPECT_EQ(decoded.output, "out");
  EXPECT_EQ(decoded.detail, "ValueError: x");
  EXPECT_EQ(decoded.stdout_stderr, "printed\n");
  EXPECT_EQ(decoded.duration_us, 12u);
  EXPECT_EQ(decoded.virtual_slept_us, 3000000u);
}

TEST(Protocol, TruncatedPayloadRejected) {
  std::string payload = encodeResponse(ExecuteResponse{});
  for (std::size_t length = 0; length < payload.size(); ++length) {
    EXPECT_THROW(decodeResponse(payload.substr(0, length)), Error) << "length " << length;
  }
}

TEST(Protocol, ExtraBytesRejected) {
  EXPECT_THROW(decodeRequest(encodeRequest(ExecuteRequest{}) + "x"), Error);
}

TEST(Protocol, UnknownStatusRejected) {
  std::string payload = encodeResponse(ExecuteResponse{});
  payload[8] = 99;
  EXPECT_THROW(decodeResponse(payload), Error);
}

TEST(Protocol, FrameThroughPipe) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::string big(10000, 'y');
  ASSERT_TRUE(writeFrame(fds[1], "hello"));
  ASSERT_TRUE(writeFrame(fds[1], big));
  ::close(fds[1]);
  FrameReader reader(fds[0]);
  std::string payload;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  EXPECT_EQ(reader.read(payload, deadline), ReadStatus::kOk);
  EXPECT_EQ(payload, "hello");
  EXPECT_EQ(reader.read(payload, deadline), ReadStatus::kOk);
  EXPECT_EQ(payload, big);
  EXPECT_EQ(reader.read(payload, deadline), ReadStatus::kEndOfFile);
  ::close(fds[0]);
}

TEST(Protocol, FrameSplitAcrossWrites) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  FrameReader reader(fds[0]);
  std::string payload;
  std::thread writer([&] {
    const char frame[] = {3, 0, 0, 0, 'a', 'b', 'c'};
    for (char byte : frame) {
      ASSERT_EQ(::write(fds[1], &byte, 1), 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  EXPECT_EQ(reader.read(payload), ReadStatus::kOk);
  EXPECT_EQ(payload, "abc");
  writer.join();
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(Protocol, ReadTimesOut) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  FrameReader reader(fds[0]);
  std::string payload;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
  EXPECT_EQ(reader.read(payload, deadline), ReadStatus::kTimedOut);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(Protocol, OversizedFrameRejected) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const unsigned char header[4] = {0xff, 0xff, 0xff, 0xff};
  ASSERT_EQ(::write(fds[1], header, 4), 4);
  FrameReader reader(fds[0]);
  std::string payload;
  EXPECT_EQ(reader.read(payload), ReadStatus::kError);
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace
}  // namespace eventmgr::runtime::protocol
