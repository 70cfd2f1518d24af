// Host-side state of the MicroPython port: captured print output and the clock behind the
// time module. Used by vm.c and by the host's main loop; single-threaded (the VM thread).
#ifndef EVENTMGR_RUNTIME_HOST_HAL_H
#define EVENTMGR_RUNTIME_HOST_HAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Starts capturing print output (sys.stdout and sys.stderr) into an empty buffer of at most
// LIMIT_BYTES; later output is dropped and the capture is marked truncated.
void evm_capture_begin(size_t limit_bytes);

// Returns the captured bytes (not NUL-terminated) and their count in LENGTH; TRUNCATED is set to
// 1 when output was dropped. Valid until the next evm_capture_begin().
const char* evm_capture_data(size_t* length, int* truncated);

// Selects the clock for the next call. With VIRTUAL_CLOCK 0, time.time() reads the system clock
// and time.sleep() sleeps. With VIRTUAL_CLOCK 1, time starts at VIRTUAL_NOW_US (microseconds
// since the Unix epoch) and time.sleep() only advances it, without sleeping.
void evm_clock_begin(int virtual_clock, int64_t virtual_now_us);

// Returns the microseconds that time.sleep() and friends requested since evm_clock_begin().
uint64_t evm_clock_slept_us(void);

#ifdef __cplusplus
}
#endif

#endif
