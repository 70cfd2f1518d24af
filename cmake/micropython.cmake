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
