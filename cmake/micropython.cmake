# Fetches MicroPython's source (Debian's source package, hash-checked by the script) at configure
# time and unpacks it into the build tree. Sets MICROPYTHON_SOURCE_DIR. Nothing is committed:
# the tarball lives in EVENTMGR_CACHE_DIR and the sources under the build folder.

execute_process(
  COMMAND "${PROJECT_SOURCE_DIR}/scripts/fetch-micropython.sh" "${EVENTMGR_CACHE_DIR}"
  OUTPUT_VARIABLE MICROPYTHON_TARBALL
  OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE fetch_result)
if(NOT fetch_result EQUAL 0)
  message(FATAL_ERROR "Fetching MicroPython's source failed (see the messages above). "
                      "The build needs Debian's micropython 1.25.0+ds-1 source package.")
endif()

set(MICROPYTHON_SOURCE_DIR "${CMAKE_BINARY_DIR}/_deps/micropython-1.25.0")
set(micropython_stamp "${CMAKE_BINARY_DIR}/_deps/micropython.unpacked")
if(NOT EXISTS "${micropython_stamp}")
  file(REMOVE_RECURSE "${MICROPYTHON_SOURCE_DIR}")
  file(ARCHIVE_EXTRACT INPUT "${MICROPYTHON_TARBALL}" DESTINATION "${CMAKE_BINARY_DIR}/_deps")
  if(NOT EXISTS "${MICROPYTHON_SOURCE_DIR}/py/mpconfig.h")
    message(FATAL_ERROR "${MICROPYTHON_TARBALL} did not unpack to ${MICROPYTHON_SOURCE_DIR}")
  endif()
  file(TOUCH "${micropython_stamp}")
endif()
message(STATUS "MicroPython source: ${MICROPYTHON_SOURCE_DIR}")

# ---- The embed port, built into the static library micropython_embed -------------------------
#
# MicroPython's embed makefile (ports/embed/embed.mk) generates the qstr, module and
# root-pointer headers and copies py/ into a "micropython_embed" package. It runs in the build
# folder with the host's mpconfigport.h. The package, the extmod modules that the host enables
# and the host's own C files then compile into one static library. MicroPython's code is
# compiled with its own flags, not with the project's warning set.

set(MICROPYTHON_EMBED_DIR "${CMAKE_BINARY_DIR}/micropython-embed")
set(MICROPYTHON_PACKAGE_DIR "${MICROPYTHON_EMBED_DIR}/micropython_embed")
set(EVENTMGR_HOST_DIR "${PROJECT_SOURCE_DIR}/src/runtime/host")
file(MAKE_DIRECTORY "${MICROPYTHON_EMBED_DIR}")

# Modules from extmod/ and shared/ that the host's mpconfigport.h enables.
set(micropython_extra_sources
  extmod/modbinascii.c
  extmod/modhashlib.c
  extmod/modheapq.c
  extmod/modjson.c
  extmod/modrandom.c
  extmod/modre.c
  extmod/modtime.c
  shared/runtime/sys_stdio_mphal.c
  shared/timeutils/timeutils.c)
# The host's C files: the port layer and the confined os module and open().
set(eventmgr_host_c_sources
  "${EVENTMGR_HOST_DIR}/hal.c"
  "${EVENTMGR_HOST_DIR}/sandbox.c"
  "${EVENTMGR_HOST_DIR}/vm.c")

file(GLOB micropython_py_files RELATIVE "${MICROPYTHON_SOURCE_DIR}/py" "${MICROPYTHON_SOURCE_DIR}/py/*.c")
set(micropython_package_sources "${MICROPYTHON_PACKAGE_DIR}/shared/runtime/gchelper_generic.c")
foreach(name IN LISTS micropython_py_files)
  list(APPEND micropython_package_sources "${MICROPYTHON_PACKAGE_DIR}/py/${name}")
endforeach()
set(micropython_generated_headers
  "${MICROPYTHON_PACKAGE_DIR}/genhdr/moduledefs.h"
  "${MICROPYTHON_PACKAGE_DIR}/genhdr/mpversion.h"
  "${MICROPYTHON_PACKAGE_DIR}/genhdr/qstrdefs.generated.h"
  "${MICROPYTHON_PACKAGE_DIR}/genhdr/root_pointers.h")

list(JOIN micropython_extra_sources " " micropython_qstr_sources)
list(JOIN eventmgr_host_c_sources " " eventmgr_qstr_sources)
find_program(MAKE_PROGRAM NAMES make gmake REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_custom_command(
  OUTPUT ${micropython_package_sources} ${micropython_generated_headers}
  COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${EVENTMGR_HOST_DIR}/mpconfigport.h"
          "${MICROPYTHON_EMBED_DIR}/mpconfigport.h"
  COMMAND "${MAKE_PROGRAM}" -s -f "${EVENTMGR_HOST_DIR}/micropython_embed.mk"
          "MICROPYTHON_TOP=${MICROPYTHON_SOURCE_DIR}"
          "PYTHON=${Python3_EXECUTABLE}"
          "EVENTMGR_CFLAGS=-I${PROJECT_SOURCE_DIR}/src -D_GNU_SOURCE"
          "EVENTMGR_QSTR_SRC=${micropython_qstr_sources} ${eventmgr_qstr_sources}"
  WORKING_DIRECTORY "${MICROPYTHON_EMBED_DIR}"
  DEPENDS "${EVENTMGR_HOST_DIR}/mpconfigport.h" "${EVENTMGR_HOST_DIR}/mphalport.h"
          "${EVENTMGR_HOST_DIR}/time_port.h" "${EVENTMGR_HOST_DIR}/micropython_embed.mk"
          ${eventmgr_host_c_sources}
  COMMENT "Generating MicroPython's embed package"
  VERBATIM)

list(TRANSFORM micropython_extra_sources PREPEND "${MICROPYTHON_SOURCE_DIR}/")
add_library(micropython_embed STATIC
  ${micropython_package_sources} ${micropython_extra_sources} ${eventmgr_host_c_sources})
set_target_properties(micropython_embed PROPERTIES C_STANDARD 99 C_EXTENSIONS ON)
target_include_directories(micropython_embed PUBLIC
  "${MICROPYTHON_EMBED_DIR}" "${MICROPYTHON_PACKAGE_DIR}" "${MICROPYTHON_SOURCE_DIR}"
  "${PROJECT_SOURCE_DIR}/src")
target_compile_definitions(micropython_embed PRIVATE _GNU_SOURCE)
target_compile_options(micropython_embed PRIVATE -fno-common -Wno-unused-parameter)
# MicroPython's garbage collector reads the whole C stack word by word, redzones included, which
# instrumented code may not do. So this library is built without sanitizers, also in the
# sanitizer build (make asan), where the runtime tests pass this way.
target_compile_options(micropython_embed PRIVATE -fno-sanitize=all)
