# perry_generate_signatures(<target> [PACKAGE_DIR <dir>])
#
# Generates perry_signatures.h from the binding's package.json (`perry native header`) into
# <current binary dir>/perry-generated, before <target> compiles and again whenever package.json
# (or perry) changes, and puts it on <target>'s include path. The binding's sources include
# "perry_signatures.h": one prototype per manifest function with the type table's C types, so a
# definition whose signature differs from the manifest does not compile. The header is left
# untouched when its text is the same, so nothing recompiles needlessly. docs/cli/header.md.
#
# The perry that runs is PERRY_EXECUTABLE: the one PerryFFIConfig.cmake sets (the perry of this
# runtime), a value given with -DPERRY_EXECUTABLE=..., else `perry` on PATH.
function(perry_generate_signatures target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PACKAGE_DIR" "")
  if(NOT arg_PACKAGE_DIR)
    set(arg_PACKAGE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  if(NOT PERRY_EXECUTABLE)
    find_program(PERRY_EXECUTABLE perry)
  endif()
  if(NOT PERRY_EXECUTABLE)
    message(FATAL_ERROR "perry not found: it generates perry_signatures.h from package.json. Put "
                        "perry's bin directory on PATH, or configure with "
                        "-DPERRY_EXECUTABLE=/path/to/perry")
  endif()
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/perry-generated)
  add_custom_command(
    OUTPUT ${generated}/perry_signatures.h
    COMMAND ${CMAKE_COMMAND} -E make_directory ${generated}
    COMMAND ${PERRY_EXECUTABLE} native header ${arg_PACKAGE_DIR}
            --out ${generated}/perry_signatures.h
    DEPENDS ${arg_PACKAGE_DIR}/package.json ${PERRY_EXECUTABLE}
    COMMENT "perry native header: the prototypes of package.json's functions"
    VERBATIM)
  target_sources(${target} PRIVATE ${generated}/perry_signatures.h)
  target_include_directories(${target} PRIVATE ${generated})
endfunction()
