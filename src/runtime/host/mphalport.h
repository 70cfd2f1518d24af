// Hardware abstraction declarations of eventmgr's script host, included by MicroPython's
// py/mphal.h. The functions themselves are in hal.c.
#pragma once

#include <stdint.h>

// Define so there's no dependency on extmod/virtpin.h (as in the embed port's own mphalport.h).
#define mp_hal_pin_obj_t

// micropython.kbd_intr() is accepted and ignored: scripts have no terminal.
static inline void mp_hal_set_interrupt_char(int c) { (void)c; }
