# CPack: `cpack` in a build directory writes perry-native_<version>_<arch>.deb and
# perry-native-<version>-Linux.tar.gz, both holding exactly what `cmake --install` installs
# (docs/install.md). Tests and benchmarks define no install rules, so nothing of theirs is packed.
#
# The .deb installs under /usr; its library directory is the configure's CMAKE_INSTALL_LIBDIR
# (GNUInstallDirs: lib/<multiarch> when the build was configured with CMAKE_INSTALL_PREFIX=/usr,
# lib otherwise; find_package and pkg-config search both). The .tar.gz is a relocatable prefix
# under one top folder: unpack it anywhere and use <folder>/bin/perry.
set(PERRY_PACKAGE_MAINTAINER "perry-native maintainers <perry-native@localhost>"
    CACHE STRING "The Maintainer field of the .deb (and the CPack contact)")

set(CPACK_PACKAGE_NAME perry-native)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "perry-native")
set(CPACK_PACKAGE_CONTACT "${PERRY_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Toolchain for Perry's native bindings: the perry CLI, the runtime and its C ABI")
set(CPACK_PACKAGE_DESCRIPTION
    "perry-native builds, checks and links native bindings of Perry programs (TypeScript compiled
to native executables). It ships the `perry` command (perry native init, validate, resolve,
symbols, link, run), the runtime libperry_ffi.a with its C ABI header perry/ffi.h and C++ layer
perry/ffi.hpp, the run harness libperry_run_host.a, a CMake package (find_package(PerryFFI)), a
pkg-config file (perry-ffi), the scaffold templates, the manifest JSON schema, the well-known
bindings table, the perry-ffi Rust crates and the bundled example bindings.")
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB TGZ)
# `perry` is linked with its debug information (RelWithDebInfo): the packages carry it stripped.
# Static libraries are never stripped by CPack (their symbol table is their use).
set(CPACK_STRIP_FILES ON)

# .tar.gz: one top folder, relocatable.
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)

# .deb
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PERRY_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# What a binding's build needs (CMake and Ninja for C/C++ bindings, a C++ compiler to link the
# runtime, pkg-config for `pkgConfig` entries, cargo for Rust bindings). `perry` runs without
# them; `perry native validate --no-build`, `list`, `resolve` and `symbols` need none.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cmake, ninja-build, g++, pkg-config, cargo")
# `perry` loads libc, libm and libsimdjson (libstdc++ and libgcc are linked in; simdjson's own
# package brings them for itself); dpkg-shlibdeps turns that into the Depends line. Without it
# (dpkg-dev missing), the line it writes on Debian 12 is written by hand.
find_program(PERRY_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(PERRY_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(STATUS "dpkg-shlibdeps not found (Debian package dpkg-dev): the .deb's Depends is "
                 "the fixed list for Debian 12")
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6 (>= 2.36), libsimdjson14 (>= 2.0.1)")
endif()

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "Packages: the .deb puts its libraries in /usr/${CMAKE_INSTALL_LIBDIR}; configure "
                 "with -DCMAKE_INSTALL_PREFIX=/usr for Debian's multiarch layout")
endif()

include(CPack)
