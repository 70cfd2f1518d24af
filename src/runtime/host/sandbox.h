// File access of scripts: open() and the os module, confined to the script directory.
#ifndef EVENTMGR_RUNTIME_HOST_SANDBOX_H
#define EVENTMGR_RUNTIME_HOST_SANDBOX_H

#ifdef __cplusplus
extern "C" {
#endif

// Sets the directory that open() and os may reach for the next call: an absolute path without a
// trailing slash. Also makes it the current directory. Returns 0, or -1 with errno set.
int evm_sandbox_begin(const char* script_dir);

// Closes every file that the call opened and did not close.
void evm_sandbox_end(void);

#ifdef __cplusplus
}
#endif

#endif
