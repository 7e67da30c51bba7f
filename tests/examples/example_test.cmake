# One test of one example in examples/, on a fresh copy of it under WORK_DIR.
#   cmake -DPERRY=<perry> -DEXAMPLE=<name> -DMODE=validate|calls|cargo-test -DSOURCE_ROOT=<repo>
#         -DWORK_DIR=<dir> -DPREFIX=<runtime install prefix> -DCARGO=<cargo or empty>
#         -DCARGO_TARGET=<dir> -DPERRY_FFI_DIR=<dir of libperry_ffi.a> -DSKIP_LINE=<text>
#         [-DGC_STRESS=1] -P example_test.cmake
# A skip is one line starting with SKIP_LINE (ctest's SKIP_REGULAR_EXPRESSION): a CMake script
# cannot exit with a chosen code.
cmake_minimum_required(VERSION 3.20)

set(source ${SOURCE_ROOT}/examples/${EXAMPLE})
if(NOT IS_DIRECTORY ${source})
  message(FATAL_ERROR "no example ${source}")
endif()
set(rust FALSE)
if(EXISTS ${source}/Cargo.toml)
  set(rust TRUE)
  if(NOT CARGO)
    message("${SKIP_LINE} ${EXAMPLE} is a Rust example and cargo was not found (install a Rust toolchain, then reconfigure)")
    return()
  endif()
endif()

# The copy keeps the repository's layout around it, so the Rust example's path dependency
# (../../ffi-runtime/rust/perry-ffi) resolves, to the real crates, through a symlink. Its
# Cargo.lock comes along: with it perry builds the crate in place (--locked), where the relative
# path resolves.
file(REMOVE_RECURSE ${WORK_DIR})
set(package ${WORK_DIR}/examples/${EXAMPLE})
file(MAKE_DIRECTORY ${WORK_DIR}/examples ${WORK_DIR}/ffi-runtime)
file(COPY ${source} DESTINATION ${WORK_DIR}/examples
     PATTERN build EXCLUDE PATTERN target EXCLUDE)
file(CREATE_LINK ${SOURCE_ROOT}/ffi-runtime/rust ${WORK_DIR}/ffi-runtime/rust SYMBOLIC)

# What every build and run below sees: the runtime for CMake (find_package(PerryFFI)), cargo
# offline with its output in the build tree, perry's build cache in the build tree.
set(ENV{CMAKE_PREFIX_PATH} ${PREFIX})
set(ENV{CARGO_TARGET_DIR} ${CARGO_TARGET})
set(ENV{CARGO_NET_OFFLINE} true)
set(ENV{PERRY_CACHE_DIR} ${WORK_DIR}/perry-cache)
set(ENV{PERRY_FFI_DIR} ${PERRY_FFI_DIR})
if(GC_STRESS)
  set(ENV{PERRY_GC_STRESS} 1)
else()
  unset(ENV{PERRY_GC_STRESS})
endif()

function(run_in dir)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${dir}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(run_rc "${rc}" PARENT_SCOPE)
  set(run_out "${out}" PARENT_SCOPE)
  set(run_err "${err}" PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "validate")
  # validate builds the copy (cmake, or cargo build --release) and reads its archive.
  run_in(${package} ${PERRY} native validate ${package} --json)
  message("${run_out}")
  if(NOT run_rc EQUAL 0)
    message(FATAL_ERROR "perry native validate exited ${run_rc} for ${EXAMPLE}:\n${run_err}")
  endif()
  string(JSON ok GET "${run_out}" ok)
  string(JSON missing LENGTH "${run_out}" missing)
  string(JSON undeclared LENGTH "${run_out}" undeclared)
  string(JSON errors LENGTH "${run_out}" errors)
  string(JSON bundled LENGTH "${run_out}" targets 0 runtimeSymbols)
  string(JSON exported GET "${run_out}" targets 0 exportedBindings)
  string(JSON declared GET "${run_out}" declared)
  if(NOT ok OR NOT missing EQUAL 0 OR NOT undeclared EQUAL 0 OR NOT errors EQUAL 0 OR
     NOT bundled EQUAL 0 OR NOT exported EQUAL declared)
    message(FATAL_ERROR "${EXAMPLE}: validate is not clean (ok ${ok}, missing ${missing}, "
                        "undeclared ${undeclared}, errors ${errors}, perry_* defined ${bundled}, "
                        "${exported} of ${declared} declared functions exported)")
  endif()
  # Its TypeScript declarations were read and agree with the manifest (the errors above would
  # name any mismatch): every declared function is declared there too.
  string(JSON ts_checked GET "${run_out}" typescript checked)
  string(JSON ts_declared GET "${run_out}" typescript declaredFunctions)
  if(NOT ts_checked OR NOT ts_declared EQUAL declared)
    message(FATAL_ERROR "${EXAMPLE}: the TypeScript declarations were not checked or declare "
                        "${ts_declared} of ${declared} functions")
  endif()
  message("${EXAMPLE}: validate ok, ${declared} functions declared and exported")
elseif(MODE STREQUAL "calls")
  # Every call line of the file must run and pass: the summary names them all.
  # (The characters a CMake list treats specially are blanked first: a call line may hold any.)
  file(READ ${package}/${EXAMPLE}.calls text)
  string(REGEX REPLACE "[][;]" "_" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(calls 0)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^[ \t]*(#|$)")
      math(EXPR calls "${calls} + 1")
    endif()
  endforeach()
  # From the package directory: dotenv's calls read ./.env and files under test/.
  run_in(${package} ${PERRY} native run ${package} --script ${package}/${EXAMPLE}.calls)
  message("${run_out}${run_err}")
  if(NOT run_rc EQUAL 0)
    message(FATAL_ERROR "${EXAMPLE}.calls failed (exit ${run_rc}, PERRY_GC_STRESS=$ENV{PERRY_GC_STRESS})")
  endif()
  if(NOT run_out MATCHES "\n${calls} passed, 0 failed\n$")
    message(FATAL_ERROR "${EXAMPLE}.calls: expected the summary `${calls} passed, 0 failed` "
                        "(one result per call line of the file)")
  endif()
elseif(MODE STREQUAL "cargo-test")
  run_in(${package} ${CARGO} test --offline --release)
  message("${run_out}${run_err}")
  if(NOT run_rc EQUAL 0)
    message(FATAL_ERROR "cargo test failed for ${EXAMPLE} (exit ${run_rc})")
  endif()
else()
  message(FATAL_ERROR "unknown MODE ${MODE}")
endif()
