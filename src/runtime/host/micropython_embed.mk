# Generates MicroPython's headers (qstrs, module table, root pointers, version) and the embed
# package (a copy of py/ plus the generated headers) with the embed port's own makefile.
# cmake/micropython.cmake runs it in the build folder with these variables set:
#   MICROPYTHON_TOP     unpacked MicroPython source tree
#   EVENTMGR_CFLAGS     include folders of the host's mpconfigport.h and of src/
#   EVENTMGR_QSTR_SRC   extra C files (extmod modules, the host's own modules) whose qstrs,
#                       MP_REGISTER_MODULE and MP_REGISTER_ROOT_POINTER entries are collected
CFLAGS += $(EVENTMGR_CFLAGS)
SRC_QSTR += $(EVENTMGR_QSTR_SRC)

include $(MICROPYTHON_TOP)/ports/embed/embed.mk
