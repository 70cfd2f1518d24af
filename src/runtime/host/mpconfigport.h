// MicroPython configuration of eventmgr's script host (embed port of MicroPython 1.25).
// The module set is the one SR Linux scripts may use: json, re, time, sys, math, collections,
// struct, binascii, hashlib, random, heapq, errno, io, os and open(). os and open() are eventmgr's
// own implementations, confined to the script directory. There is no network, no subprocess and
// no import of .py files from disk.

#include <port/mpconfigport_common.h>

#undef MICROPY_MPHALPORT_H
#define MICROPY_MPHALPORT_H "runtime/host/mphalport.h"

#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)

#define MICROPY_ENABLE_COMPILER (1)
#define MICROPY_ENABLE_GC (1)
#define MICROPY_PY_GC (1)
#define MICROPY_LONGINT_IMPL (MICROPY_LONGINT_IMPL_MPZ)
#define MICROPY_FLOAT_IMPL (MICROPY_FLOAT_IMPL_DOUBLE)
#define MICROPY_USE_INTERNAL_PRINTF (0)
#define MICROPY_ENABLE_SOURCE_LINE (1)
#define MICROPY_ERROR_REPORTING (MICROPY_ERROR_REPORTING_DETAILED)
#define MICROPY_WARNINGS (1)
#define MICROPY_PY_BUILTINS_HELP (0)
#define MICROPY_PY_BUILTINS_INPUT (0)
#define MICROPY_PY_BUILTINS_EXECFILE (0)
#define MICROPY_PY_MICROPYTHON_MEM_INFO (0)
#define MICROPY_HELPER_REPL (0)
#define MICROPY_ENABLE_EXTERNAL_IMPORT (0)
#define MICROPY_PY_SYS_PLATFORM "eventmgr"
#define MICROPY_PY_SYS_STDFILES (1)
#define MICROPY_PY_SYS_STDIO_BUFFER (0)
#define MICROPY_PY_SYS_EXIT (1)
#define MICROPY_PY_SYS_MAXSIZE (1)
#define MICROPY_PY_SYS_ARGV (0)
#define MICROPY_PY_SYS_PATH (0)

// Timeouts: a watchdog thread calls mp_sched_keyboard_interrupt(), which raises KeyboardInterrupt
// in the running bytecode.
#define MICROPY_KBD_EXCEPTION (1)
#define MICROPY_ENABLE_SCHEDULER (1)

// Modules from extmod/, compiled from the source tree next to the embed package.
#define MICROPY_PY_JSON (1)
#define MICROPY_PY_RE (1)
#define MICROPY_PY_RE_SUB (1)
#define MICROPY_PY_RE_MATCH_GROUPS (1)
#define MICROPY_PY_RE_MATCH_SPAN_START_END (1)
#define MICROPY_PY_HEAPQ (1)
#define MICROPY_PY_BINASCII (1)
#define MICROPY_PY_HASHLIB (1)
#define MICROPY_PY_HASHLIB_SHA256 (1)
#define MICROPY_PY_RANDOM (1)
#define MICROPY_PY_RANDOM_EXTRA_FUNCS (1)
#define MICROPY_PY_RANDOM_SEED_INIT_FUNC (eventmgr_random_seed())
#define MICROPY_PY_TIME (1)
#define MICROPY_PY_TIME_GMTIME_LOCALTIME_MKTIME (1)
#define MICROPY_PY_TIME_TIME_TIME_NS (1)
#define MICROPY_PY_TIME_INCLUDEFILE "runtime/host/time_port.h"
#define MICROPY_EPOCH_IS_1970 (1)
#define MICROPY_PY_ERRNO (1)
#define MICROPY_PY_IO (1)
#define MICROPY_PY_COLLECTIONS (1)
#define MICROPY_PY_COLLECTIONS_DEQUE (1)
#define MICROPY_PY_COLLECTIONS_ORDEREDDICT (1)
#define MICROPY_PY_STRUCT (1)
#define MICROPY_PY_MATH (1)
#define MICROPY_PY_OS (0)  // eventmgr's own confined os module replaces extmod/modos.c
#define MICROPY_PY_SELECT (0)
#define MICROPY_PY_DEFLATE (0)
#define MICROPY_PY_FRAMEBUF (0)
#define MICROPY_PY_PLATFORM (0)
#define MICROPY_PY_ASYNCIO (0)
#define MICROPY_PY_UCTYPES (0)
#define MICROPY_PY_MACHINE (0)
#define MICROPY_PY_CRYPTOLIB (0)
#define MICROPY_PY_VFS (0)
#define MICROPY_VFS (0)

#include <stdint.h>
uint32_t eventmgr_random_seed(void);
