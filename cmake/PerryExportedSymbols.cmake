# Checks (MODE=check) or rewrites (MODE=update) the checked-in list of symbols libperry_ffi.a
# exports. Run as a script:
#   cmake -DMODE=check|update -DREADELF=<readelf> -DARCHIVE=<libperry_ffi.a> -DLIST=<file> -P ...
#
# The exported symbols are the archive's defined global functions and objects with default
# visibility whose name starts with `perry_` (the library is built with hidden visibility; the
# public functions carry PERRY_API). `check` fails when
#   - a listed symbol is no longer exported (removing one needs a major version bump),
#   - an exported perry_ symbol is missing from the list (regenerate the list), or
#   - the archive defines a global outside the runtime's prefixes: C `perry_`/`perry__`, C++
#     namespace `perry` (a member function of a public `Perry*` type is such a global: it
#     would clash with a binding that defines the same type's members). Weak definitions
#     of the C++ standard library's templates and the DWARF exception-handling references
#     (DW.ref.*: the personality routine, caught types) are allowed: every
#     C++ object file has them and the linker merges them.
cmake_minimum_required(VERSION 3.20)

foreach(var MODE READELF ARCHIVE LIST)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "PerryExportedSymbols: -D${var}=... is required")
  endif()
endforeach()

execute_process(COMMAND ${READELF} -sW ${ARCHIVE} OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} -sW ${ARCHIVE} failed (${rc})")
endif()
string(REPLACE "\n" ";" lines "${table}")

set(exported "")
set(foreign "")
foreach(line IN LISTS lines)
  # Num: Value Size Type Bind Vis Ndx Name
  if(NOT line MATCHES "^ *[0-9]+: +[0-9a-f]+ +[0-9]+ +([A-Z_]+) +(GLOBAL|WEAK|UNIQUE) +([A-Z_]+) +([A-Z0-9]+) +([^ ]+)$")
    continue()
  endif()
  set(type ${CMAKE_MATCH_1})
  set(bind ${CMAKE_MATCH_2})
  set(vis ${CMAKE_MATCH_3})
  set(ndx ${CMAKE_MATCH_4})
  set(name ${CMAKE_MATCH_5})
  if(ndx STREQUAL "UND")
    continue()
  endif()
  if(name MATCHES "^perry_" AND NOT name MATCHES "^perry__")
    if(vis STREQUAL "DEFAULT" AND bind STREQUAL "GLOBAL")
      list(APPEND exported ${name})
    endif()
  elseif(name MATCHES "^perry__")
  elseif(name MATCHES "^_Z(N|NK|ZN|GVN|THN|TWN|TVN|TIN|TSN)5perry")
  elseif(bind STREQUAL "WEAK" AND name MATCHES "^(_ZN?K?St|_ZN9__gnu_cxx|DW\\.ref\\.)")
  else()
    list(APPEND foreign "${name} (${bind} ${type})")
  endif()
endforeach()
list(REMOVE_DUPLICATES exported)
list(SORT exported)

if(MODE STREQUAL "update")
  string(REPLACE ";" "\n" body "${exported}")
  file(WRITE ${LIST}
       "# Symbols libperry_ffi.a exports, sorted. Checked by the test ffi_exported_symbols.\n"
       "# Regenerate: cmake --build build --target update-exported-symbols\n"
       "${body}\n")
  list(LENGTH exported count)
  message(STATUS "wrote ${count} symbols to ${LIST}")
  return()
endif()

file(STRINGS ${LIST} listed REGEX "^[^#]")
set(problems "")
foreach(name IN LISTS listed)
  if(NOT name IN_LIST exported)
    string(APPEND problems "  no longer exported: ${name} (removing a symbol needs a major version bump)\n")
  endif()
endforeach()
foreach(name IN LISTS exported)
  if(NOT name IN_LIST listed)
    string(APPEND problems "  exported but not listed: ${name} (run: cmake --build build --target update-exported-symbols)\n")
  endif()
endforeach()
foreach(entry IN LISTS foreign)
  string(APPEND problems "  defined outside the perry_/perry__/namespace perry prefixes: ${entry}\n")
endforeach()
if(problems)
  message(FATAL_ERROR "exported symbols of ${ARCHIVE} do not match ${LIST}:\n${problems}")
endif()
list(LENGTH exported count)
message(STATUS "${count} exported symbols match ${LIST}; no foreign globals")
