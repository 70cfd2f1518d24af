// C interface between the script host's main loop (C++) and the MicroPython VM (C).
// Every function runs on the VM thread except evm_interrupt().
#ifndef EVENTMGR_RUNTIME_HOST_VM_H
#define EVENTMGR_RUNTIME_HOST_VM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Outcome of one call, before the output is parsed.
typedef enum {
  EVM_OK = 0,
  EVM_SCRIPT_UNAVAILABLE,  // the script file could not be read
  EVM_FAILED_TO_COMPILE,   // detail: "line N: SyntaxError: message"
  EVM_MISSING_FUNCTION,    // no callable event_handler_main after the module body ran
  EVM_EXCEPTION,           // detail: traceback and "Type: message"
  EVM_OUTPUT_NOT_STRING,   // detail: the type name of the returned value
  EVM_INTERRUPTED,         // KeyboardInterrupt escaped, from evm_interrupt() or raised by the
                           // script itself; detail as for EVM_EXCEPTION
} evm_status;

typedef struct {
  const char* script_path;   // absolute path of the .py file
  const char* module_name;   // __name__ of the module, the file name without ".py"
  uint64_t script_mtime_ns;  // with script_size, identifies the compiled version in the cache
  uint64_t script_size;
  const char* input;  // argument of event_handler_main, UTF-8
  size_t input_length;
} evm_call;

typedef struct {
  evm_status status;
  char* output;  // the returned string (EVM_OK), malloc'd, or NULL
  size_t output_length;
  char* detail;  // error detail, malloc'd NUL-terminated, or NULL
} evm_result;

// Creates the VM with a heap of HEAP_BYTES. STACK_TOP is the address of a local variable in a
// frame that outlives every VM call; STACK_LIMIT_BYTES bounds the C stack the VM may use below
// it. Returns 0, or -1 when the heap cannot be allocated.
int evm_init(size_t heap_bytes, void* stack_top, size_t stack_limit_bytes);

// Destroys the VM and its compile cache.
void evm_deinit(void);

// Returns the heap size of the running VM in bytes.
size_t evm_heap_bytes(void);

// Executes CALL: compiles the script unless its version is cached, runs the module body in a
// fresh namespace, calls event_handler_main(input). RESULT's buffers belong to the caller
// (free()). The script directory and clock must be set up before (sandbox.h, hal.h).
void evm_execute(const evm_call* call, evm_result* result);

// Asks the running call to stop by raising KeyboardInterrupt in it. Safe to call from another
// thread. The caller must make sure that a call is running, because a stale request would hit
// the next call unless evm_clear_interrupt() runs in between.
void evm_interrupt(void);

// Drops a pending interrupt request that the call did not consume.
void evm_clear_interrupt(void);

#ifdef __cplusplus
}
#endif

#endif
