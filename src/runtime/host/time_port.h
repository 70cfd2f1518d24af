// Port part of MicroPython's time module, included by extmod/modtime.c. time.time() and
// time.localtime() read the host clock of hal.c, which is virtual when the request sets a
// virtual time.
#include <time.h>

#include "py/obj.h"
#include "shared/timeutils/timeutils.h"

static mp_obj_t mp_time_time_get(void) {
  return mp_obj_new_float((mp_float_t)mp_hal_time_ns() / 1e9);
}

// Local time is UTC, because the host reads no time zone data.
static mp_obj_t mp_time_localtime_get(void) {
  timeutils_struct_time_t tm;
  timeutils_seconds_since_epoch_to_struct_time((mp_uint_t)(mp_hal_time_ns() / 1000000000u), &tm);
  mp_obj_t tuple[8] = {
      mp_obj_new_int(tm.tm_year), mp_obj_new_int(tm.tm_mon),  mp_obj_new_int(tm.tm_mday),
      mp_obj_new_int(tm.tm_hour), mp_obj_new_int(tm.tm_min),  mp_obj_new_int(tm.tm_sec),
      mp_obj_new_int(tm.tm_wday), mp_obj_new_int(tm.tm_yday),
  };
  return mp_obj_new_tuple(8, tuple);
}
