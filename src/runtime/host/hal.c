// MicroPython port functions of eventmgr's script host: print capture, clocks, sleep and
// the random seed.
#include "runtime/host/hal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "py/mphal.h"
#include "py/runtime.h"

static char* capture_buffer;
static size_t capture_capacity;
static size_t capture_length;
static int capture_truncated;

static int clock_virtual;
static int64_t clock_virtual_now_us;
static uint64_t clock_slept_us;

void evm_capture_begin(size_t limit_bytes) {
  static char storage[64 * 1024];
  capture_buffer = storage;
  capture_capacity = limit_bytes < sizeof(storage) ? limit_bytes : sizeof(storage);
  capture_length = 0;
  capture_truncated = 0;
}

const char* evm_capture_data(size_t* length, int* truncated) {
  *length = capture_length;
  *truncated = capture_truncated;
  return capture_buffer;
}

void evm_clock_begin(int virtual_clock, int64_t virtual_now_us) {
  clock_virtual = virtual_clock;
  clock_virtual_now_us = virtual_now_us;
  clock_slept_us = 0;
}

uint64_t evm_clock_slept_us(void) {
  return clock_slept_us;
}

mp_uint_t mp_hal_stdout_tx_strn(const char* str, size_t len) {
  if (capture_buffer == NULL) {
    return len;
  }
  size_t room = capture_capacity - capture_length;
  size_t copied = len < room ? len : room;
  memcpy(capture_buffer + capture_length, str, copied);
  capture_length += copied;
  if (copied < len) {
    capture_truncated = 1;
  }
  return len;
}

void mp_hal_stdout_tx_strn_cooked(const char* str, size_t len) {
  mp_hal_stdout_tx_strn(str, len);
}

void mp_hal_stdout_tx_str(const char* str) {
  mp_hal_stdout_tx_strn(str, strlen(str));
}

// Scripts have no standard input: reading sys.stdin returns end of file.
int mp_hal_stdin_rx_chr(void) {
  return -1;
}

uintptr_t mp_hal_stdio_poll(uintptr_t poll_flags) {
  (void)poll_flags;
  return 0;
}

static uint64_t monotonic_us(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
}

static int64_t wall_us(void) {
  if (clock_virtual) {
    return clock_virtual_now_us + (int64_t)clock_slept_us;
  }
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

static uint64_t ticks_us(void) {
  return clock_virtual ? (uint64_t)wall_us() : monotonic_us();
}

mp_uint_t mp_hal_ticks_ms(void) {
  return (mp_uint_t)(ticks_us() / 1000u);
}

mp_uint_t mp_hal_ticks_us(void) {
  return (mp_uint_t)ticks_us();
}

mp_uint_t mp_hal_ticks_cpu(void) {
  return (mp_uint_t)ticks_us();
}

uint64_t mp_hal_time_ns(void) {
  return (uint64_t)wall_us() * 1000u;
}

// Sleeps in slices of at most 10 ms and handles pending events between them, so that the timeout
// watchdog's KeyboardInterrupt ends a long time.sleep() promptly.
static void sleep_us(uint64_t us) {
  clock_slept_us += us;
  if (clock_virtual) {
    mp_handle_pending(true);
    return;
  }
  uint64_t deadline = monotonic_us() + us;
  for (;;) {
    mp_handle_pending(true);
    uint64_t now = monotonic_us();
    if (now >= deadline) {
      return;
    }
    uint64_t slice = deadline - now;
    if (slice > 10000u) {
      slice = 10000u;
    }
    struct timespec request = {(time_t)(slice / 1000000u), (long)(slice % 1000000u) * 1000};
    while (nanosleep(&request, &request) != 0 && errno == EINTR) {
    }
  }
}

void mp_hal_delay_ms(mp_uint_t ms) {
  sleep_us((uint64_t)ms * 1000u);
}

void mp_hal_delay_us(mp_uint_t us) {
  sleep_us(us);
}

// Seeds random from the kernel's entropy source, falling back to the clock.
uint32_t eventmgr_random_seed(void) {
  uint32_t seed = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t got = read(fd, &seed, sizeof(seed));
    close(fd);
    if (got == (ssize_t)sizeof(seed)) {
      return seed;
    }
  }
  return (uint32_t)monotonic_us();
}
