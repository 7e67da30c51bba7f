# The sample binding, end to end:
#   1. install only the Rust crates (component rust_crates) into a temporary prefix; nothing of
#      the source tree's target/ or Cargo.lock may come along;
#   2. build the sample staticlib against <prefix>/share/perry/rust/perry-ffi, in the build tree;
#   3. check the archive defines the js_ symbols and no perry_ symbol (no bundled runtime);
#   4. link a C host with the archive and libperry_ffi.a, run it, compare its output.
cmake_minimum_required(VERSION 3.20)

if(NOT CARGO)
  message("rust: ${SKIP_LINE} (install a Rust toolchain or put cargo on PATH, then reconfigure)")
  return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/../support/run_checked.cmake)

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# 1.
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component rust_crates)
set(crates ${prefix}/share/perry/rust)
foreach(expected perry-ffi/Cargo.toml perry-ffi/src/lib.rs perry-ffi-sys/Cargo.toml
                 perry-ffi-sys/build.rs perry-ffi-sys/src/lib.rs)
  if(NOT EXISTS ${crates}/${expected})
    message(FATAL_ERROR "the install is missing share/perry/rust/${expected}")
  endif()
endforeach()
file(GLOB_RECURSE stray RELATIVE ${crates} ${crates}/*/target/* ${crates}/*Cargo.lock)
if(stray)
  message(FATAL_ERROR "the install carries build output: ${stray}")
endif()

# 2.
set(binding ${WORK_DIR}/sample-binding)
file(MAKE_DIRECTORY ${binding}/src)
set(PERRY_FFI_CRATE ${crates}/perry-ffi)
configure_file(${SAMPLE_DIR}/Cargo.toml.in ${binding}/Cargo.toml @ONLY)
configure_file(${SAMPLE_DIR}/src/lib.rs ${binding}/src/lib.rs COPYONLY)
set(cargo_env ${CMAKE_COMMAND} -E env CARGO_TARGET_DIR=${TARGET_DIR} CARGO_NET_OFFLINE=true
    --unset=PERRY_FFI_DIR)
run(${cargo_env} ${CARGO} rustc --offline --lib --manifest-path ${binding}/Cargo.toml
    -- --print native-static-libs)
set(archive ${TARGET_DIR}/debug/libperry_ext_sample.a)
if(NOT EXISTS ${archive})
  message(FATAL_ERROR "cargo built no ${archive}")
endif()
# The libraries Rust's std needs in a C link, as rustc printed them (to stderr; absent when
# cargo had nothing to rebuild, hence the fallback).
if(run_error MATCHES "native-static-libs: ([^\n]*)")
  separate_arguments(native_libs UNIX_COMMAND "${CMAKE_MATCH_1}")
else()
  set(native_libs -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)
endif()

# 3.
run(${READELF} -sW ${archive})
string(REPLACE "\n" ";" lines "${run_output}")
set(defined "")
set(bundled "")
foreach(line IN LISTS lines)
  if(line MATCHES "^ *[0-9]+: +[0-9a-f]+ +[0-9]+ +[A-Z_]+ +(GLOBAL|WEAK) +[A-Z_]+ +([A-Z0-9]+) +((js|perry)_[^ ]+)$")
    if(NOT CMAKE_MATCH_2 STREQUAL "UND")
      if(CMAKE_MATCH_4 STREQUAL "perry")
        list(APPEND bundled ${CMAKE_MATCH_3})
      else()
        list(APPEND defined ${CMAKE_MATCH_3})
      endif()
    endif()
  endif()
endforeach()
if(bundled)
  list(REMOVE_DUPLICATES bundled)
  message(FATAL_ERROR "the binding's staticlib bundles the runtime (defines ${bundled})")
endif()
list(SORT defined)
if(NOT defined STREQUAL "js_sample_explode;js_sample_hello")
  message(FATAL_ERROR "the staticlib defines [${defined}], expected js_sample_explode and js_sample_hello")
endif()

# 4.
run(${CC} -std=c99 -I${INCLUDE_DIR} ${SAMPLE_DIR}/host.c ${archive} ${RUNTIME_ARCHIVE} -lstdc++
    ${native_libs} -o ${WORK_DIR}/host)
run(${WORK_DIR}/host)
set(expected "hello, world\nthrown: panic in native code: kaboom\n")
if(NOT run_output STREQUAL expected)
  message(FATAL_ERROR "the host printed:\n${run_output}\nexpected:\n${expected}")
endif()
message("rust binding: ok (staticlib without the runtime, linked and run by a C host)")
