// The MicroPython VM of the script host: set-up, per-script compile cache and the execution of
// event_handler_main in a fresh module namespace.
#include "runtime/host/vm.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "py/bc.h"
#include "py/compile.h"
#include "py/cstack.h"
#include "py/gc.h"
#include "py/lexer.h"
#include "py/mphal.h"
#include "py/objfun.h"
#include "py/objmodule.h"
#include "py/objstr.h"
#include "py/parse.h"
#include "py/runtime.h"
#include "py/unicode.h"
#include "shared/runtime/gchelper.h"

// Compiled scripts, newest first. The entries live on the GC heap and are reachable from this
// root pointer, so the GC keeps their bytecode.
MP_REGISTER_ROOT_POINTER(void* eventmgr_script_cache);

typedef struct _script_entry_t {
  struct _script_entry_t* next;
  char* path;
  uint64_t mtime_ns;
  uint64_t size;
  mp_obj_fun_bc_t* body;  // the compiled module body; its context contains the constants
} script_entry_t;

// Scripts beyond this count are dropped from the cache, oldest first, so that bytecode of scripts
// that are no longer used does not fill the heap.
#define EVM_SCRIPT_CACHE_ENTRIES 32

static void* heap;
static size_t heap_size;

int evm_init(size_t heap_bytes, void* stack_top, size_t stack_limit_bytes) {
  heap = malloc(heap_bytes);
  if (heap == NULL) {
    return -1;
  }
  heap_size = heap_bytes;
  mp_cstack_init_with_top(stack_top, stack_limit_bytes);
  gc_init(heap, (uint8_t*)heap + heap_bytes);
  mp_init();
  MP_STATE_VM(eventmgr_script_cache) = NULL;
  return 0;
}

void evm_deinit(void) {
  mp_deinit();
  free(heap);
  heap = NULL;
  heap_size = 0;
}

size_t evm_heap_bytes(void) {
  return heap_size;
}

void evm_interrupt(void) {
  mp_sched_keyboard_interrupt();
}

void evm_clear_interrupt(void) {
  mp_handle_pending(false);
}

void gc_collect(void) {
  gc_collect_start();
  gc_helper_collect_regs_and_stack();
  gc_collect_end();
}

// An exception escaped every handler: nothing sensible can continue, so the host dies and the
// runtime pool reports system-error for this call and starts a new host.
void nlr_jump_fail(void* val) {
  (void)val;
  fprintf(stderr, "eventmgr-upython-host: uncaught MicroPython exception outside any handler\n");
  abort();
}

static char* copy_string(const char* data, size_t length) {
  char* copy = malloc(length + 1);
  if (copy != NULL) {
    memcpy(copy, data, length);
    copy[length] = '\0';
  }
  return copy;
}

// Maximum length of an error detail. A traceback of a deep recursion is hundreds of KiB, so only
// its start and its end (where the exception type and message are) are kept.
#define EVM_DETAIL_MAX_BYTES 8192
#define EVM_DETAIL_HEAD_BYTES 2048

static char* copy_abbreviated(const char* data, size_t length) {
  if (length <= EVM_DETAIL_MAX_BYTES) {
    return copy_string(data, length);
  }
  static const char marker[] = "\n  ... (traceback abbreviated) ...\n";
  size_t tail = EVM_DETAIL_MAX_BYTES - EVM_DETAIL_HEAD_BYTES - (sizeof(marker) - 1);
  char* copy = malloc(EVM_DETAIL_MAX_BYTES + 1);
  if (copy == NULL) {
    return NULL;
  }
  memcpy(copy, data, EVM_DETAIL_HEAD_BYTES);
  memcpy(copy + EVM_DETAIL_HEAD_BYTES, marker, sizeof(marker) - 1);
  memcpy(copy + EVM_DETAIL_HEAD_BYTES + sizeof(marker) - 1, data + length - tail, tail);
  copy[EVM_DETAIL_MAX_BYTES] = '\0';
  return copy;
}

// Stores the printed form of EXCEPTION (traceback and "Type: message") in RESULT->detail.
static void describe_exception(mp_obj_t exception, evm_result* result) {
  vstr_t text;
  nlr_buf_t nlr;
  if (nlr_push(&nlr) == 0) {
    vstr_init(&text, 256);
    mp_print_t print = {&text, (mp_print_strn_t)vstr_add_strn};
    mp_obj_print_exception(&print, exception);
    nlr_pop();
    // Drop the final newline that mp_obj_print_exception writes.
    size_t length = text.len;
    while (length > 0 && text.buf[length - 1] == '\n') {
      length--;
    }
    result->detail = copy_abbreviated(text.buf, length);
    vstr_clear(&text);
  } else {
    const char* name = qstr_str(mp_obj_get_type(exception)->name);
    result->detail = copy_string(name, strlen(name));
  }
}

// Stores "line N: Type: message" for a compile error in RESULT->detail.
static void describe_compile_error(mp_obj_t exception, evm_result* result) {
  size_t count = 0;
  size_t* values = NULL;
  mp_obj_exception_get_traceback(exception, &count, &values);
  char prefix[48] = "";
  if (count >= 3) {
    snprintf(prefix, sizeof(prefix), "line %u: ", (unsigned)values[1]);
  }
  vstr_t text;
  nlr_buf_t nlr;
  if (nlr_push(&nlr) == 0) {
    vstr_init(&text, 128);
    vstr_add_str(&text, prefix);
    mp_print_t print = {&text, (mp_print_strn_t)vstr_add_strn};
    mp_obj_print_helper(&print, exception, PRINT_EXC);
    nlr_pop();
    result->detail = copy_string(text.buf, text.len);
    vstr_clear(&text);
  } else {
    result->detail = copy_string("SyntaxError", strlen("SyntaxError"));
  }
}

static script_entry_t* find_cached(const evm_call* call) {
  script_entry_t** link = (script_entry_t**)&MP_STATE_VM(eventmgr_script_cache);
  size_t position = 0;
  for (script_entry_t* entry = *link; entry != NULL; entry = entry->next, position++) {
    if (strcmp(entry->path, call->script_path) == 0) {
      if (entry->mtime_ns == call->script_mtime_ns && entry->size == call->script_size) {
        return entry;
      }
      *link = entry->next;  // stale version: drop it
      return NULL;
    }
    if (position + 1 >= EVM_SCRIPT_CACHE_ENTRIES) {
      entry->next = NULL;  // cache full: forget the oldest entries
      return NULL;
    }
    link = &entry->next;
  }
  return NULL;
}

// Reads the whole file at PATH into a malloc'd buffer. Returns NULL when it cannot be read.
static char* read_file(const char* path, size_t* length) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return NULL;
  }
  size_t capacity = 4096;
  size_t used = 0;
  char* buffer = malloc(capacity);
  while (buffer != NULL) {
    if (used == capacity) {
      capacity *= 2;
      char* grown = realloc(buffer, capacity);
      if (grown == NULL) {
        free(buffer);
        buffer = NULL;
        break;
      }
      buffer = grown;
    }
    ssize_t got = read(fd, buffer + used, capacity - used);
    if (got < 0) {
      free(buffer);
      buffer = NULL;
      break;
    }
    if (got == 0) {
      break;
    }
    used += (size_t)got;
  }
  close(fd);
  *length = used;
  return buffer;
}

// Compiles the script (raises SyntaxError and friends through NLR) and adds it to the cache.
static script_entry_t* compile_script(const evm_call* call, const char* source, size_t length) {
  qstr source_name =
      qstr_from_str(strrchr(call->script_path, '/') != NULL ? strrchr(call->script_path, '/') + 1
                                                            : call->script_path);
  mp_lexer_t* lexer = mp_lexer_new_from_str_len(source_name, source, length, 0);
  mp_parse_tree_t tree = mp_parse(lexer, MP_PARSE_FILE_INPUT);
  mp_obj_t body = mp_compile(&tree, source_name, false);

  script_entry_t* entry = m_new_obj(script_entry_t);
  size_t path_length = strlen(call->script_path);
  entry->path = m_new(char, path_length + 1);
  memcpy(entry->path, call->script_path, path_length + 1);
  entry->mtime_ns = call->script_mtime_ns;
  entry->size = call->script_size;
  entry->body = MP_OBJ_TO_PTR(body);
  entry->next = MP_STATE_VM(eventmgr_script_cache);
  MP_STATE_VM(eventmgr_script_cache) = entry;
  return entry;
}

// Runs the module body in a new namespace and returns event_handler_main, or MP_OBJ_NULL when
// the module defines no callable of that name.
static mp_obj_t load_module(const evm_call* call, script_entry_t* entry) {
  // A copy of the module context with new globals, and a copy of the module body function
  // bound to it: the bytecode and constants are shared, the namespace is fresh.
  mp_module_context_t* context = m_new_obj(mp_module_context_t);
  *context = *entry->body->context;
  mp_obj_dict_t* globals = MP_OBJ_TO_PTR(mp_obj_new_dict(8));
  context->module.globals = globals;
  mp_obj_dict_store(MP_OBJ_FROM_PTR(globals), MP_OBJ_NEW_QSTR(MP_QSTR___name__),
                    mp_obj_new_str_from_cstr(call->module_name));
  mp_obj_dict_store(MP_OBJ_FROM_PTR(globals), MP_OBJ_NEW_QSTR(MP_QSTR___file__),
                    mp_obj_new_str_from_cstr(call->script_path));

  mp_obj_fun_bc_t* body = m_new_obj(mp_obj_fun_bc_t);
  *body = *entry->body;
  body->context = context;
  mp_locals_set(globals);
  mp_globals_set(globals);
  mp_call_function_0(MP_OBJ_FROM_PTR(body));

  mp_map_elem_t* main =
      mp_map_lookup(&globals->map, MP_OBJ_NEW_QSTR(MP_QSTR_event_handler_main), MP_MAP_LOOKUP);
  if (main == NULL || !mp_obj_is_callable(main->value)) {
    return MP_OBJ_NULL;
  }
  return main->value;
}

// Undoes what an earlier call may have changed in interpreter-wide state: overridden builtins
// (builtins.x = ...) and sys.modules. Built-in modules are imported again on demand.
static void reset_shared_state(void) {
  MP_STATE_VM(mp_module_builtins_override_dict) = NULL;
  mp_obj_dict_init(&MP_STATE_VM(mp_loaded_modules_dict), MICROPY_LOADED_MODULES_DICT_SIZE);
}

void evm_execute(const evm_call* call, evm_result* result) {
  reset_shared_state();
  result->status = EVM_OK;
  result->output = NULL;
  result->output_length = 0;
  result->detail = NULL;

  mp_obj_dict_t* saved_globals = mp_globals_get();
  mp_obj_dict_t* saved_locals = mp_locals_get();
  // volatile: the value is read after nlr_push returns a second time (a longjmp).
  volatile int compiling = 0;
  nlr_buf_t nlr;
  if (nlr_push(&nlr) == 0) {
    script_entry_t* entry = find_cached(call);
    if (entry == NULL) {
      size_t length = 0;
      char* source = read_file(call->script_path, &length);
      if (source == NULL) {
        nlr_pop();
        result->status = EVM_SCRIPT_UNAVAILABLE;
        char message[512];
        snprintf(message, sizeof(message), "cannot read %s", call->script_path);
        result->detail = copy_string(message, strlen(message));
        return;
      }
      compiling = 1;
      // The lexer reads SOURCE while parsing, and source is freed below on every path.
      nlr_buf_t compile_nlr;
      if (nlr_push(&compile_nlr) == 0) {
        entry = compile_script(call, source, length);
        nlr_pop();
        free(source);
      } else {
        free(source);
        nlr_jump(compile_nlr.ret_val);
      }
      compiling = 0;
    }

    mp_obj_t main = load_module(call, entry);
    if (main == MP_OBJ_NULL) {
      nlr_pop();
      mp_globals_set(saved_globals);
      mp_locals_set(saved_locals);
      result->status = EVM_MISSING_FUNCTION;
      char message[512];
      snprintf(message, sizeof(message), "%s defines no callable event_handler_main",
               call->script_path);
      result->detail = copy_string(message, strlen(message));
      return;
    }

    // mp_obj_new_str would also look the whole input up among the interned strings. That costs
    // more than the rest of a small call, and an input is never interned.
    if (!utf8_check((const byte*)call->input, call->input_length)) {
      mp_raise_msg(&mp_type_UnicodeError, MP_ERROR_TEXT("the input is not valid UTF-8"));
    }
    mp_obj_t input =
        mp_obj_new_str_copy(&mp_type_str, (const byte*)call->input, call->input_length);
    mp_obj_t output = mp_call_function_1(main, input);
    nlr_pop();

    if (mp_obj_is_str(output)) {
      size_t length = 0;
      const char* data = mp_obj_str_get_data(output, &length);
      result->output = copy_string(data, length);
      result->output_length = length;
    } else {
      result->status = EVM_OUTPUT_NOT_STRING;
      const char* name = mp_obj_get_type_str(output);
      char message[256];
      snprintf(message, sizeof(message),
               "event_handler_main returned a value of type %s, expected a str", name);
      result->detail = copy_string(message, strlen(message));
    }
  } else {
    mp_obj_t exception = MP_OBJ_FROM_PTR(nlr.ret_val);
    if (mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(mp_obj_get_type(exception)),
                                MP_OBJ_FROM_PTR(&mp_type_KeyboardInterrupt))) {
      // The watchdog's interrupt, or a KeyboardInterrupt that the script raised itself: the
      // caller tells them apart.
      result->status = EVM_INTERRUPTED;
      describe_exception(exception, result);
    } else if (compiling) {
      result->status = EVM_FAILED_TO_COMPILE;
      describe_compile_error(exception, result);
    } else {
      result->status = EVM_EXCEPTION;
      describe_exception(exception, result);
    }
  }
  mp_globals_set(saved_globals);
  mp_locals_set(saved_locals);
}
