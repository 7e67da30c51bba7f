# Third-party packages of the tool layers (resolver, linker, cli). The runtime needs none of them.
#
# `perry` is a short-lived command (`perry native symbols`, `validate --no-build` take a few ms of
# work), so what it costs to start matters. Every C++ shared library it loads costs start-up time:
# the dynamic loader binds the symbols of libstdc++.so and of each library built on it one by one
# (measured: ~2 ms for libstdc++ alone, ~3-5 ms for Debian's libspdlog, libfmt and libtomlplusplus
# together). The C++ libraries are therefore used in their header-only forms and the LLVM support
# libraries are linked from their static archives, so `perry` loads only libc and libm
# (docs/design-notes.md, "perry starts like a C program").
find_package(nlohmann_json 3.11 REQUIRED)
find_package(LibArchive REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)

# toml++: Debian's config file imports the shared library (TOML_HEADER_ONLY=0). It defines its
# target only when none exists, so defining a header-only one first keeps the name every
# CMakeLists uses; find_package still checks that toml++ 3.x is installed.
find_path(PERRY_TOMLPLUSPLUS_INCLUDE_DIR toml++/toml.h REQUIRED)
add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
set_target_properties(tomlplusplus::tomlplusplus PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${PERRY_TOMLPLUSPLUS_INCLUDE_DIR}"
  INTERFACE_COMPILE_DEFINITIONS "TOML_HEADER_ONLY=1")
find_package(tomlplusplus 3 REQUIRED)

# spdlog over fmt, both header-only. Debian's spdlog::spdlog_header_only still links the shared
# libfmt; point it at fmt's header-only target instead.
find_package(spdlog REQUIRED)
set_property(TARGET spdlog::spdlog_header_only
             PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads fmt::fmt-header-only)

find_package(LLVM 14 REQUIRED CONFIG)
# LLVMSupport needs zlib (compressed sections) and terminfo (colour detection); LLVM's config file
# imports them as ZLIB::ZLIB and Terminfo::terminfo. Pointing those at the static archives keeps
# two more shared libraries out of `perry` (Debian builds both position independent, so the PIE
# test executables link them too). The imported targets are changed rather than the cache
# variables that found them, so a build directory configured before this change follows too.
function(perry_link_statically target archive)
  if(NOT TARGET ${target})
    return()
  endif()
  find_library(PERRY_STATIC_${target} NAMES ${archive} REQUIRED)
  set_target_properties(${target} PROPERTIES IMPORTED_LOCATION "${PERRY_STATIC_${target}}")
  get_target_property(configurations ${target} IMPORTED_CONFIGURATIONS)
  if(configurations)
    foreach(configuration IN LISTS configurations)
      set_target_properties(${target} PROPERTIES
        IMPORTED_LOCATION_${configuration} "${PERRY_STATIC_${target}}")
    endforeach()
  endif()
endfunction()
perry_link_statically(ZLIB::ZLIB libz.a)
perry_link_statically(Terminfo::terminfo libtinfo.a)
