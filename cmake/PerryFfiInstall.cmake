# Installs the runtime: headers, libperry_ffi.a, a CMake package (find_package(PerryFFI CONFIG)
# giving Perry::ffi) and a pkg-config file (perry-ffi).
include(CMakePackageConfigHelpers)

install(TARGETS perry_ffi EXPORT PerryFFITargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/perry
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT PerryFFITargets NAMESPACE Perry::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/PerryFFI)
# Installed targets are named Perry::perry_ffi by the export; the config adds Perry::ffi. The
# installed perry is <prefix>/<bindir>/perry (the config's PERRY_EXECUTABLE).
set(PERRY_CONFIG_BINDIR ${CMAKE_INSTALL_BINDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/PerryFFIConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/PerryFFIConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/PerryFFI)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/PerryFFIConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/PerryFFIConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/PerryFFIConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/PerryFFISignatures.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/PerryFFI)

# The .pc file finds the prefix from its own folder, however deep CMAKE_INSTALL_LIBDIR is
# (lib, lib64, lib/x86_64-linux-gnu), so the installed tree can be moved. An absolute LIBDIR or
# INCLUDEDIR cannot move with the prefix and is written as it is.
set(_perry_pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(PERRY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(PERRY_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  file(RELATIVE_PATH _perry_pc_up /prefix/${_perry_pc_dir} /prefix)
  string(REGEX REPLACE "/$" "" _perry_pc_up "${_perry_pc_up}")
  set(PERRY_PC_PREFIX "\${pcfiledir}/${_perry_pc_up}")
  set(PERRY_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(PERRY_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(PERRY_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/perry-ffi.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/perry-ffi.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/perry-ffi.pc DESTINATION ${_perry_pc_dir})

# The Rust crates (perry-ffi-sys, perry-ffi) as path dependencies for Rust bindings; the sources
# only, never a build's target/ folder or the workspace's lockfile.
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/rust/perry-ffi-sys ${CMAKE_CURRENT_SOURCE_DIR}/rust/perry-ffi
        DESTINATION ${CMAKE_INSTALL_DATADIR}/perry/rust COMPONENT rust_crates
        PATTERN target EXCLUDE PATTERN Cargo.lock EXCLUDE)
