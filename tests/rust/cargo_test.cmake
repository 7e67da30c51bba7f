# Runs `cargo test` for the Rust workspace against a build's libperry_ffi.a, then `cargo package`.
#   cmake -DCARGO=<cargo or empty> -DWORKSPACE=<ffi-runtime/rust> -DTARGET_DIR=<build dir>
#         -DPERRY_FFI_DIR=<dir of libperry_ffi.a> -DGC_STRESS=0|1 -DSKIP_LINE=<text> -P ...
cmake_minimum_required(VERSION 3.20)

if(NOT CARGO)
  # ctest turns this line into a skip (SKIP_REGULAR_EXPRESSION): CMake 3.25 scripts cannot exit
  # with a chosen code.
  message("rust: ${SKIP_LINE} (install a Rust toolchain or put cargo on PATH, then reconfigure)")
  return()
endif()

if(GC_STRESS)
  set(stress_env PERRY_GC_STRESS=1)
else()
  set(stress_env --unset=PERRY_GC_STRESS)
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${stress_env}
          PERRY_FFI_DIR=${PERRY_FFI_DIR}
          CARGO_TARGET_DIR=${TARGET_DIR}
          CARGO_NET_OFFLINE=true
          ${CARGO} test --offline --locked --workspace --manifest-path ${WORKSPACE}/Cargo.toml
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cargo test failed (${rc}) with PERRY_FFI_DIR=${PERRY_FFI_DIR}")
endif()

# The crates stay publishable: both package and verify offline (perry-ffi against the packaged
# perry-ffi-sys in cargo's temporary registry). Uncommitted edits are packaged as they are.
if(NOT GC_STRESS)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env CARGO_TARGET_DIR=${TARGET_DIR} CARGO_NET_OFFLINE=true
            ${CARGO} package --offline --allow-dirty -p perry-ffi-sys -p perry-ffi
            --manifest-path ${WORKSPACE}/Cargo.toml
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cargo package failed (${rc})")
  endif()
endif()
