# The install test: installs the build into a temporary prefix, then builds the consumer C and
# C++ programs against the installed tree only, once through find_package(PerryFFI CONFIG) and
# once through pkg-config, and runs them.
#   cmake -DBUILD_DIR=... -DWORK_DIR=... -DCONSUMER_DIR=... -DLIBDIR=lib -DCC=... -DCXX=...
#         -DGENERATOR=... -P install_test.cmake
cmake_minimum_required(VERSION 3.20)

include(${CMAKE_CURRENT_LIST_DIR}/../support/run_checked.cmake)

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(expected include/perry/ffi.h include/perry/ffi.hpp include/perry/ffi/strings.h
                 include/perry/cpp/handles.hpp ${LIBDIR}/libperry_ffi.a
                 ${LIBDIR}/cmake/PerryFFI/PerryFFIConfig.cmake ${LIBDIR}/pkgconfig/perry-ffi.pc)
  if(NOT EXISTS ${prefix}/${expected})
    message(FATAL_ERROR "the install is missing ${expected}")
  endif()
endforeach()

# 1. find_package: a fresh CMake project that knows nothing but the prefix.
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/cmake-build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${CC} -DCMAKE_CXX_COMPILER=${CXX})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
run(${WORK_DIR}/cmake-build/consumer_c)
if(NOT run_output STREQUAL "c: installed runtime 0.5.0\n")
  message(FATAL_ERROR "consumer_c (find_package) printed: ${run_output}")
endif()
run(${WORK_DIR}/cmake-build/consumer_cpp)
if(NOT run_output STREQUAL "c++: ok 3 E_BIG\n")
  message(FATAL_ERROR "consumer_cpp (find_package) printed: ${run_output}")
endif()

# 2. pkg-config: the compilers called directly with the flags pkg-config gives.
set(pc_env ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${prefix}/${LIBDIR}/pkgconfig
    PKG_CONFIG_LIBDIR=${prefix}/${LIBDIR}/pkgconfig)
run(${pc_env} pkg-config --cflags perry-ffi)
separate_arguments(cflags UNIX_COMMAND "${run_output}")
run(${pc_env} pkg-config --libs perry-ffi)
separate_arguments(libs UNIX_COMMAND "${run_output}")
# The .pc file is relocatable (${pcfiledir}-relative), so compare resolved paths.
list(FILTER cflags INCLUDE REGEX "^-I")
list(GET cflags 0 include_flag)
string(SUBSTRING "${include_flag}" 2 -1 include_dir)
file(REAL_PATH "${include_dir}" include_dir)
file(REAL_PATH "${prefix}/include" expected_include)
if(NOT include_dir STREQUAL expected_include)
  message(FATAL_ERROR "pkg-config --cflags does not point into the prefix: ${include_flag}")
endif()
run(${CC} -std=c99 -Wall -Wextra -Werror -pedantic-errors ${cflags} ${CONSUMER_DIR}/main.c
    ${libs} -o ${WORK_DIR}/pc_consumer_c)
run(${WORK_DIR}/pc_consumer_c)
if(NOT run_output STREQUAL "c: installed runtime 0.5.0\n")
  message(FATAL_ERROR "consumer_c (pkg-config) printed: ${run_output}")
endif()
run(${CXX} -std=c++17 -Wall -Wextra -Werror ${cflags} ${CONSUMER_DIR}/main.cpp ${libs}
    -o ${WORK_DIR}/pc_consumer_cpp)
run(${WORK_DIR}/pc_consumer_cpp)
if(NOT run_output STREQUAL "c++: ok 3 E_BIG\n")
  message(FATAL_ERROR "consumer_cpp (pkg-config) printed: ${run_output}")
endif()
message(STATUS "installed into ${prefix}; C and C++ consumers built and ran via find_package and pkg-config")
