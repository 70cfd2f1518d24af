// open() and the os module for scripts. Every path is resolved against the script directory and
// rejected with OSError(EACCES) when it leaves it, lexically ("..") or through a symbolic link.
#include "runtime/host/sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "py/mperrno.h"
#include "py/objlist.h"
#include "py/objstr.h"
#include "py/runtime.h"
#include "py/stream.h"

// Files opened by the running call, closed by evm_sandbox_end().
MP_REGISTER_ROOT_POINTER(mp_obj_t eventmgr_open_files);

static char sandbox_dir[PATH_MAX];
static size_t sandbox_dir_length;

// The directory of the previous call, as requested and as identified by the file system, so
// that calls in the same directory need one stat() instead of realpath() and chdir().
static char requested_dir[PATH_MAX];
static dev_t requested_device;
static ino_t requested_inode;

int evm_sandbox_begin(const char* script_dir) {
  MP_STATE_VM(eventmgr_open_files) = MP_OBJ_NULL;
  struct stat info;
  if (stat(script_dir, &info) != 0) {
    return -1;
  }
  if (strcmp(script_dir, requested_dir) == 0 && info.st_dev == requested_device &&
      info.st_ino == requested_inode) {
    return 0;
  }
  char resolved[PATH_MAX];
  if (realpath(script_dir, resolved) == NULL || chdir(resolved) != 0) {
    requested_dir[0] = '\0';
    return -1;
  }
  strcpy(sandbox_dir, resolved);
  sandbox_dir_length = strlen(resolved);
  snprintf(requested_dir, sizeof(requested_dir), "%s", script_dir);
  requested_device = info.st_dev;
  requested_inode = info.st_ino;
  return 0;
}

static int is_inside(const char* path) {
  if (strncmp(path, sandbox_dir, sandbox_dir_length) != 0) {
    return 0;
  }
  return path[sandbox_dir_length] == '\0' || path[sandbox_dir_length] == '/' ||
         sandbox_dir_length == 1;
}

// Raises OSError(EACCES, "<path> is outside the script directory <dir>").
static NORETURN void raise_outside(const char* path) {
  char message[PATH_MAX * 2 + 64];
  snprintf(message, sizeof(message), "%s is outside the script directory %s", path, sandbox_dir);
  mp_obj_t args[2] = {
      MP_OBJ_NEW_SMALL_INT(MP_EACCES),
      mp_obj_new_str_from_cstr(message),
  };
  nlr_raise(mp_obj_new_exception_args(&mp_type_OSError, 2, args));
}

// Returns PATH as an absolute, normalised path inside the script directory, in a buffer of
// PATH_MAX bytes. Raises OSError(EACCES) for a path outside it.
static const char* confine(mp_obj_t path_in, char* out) {
  const char* path = mp_obj_str_get_str(path_in);
  char joined[PATH_MAX * 2];
  if (path[0] == '/') {
    snprintf(joined, sizeof(joined), "%s", path);
  } else {
    snprintf(joined, sizeof(joined), "%s/%s", sandbox_dir, path);
  }

  // Lexical normalisation: drop "." and empty components, let ".." remove the previous one.
  size_t length = 0;
  out[0] = '\0';
  char* save = NULL;
  for (char* part = strtok_r(joined, "/", &save); part != NULL; part = strtok_r(NULL, "/", &save)) {
    if (strcmp(part, ".") == 0) {
      continue;
    }
    if (strcmp(part, "..") == 0) {
      while (length > 0 && out[length - 1] != '/') {
        length--;
      }
      if (length > 0) {
        length--;
      }
      out[length] = '\0';
      continue;
    }
    size_t part_length = strlen(part);
    if (length + 1 + part_length >= PATH_MAX) {
      mp_raise_OSError(ENAMETOOLONG);
    }
    out[length++] = '/';
    memcpy(out + length, part, part_length);
    length += part_length;
    out[length] = '\0';
  }
  if (length == 0) {
    strcpy(out, "/");
  }
  if (!is_inside(out)) {
    raise_outside(path);
  }

  // Symbolic links: the existing part of the path must resolve inside the directory too.
  char resolved[PATH_MAX];
  if (realpath(out, resolved) != NULL) {
    if (!is_inside(resolved)) {
      raise_outside(path);
    }
  } else {
    char parent[PATH_MAX];
    strcpy(parent, out);
    char* slash = strrchr(parent, '/');
    if (slash != NULL && slash != parent) {
      *slash = '\0';
      if (realpath(parent, resolved) != NULL && !is_inside(resolved)) {
        raise_outside(path);
      }
    }
  }
  return out;
}

// ---- file objects --------------------------------------------------------------------------

typedef struct {
  mp_obj_base_t base;
  int fd;
} script_file_t;

static void check_open(const script_file_t* file) {
  if (file->fd < 0) {
    mp_raise_ValueError(MP_ERROR_TEXT("I/O operation on closed file"));
  }
}

static void file_print(const mp_print_t* print, mp_obj_t self_in, mp_print_kind_t kind) {
  (void)kind;
  script_file_t* self = MP_OBJ_TO_PTR(self_in);
  mp_printf(print, "<io.%s %d>", mp_obj_get_type_str(self_in), self->fd);
}

static mp_uint_t file_read(mp_obj_t self_in, void* buf, mp_uint_t size, int* errcode) {
  script_file_t* self = MP_OBJ_TO_PTR(self_in);
  check_open(self);
  ssize_t got;
  do {
    got = read(self->fd, buf, size);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    *errcode = errno;
    return MP_STREAM_ERROR;
  }
  return (mp_uint_t)got;
}

static mp_uint_t file_write(mp_obj_t self_in, const void* buf, mp_uint_t size, int* errcode) {
  script_file_t* self = MP_OBJ_TO_PTR(self_in);
  check_open(self);
  ssize_t written;
  do {
    written = write(self->fd, buf, size);
  } while (written < 0 && errno == EINTR);
  if (written < 0) {
    *errcode = errno;
    return MP_STREAM_ERROR;
  }
  return (mp_uint_t)written;
}

static mp_uint_t file_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int* errcode) {
  script_file_t* self = MP_OBJ_TO_PTR(self_in);
  if (request != MP_STREAM_CLOSE) {
    check_open(self);
  }
  switch (request) {
    case MP_STREAM_FLUSH:
      return 0;
    case MP_STREAM_SEEK: {
      struct mp_stream_seek_t* seek = (struct mp_stream_seek_t*)arg;
      off_t offset = lseek(self->fd, seek->offset, seek->whence);
      if (offset == (off_t)-1) {
        *errcode = errno;
        return MP_STREAM_ERROR;
      }
      seek->offset = offset;
      return 0;
    }
    case MP_STREAM_CLOSE:
      if (self->fd >= 0) {
        close(self->fd);
      }
      self->fd = -1;
      return 0;
    default:
      *errcode = MP_EINVAL;
      return MP_STREAM_ERROR;
  }
}

static const mp_rom_map_elem_t file_locals_table[] = {
    {MP_ROM_QSTR(MP_QSTR_read), MP_ROM_PTR(&mp_stream_read_obj)},
    {MP_ROM_QSTR(MP_QSTR_readinto), MP_ROM_PTR(&mp_stream_readinto_obj)},
    {MP_ROM_QSTR(MP_QSTR_readline), MP_ROM_PTR(&mp_stream_unbuffered_readline_obj)},
    {MP_ROM_QSTR(MP_QSTR_readlines), MP_ROM_PTR(&mp_stream_unbuffered_readlines_obj)},
    {MP_ROM_QSTR(MP_QSTR_write), MP_ROM_PTR(&mp_stream_write_obj)},
    {MP_ROM_QSTR(MP_QSTR_seek), MP_ROM_PTR(&mp_stream_seek_obj)},
    {MP_ROM_QSTR(MP_QSTR_tell), MP_ROM_PTR(&mp_stream_tell_obj)},
    {MP_ROM_QSTR(MP_QSTR_flush), MP_ROM_PTR(&mp_stream_flush_obj)},
    {MP_ROM_QSTR(MP_QSTR_close), MP_ROM_PTR(&mp_stream_close_obj)},
    {MP_ROM_QSTR(MP_QSTR___del__), MP_ROM_PTR(&mp_stream_close_obj)},
    {MP_ROM_QSTR(MP_QSTR___enter__), MP_ROM_PTR(&mp_identity_obj)},
    {MP_ROM_QSTR(MP_QSTR___exit__), MP_ROM_PTR(&mp_stream___exit___obj)},
};
static MP_DEFINE_CONST_DICT(file_locals, file_locals_table);

static const mp_stream_p_t fileio_stream = {
    .read = file_read,
    .write = file_write,
    .ioctl = file_ioctl,
};

static const mp_stream_p_t textio_stream = {
    .read = file_read,
    .write = file_write,
    .ioctl = file_ioctl,
    .is_text = true,
};

static MP_DEFINE_CONST_OBJ_TYPE(script_fileio_type, MP_QSTR_FileIO, MP_TYPE_FLAG_ITER_IS_STREAM,
                                print, file_print, protocol, &fileio_stream, locals_dict,
                                &file_locals);

static MP_DEFINE_CONST_OBJ_TYPE(script_textio_type, MP_QSTR_TextIOWrapper,
                                MP_TYPE_FLAG_ITER_IS_STREAM, print, file_print, protocol,
                                &textio_stream, locals_dict, &file_locals);

// open(file, mode="r", ...): the file must be inside the script directory.
static mp_obj_t builtin_open(size_t n_args, const mp_obj_t* args, mp_map_t* kw_args) {
  enum { ARG_file, ARG_mode, ARG_buffering, ARG_encoding };
  static const mp_arg_t allowed[] = {
      {MP_QSTR_file, MP_ARG_OBJ | MP_ARG_REQUIRED, {.u_rom_obj = MP_ROM_NONE}},
      {MP_QSTR_mode, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_QSTR(MP_QSTR_r)}},
      {MP_QSTR_buffering, MP_ARG_INT, {.u_int = -1}},
      {MP_QSTR_encoding, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
  };
  mp_arg_val_t values[MP_ARRAY_SIZE(allowed)];
  mp_arg_parse_all(n_args, args, kw_args, MP_ARRAY_SIZE(allowed), allowed, values);

  const mp_obj_type_t* type = &script_textio_type;
  int access = O_RDONLY;
  int create = 0;
  for (const char* mode = mp_obj_str_get_str(values[ARG_mode].u_obj); *mode; mode++) {
    switch (*mode) {
      case 'r':
        access = O_RDONLY;
        break;
      case 'w':
        access = O_WRONLY;
        create = O_CREAT | O_TRUNC;
        break;
      case 'a':
        access = O_WRONLY;
        create = O_CREAT | O_APPEND;
        break;
      case 'x':
        access = O_WRONLY;
        create = O_CREAT | O_EXCL;
        break;
      case '+':
        access = O_RDWR;
        break;
      case 'b':
        type = &script_fileio_type;
        break;
      case 't':
        type = &script_textio_type;
        break;
      default:
        mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("invalid mode: '%s'"),
                          mp_obj_str_get_str(values[ARG_mode].u_obj));
    }
  }

  char path[PATH_MAX];
  confine(values[ARG_file].u_obj, path);
  script_file_t* file = mp_obj_malloc_with_finaliser(script_file_t, type);
  file->fd = -1;
  int fd;
  do {
    fd = open(path, access | create | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    mp_raise_OSError_with_filename(errno, mp_obj_str_get_str(values[ARG_file].u_obj));
  }
  file->fd = fd;

  if (MP_STATE_VM(eventmgr_open_files) == MP_OBJ_NULL) {
    MP_STATE_VM(eventmgr_open_files) = mp_obj_new_list(0, NULL);
  }
  mp_obj_list_append(MP_STATE_VM(eventmgr_open_files), MP_OBJ_FROM_PTR(file));
  return MP_OBJ_FROM_PTR(file);
}
MP_DEFINE_CONST_FUN_OBJ_KW(mp_builtin_open_obj, 1, builtin_open);

void evm_sandbox_end(void) {
  mp_obj_t files = MP_STATE_VM(eventmgr_open_files);
  if (files == MP_OBJ_NULL) {
    return;
  }
  size_t count;
  mp_obj_t* items;
  mp_obj_list_get(files, &count, &items);
  for (size_t i = 0; i < count; i++) {
    script_file_t* file = MP_OBJ_TO_PTR(items[i]);
    if (file->fd >= 0) {
      close(file->fd);
      file->fd = -1;
    }
  }
  MP_STATE_VM(eventmgr_open_files) = MP_OBJ_NULL;
}

// ---- os module ------------------------------------------------------------------------------

static NORETURN void raise_errno(int error, mp_obj_t path) {
  mp_raise_OSError_with_filename(error, mp_obj_str_get_str(path));
}

static mp_obj_t os_getenv(size_t n_args, const mp_obj_t* args) {
  const char* value = getenv(mp_obj_str_get_str(args[0]));
  if (value == NULL) {
    return n_args > 1 ? args[1] : mp_const_none;
  }
  return mp_obj_new_str_from_cstr(value);
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(os_getenv_obj, 1, 2, os_getenv);

static mp_obj_t os_getcwd(void) {
  return mp_obj_new_str(sandbox_dir, sandbox_dir_length);
}
static MP_DEFINE_CONST_FUN_OBJ_0(os_getcwd_obj, os_getcwd);

static mp_obj_t os_listdir(size_t n_args, const mp_obj_t* args) {
  mp_obj_t path_in = n_args > 0 ? args[0] : mp_obj_new_str(".", 1);
  char path[PATH_MAX];
  confine(path_in, path);
  DIR* dir = opendir(path);
  if (dir == NULL) {
    raise_errno(errno, path_in);
  }
  mp_obj_t names = mp_obj_new_list(0, NULL);
  struct dirent* entry;
  while ((entry = readdir(dir)) != NULL) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) {
      continue;
    }
    mp_obj_list_append(names, mp_obj_new_str_from_cstr(entry->d_name));
  }
  closedir(dir);
  return names;
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(os_listdir_obj, 0, 1, os_listdir);

static mp_obj_t os_stat(mp_obj_t path_in) {
  char path[PATH_MAX];
  confine(path_in, path);
  struct stat info;
  if (stat(path, &info) != 0) {
    raise_errno(errno, path_in);
  }
  mp_obj_t fields[10] = {
      mp_obj_new_int_from_uint(info.st_mode), mp_obj_new_int_from_uint(info.st_ino),
      mp_obj_new_int_from_uint(info.st_dev),  mp_obj_new_int_from_uint(info.st_nlink),
      mp_obj_new_int_from_uint(info.st_uid),  mp_obj_new_int_from_uint(info.st_gid),
      mp_obj_new_int_from_ull(info.st_size),  mp_obj_new_int_from_ll(info.st_atime),
      mp_obj_new_int_from_ll(info.st_mtime),  mp_obj_new_int_from_ll(info.st_ctime),
  };
  return mp_obj_new_tuple(10, fields);
}
static MP_DEFINE_CONST_FUN_OBJ_1(os_stat_obj, os_stat);

static mp_obj_t os_remove(mp_obj_t path_in) {
  char path[PATH_MAX];
  confine(path_in, path);
  if (unlink(path) != 0) {
    raise_errno(errno, path_in);
  }
  return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(os_remove_obj, os_remove);

static mp_obj_t os_rename(mp_obj_t from_in, mp_obj_t to_in) {
  char from[PATH_MAX];
  char to[PATH_MAX];
  confine(from_in, from);
  confine(to_in, to);
  if (rename(from, to) != 0) {
    raise_errno(errno, from_in);
  }
  return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_2(os_rename_obj, os_rename);

static MP_DEFINE_STR_OBJ(os_sep_obj, "/");

static const mp_rom_map_elem_t os_globals_table[] = {
    {MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_os)},
    {MP_ROM_QSTR(MP_QSTR_sep), MP_ROM_PTR(&os_sep_obj)},
    {MP_ROM_QSTR(MP_QSTR_getenv), MP_ROM_PTR(&os_getenv_obj)},
    {MP_ROM_QSTR(MP_QSTR_getcwd), MP_ROM_PTR(&os_getcwd_obj)},
    {MP_ROM_QSTR(MP_QSTR_listdir), MP_ROM_PTR(&os_listdir_obj)},
    {MP_ROM_QSTR(MP_QSTR_stat), MP_ROM_PTR(&os_stat_obj)},
    {MP_ROM_QSTR(MP_QSTR_remove), MP_ROM_PTR(&os_remove_obj)},
    {MP_ROM_QSTR(MP_QSTR_rename), MP_ROM_PTR(&os_rename_obj)},
};
static MP_DEFINE_CONST_DICT(os_globals, os_globals_table);

const mp_obj_module_t eventmgr_os_module = {
    .base = {&mp_type_module},
    .globals = (mp_obj_dict_t*)&os_globals,
};

MP_REGISTER_EXTENSIBLE_MODULE(MP_QSTR_os, eventmgr_os_module);
