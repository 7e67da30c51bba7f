# The package test: `cpack` of this build, then the .deb installed into an empty root with
# `dpkg --root` and the .tar.gz unpacked and moved, each used as a user would: `perry` runs and
# finds its runtime, a scaffold and two bundled bindings build and run, find_package(PerryFFI) and
# pkg-config perry-ffi work from their standard locations. Nothing of the build tree may leak in.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DCONSUMER_DIR=... -DLIBDIR=lib
#         -DVERSION=... -DCPACK=... -DCC=... -DCXX=... -DGENERATOR=... -P package_test.cmake
#
# The .deb goes into a fresh dpkg database under WORK_DIR/root (dpkg --root ... -i); its
# dependencies are checked against this machine's apt sources with `apt-get install -s`, as the
# empty root has no libc6 to satisfy them. Its programs run against this machine's libraries.
cmake_minimum_required(VERSION 3.20)

include(${CMAKE_CURRENT_LIST_DIR}/../support/run_checked.cmake)

function(expect_in text what wanted)
  string(FIND "${text}" "${wanted}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what} lacks \"${wanted}\":\n${text}")
  endif()
endfunction()

foreach(tool dpkg dpkg-deb)
  find_program(_found_${tool} ${tool})
  if(NOT _found_${tool})
    message("SKIPPED: ${tool} is not installed (Debian package dpkg); the .deb cannot be checked")
    return()
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/packages)
set(ENV{PERRY_CACHE_DIR} ${WORK_DIR}/cache)

# 1. Both packages, written outside the build tree.
run(${CPACK} --config ${BUILD_DIR}/CPackConfig.cmake -B ${WORK_DIR}/packages)
file(GLOB debs ${WORK_DIR}/packages/perry-native_${VERSION}_*.deb)
file(GLOB tarballs ${WORK_DIR}/packages/perry-native-${VERSION}-*.tar.gz)
list(LENGTH debs deb_count)
list(LENGTH tarballs tarball_count)
if(NOT deb_count EQUAL 1 OR NOT tarball_count EQUAL 1)
  message(FATAL_ERROR "cpack wrote ${debs} and ${tarballs}, not one .deb and one .tar.gz")
endif()

# 2. The .deb's control fields and file list.
run(dpkg-deb --field ${debs} Package Version Depends Recommends Maintainer)
set(control "${run_output}")
expect_in("${control}" "control" "Package: perry-native\n")
expect_in("${control}" "control" "Version: ${VERSION}\n")
expect_in("${control}" "Depends" "libsimdjson")
expect_in("${control}" "Depends" "libc6")
expect_in("${control}" "Recommends" "cmake, ninja-build, g++, pkg-config, cargo")
run(dpkg-deb --contents ${debs})
string(REGEX MATCHALL "\\./[^\n]*" entries "${run_output}")
foreach(entry IN LISTS entries)
  string(REGEX REPLACE " -> .*" "" entry "${entry}")
  if(NOT entry MATCHES "^\\./usr/")
    message(FATAL_ERROR "the .deb installs ${entry}, outside /usr")
  endif()
  if(entry MATCHES "(gtest|gmock|_tests?$|/bench/|benchmark|CMakeFiles|\\.o$)")
    message(FATAL_ERROR "the .deb holds a test or build file: ${entry}")
  endif()
endforeach()
set(expected_files
  usr/bin/perry usr/include/perry/ffi.h usr/include/perry/ffi.hpp usr/include/perry/run/shims.h
  usr/${LIBDIR}/libperry_ffi.a usr/${LIBDIR}/libperry_run_host.a
  usr/${LIBDIR}/cmake/PerryFFI/PerryFFIConfig.cmake
  usr/${LIBDIR}/cmake/PerryFFI/PerryFFIConfigVersion.cmake
  usr/${LIBDIR}/cmake/PerryFFI/PerryFFITargets.cmake usr/${LIBDIR}/pkgconfig/perry-ffi.pc
  usr/share/perry/runtime.json usr/share/perry/well_known_bindings.toml
  usr/share/perry/schemas/manifest.schema.json usr/share/perry/templates/c/CMakeLists.txt
  usr/share/perry/rust/perry-ffi/Cargo.toml usr/share/perry/rust/perry-ffi-sys/Cargo.toml
  usr/share/perry/bindings/zlib/package.json usr/share/perry/bindings/rust-hash/Cargo.toml)
foreach(expected IN LISTS expected_files)
  list(FIND entries "./${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the .deb lacks /${expected}")
  endif()
endforeach()

# 3. Installable here: apt resolves its Depends from this machine's sources (simulated, nothing
# changes), and dpkg installs it into an empty root with its own database.
find_program(APT_GET apt-get)
if(APT_GET)
  run(${APT_GET} install -s --no-install-recommends ${debs})
  expect_in("${run_output}" "apt-get -s" "Inst perry-native")
endif()
set(root ${WORK_DIR}/root)
file(MAKE_DIRECTORY ${root}/var/lib/dpkg/info ${root}/var/lib/dpkg/updates)
file(TOUCH ${root}/var/lib/dpkg/status)
run(dpkg --root=${root} --log=/dev/null --force-depends --force-not-root -i ${debs})
run(dpkg --root=${root} --status perry-native)
expect_in("${run_output}" "dpkg --status" "Status: install ok installed")

# Everything a user reads (text files outside bin/ and the static libraries) must be free of
# build-tree and source-tree paths; the CMake package and runtime.json above all.
file(GLOB_RECURSE shipped LIST_DIRECTORIES false ${root}/usr/share/* ${root}/usr/include/*
     ${root}/usr/${LIBDIR}/cmake/* ${root}/usr/${LIBDIR}/pkgconfig/*)
foreach(file IN LISTS shipped)
  file(READ ${file} text)
  foreach(tree ${BUILD_DIR} ${SOURCE_DIR}/)
    string(FIND "${text}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} names ${tree}")
    endif()
  endforeach()
endforeach()

# 4. Each installed tree used as a user would. PREFIX is the tree's prefix (usr/ of the root, or
# the moved .tar.gz folder).
function(use_prefix prefix label)
  set(perry ${prefix}/bin/perry)
  set(app ${WORK_DIR}/${label}-app)
  file(MAKE_DIRECTORY ${app})
  run(${perry} --version)
  expect_in("${run_output}" "perry --version (${label})" "${VERSION}")
  execute_process(COMMAND ${perry} native list WORKING_DIRECTORY ${app}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "perry native list (${label}) failed (${rc}):\n${out}\n${err}")
  endif()
  expect_in("${out}" "perry native list (${label})" "${prefix}/share/perry/well_known_bindings.toml")
  expect_in("${out}" "perry native list (${label})" "@perry/zlib")
  # `doctor` is written on another branch: once it is in this tree, the installed toolchain must
  # be green (exit 0) for an empty project on this machine.
  if(EXISTS ${SOURCE_DIR}/cli/commands/doctor.cpp)
    execute_process(COMMAND ${perry} native doctor WORKING_DIRECTORY ${app}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "perry native doctor (${label}) failed (${rc}):\n${out}\n${err}")
    endif()
  endif()
  # The runtime, the run harness, the templates and the Rust crates, all found from the prefix.
  run(${perry} native init @pkgtest/hi --lang c --dir ${app}/hi)
  run(${perry} native run ${app}/hi --call "js_hi_hello(\"deb\")")
  expect_in("${run_output}" "the scaffold's hello (${label})" "deb")
  foreach(binding zlib rust-hash)
    set(dir ${prefix}/share/perry/bindings/${binding})
    run(${perry} native run ${dir} --script ${dir}/${binding}.calls)
    expect_in("${run_output}" "${binding}'s calls (${label})" " 0 failed")
  endforeach()
endfunction()

# find_package and pkg-config of the .deb from the standard places under the root: no prefix is
# named, the root only re-roots the system's own search paths (/usr/lib/<arch>/cmake,
# /usr/lib/cmake, /usr/lib/<arch>/pkgconfig, /usr/lib/pkgconfig, /usr/share/pkgconfig).
use_prefix(${root}/usr deb)
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/deb-cmake -G ${GENERATOR}
    -DCMAKE_FIND_ROOT_PATH=${root} -DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY
    -DCMAKE_C_COMPILER=${CC} -DCMAKE_CXX_COMPILER=${CXX})
file(STRINGS ${WORK_DIR}/deb-cmake/CMakeCache.txt found_dir REGEX "^PerryFFI_DIR:")
expect_in("${found_dir}" "PerryFFI_DIR" "${root}/usr/")
run(${CMAKE_COMMAND} --build ${WORK_DIR}/deb-cmake)
run(${WORK_DIR}/deb-cmake/consumer_c)
expect_in("${run_output}" "consumer_c (deb, find_package)" "c: installed runtime ${VERSION}")

execute_process(COMMAND ${CC} -print-multiarch OUTPUT_VARIABLE multiarch
                OUTPUT_STRIP_TRAILING_WHITESPACE)
set(pc_env ${CMAKE_COMMAND} -E env PKG_CONFIG_SYSROOT_DIR=${root} --unset=PKG_CONFIG_PATH
    "PKG_CONFIG_LIBDIR=${root}/usr/lib/${multiarch}/pkgconfig:${root}/usr/lib/pkgconfig:${root}/usr/share/pkgconfig")
run(${pc_env} pkg-config --cflags --libs perry-ffi)
separate_arguments(pc_flags UNIX_COMMAND "${run_output}")
run(${CC} -std=c99 -Wall -Wextra -Werror ${CONSUMER_DIR}/main.c ${pc_flags}
    -o ${WORK_DIR}/deb-pc-consumer)
run(${WORK_DIR}/deb-pc-consumer)
expect_in("${run_output}" "consumer_c (deb, pkg-config)" "c: installed runtime ${VERSION}")

# 5. The .tar.gz: unpacked, its folder renamed (a moved prefix), used through CMAKE_PREFIX_PATH
# and PKG_CONFIG_PATH as a prefix of one's own is.
file(MAKE_DIRECTORY ${WORK_DIR}/unpacked)
run(${CMAKE_COMMAND} -E chdir ${WORK_DIR}/unpacked ${CMAKE_COMMAND} -E tar xzf ${tarballs})
file(GLOB top LIST_DIRECTORIES true ${WORK_DIR}/unpacked/*)
list(LENGTH top top_count)
if(NOT top_count EQUAL 1 OR NOT IS_DIRECTORY ${top})
  message(FATAL_ERROR "the .tar.gz holds ${top}, not one folder")
endif()
set(moved ${WORK_DIR}/moved/perry)
file(MAKE_DIRECTORY ${WORK_DIR}/moved)
file(RENAME ${top} ${moved})
use_prefix(${moved} tgz)
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/tgz-cmake -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${moved} -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF
    -DCMAKE_C_COMPILER=${CC} -DCMAKE_CXX_COMPILER=${CXX})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/tgz-cmake)
run(${WORK_DIR}/tgz-cmake/consumer_cpp)
expect_in("${run_output}" "consumer_cpp (tgz, find_package)" "c++: ok")
run(${CMAKE_COMMAND} -E env --unset=PKG_CONFIG_SYSROOT_DIR
    PKG_CONFIG_PATH=${moved}/${LIBDIR}/pkgconfig pkg-config --cflags --libs perry-ffi)
separate_arguments(pc_flags UNIX_COMMAND "${run_output}")
run(${CXX} -std=c++17 -Wall -Wextra -Werror ${CONSUMER_DIR}/main.cpp ${pc_flags}
    -o ${WORK_DIR}/tgz-pc-consumer)
run(${WORK_DIR}/tgz-pc-consumer)
expect_in("${run_output}" "consumer_cpp (tgz, pkg-config)" "c++: ok")

foreach(package ${debs} ${tarballs})
  file(SIZE ${package} size)
  math(EXPR kib "${size} / 1024")
  get_filename_component(name ${package} NAME)
  message(STATUS "${name}: ${kib} KiB")
endforeach()
message(STATUS "the .deb installed with dpkg --root and the moved .tar.gz both work")
