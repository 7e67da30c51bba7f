# Tests of resolution (issue 4, resolution half): the node_modules walk, `exports`, symlinked
# layouts, the well-known table, the allowlist. Golden expectations live in golden/ and are
# regenerated with PERRY_UPDATE_GOLDEN=1. The tree/golden helpers in support/ are shared with the
# CLI golden tests (tests/cli).
add_library(perry_test_tree STATIC support/temp_tree.cpp)
target_include_directories(perry_test_tree PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(perry_test_tree PUBLIC GTest::gtest)
perry_target_warnings(perry_test_tree)

# Units (label resolver) and the golden resolution tests (label golden).
add_executable(resolver_resolve_tests
  allowlist_test.cpp
  fs_util_test.cpp
  native_details_test.cpp
  platform_package_test.cpp
  resolve_cache_test.cpp
  specifier_test.cpp
  well_known_test.cpp
)
# fs_util_test looks at internals (resolver/src); native_details_test compares with nlohmann.
target_include_directories(resolver_resolve_tests PRIVATE ${PROJECT_SOURCE_DIR}/resolver/src)
target_link_libraries(resolver_resolve_tests PRIVATE nlohmann_json::nlohmann_json)
add_executable(resolver_resolve_golden_tests resolve_test.cpp)
foreach(_target resolver_resolve_tests resolver_resolve_golden_tests)
  target_link_libraries(${_target} PRIVATE Perry::resolver perry_test_tree GTest::gtest_main)
  target_compile_definitions(${_target} PRIVATE
    PERRY_RESOLVER_GOLDEN_DIR="${CMAKE_CURRENT_SOURCE_DIR}/golden"
    PERRY_WELL_KNOWN_SOURCE_TABLE="${PROJECT_SOURCE_DIR}/resolver/data/well_known_bindings.toml"
    PERRY_REFERENCE_TABLE="${CMAKE_CURRENT_SOURCE_DIR}/data/reference_well_known_bindings.toml")
  perry_target_warnings(${_target})
endforeach()
gtest_discover_tests(resolver_resolve_tests PROPERTIES LABELS resolver)
gtest_discover_tests(resolver_resolve_golden_tests PROPERTIES LABELS golden)

# libFuzzer target over the TOML table parser, run for a bounded time from the checked-in seeds
# (new inputs go to a build-tree corpus so the seed directory stays as committed). Same naming
# and flags as the manifest/semver fuzzers in CMakeLists.txt.
if(PERRY_BUILD_FUZZERS)
  add_executable(resolver_well_known_fuzzer fuzz/well_known_fuzzer.cpp)
  target_link_libraries(resolver_well_known_fuzzer PRIVATE Perry::resolver)
  target_link_options(resolver_well_known_fuzzer PRIVATE -fsanitize=fuzzer)
  perry_target_warnings(resolver_well_known_fuzzer)
  set(_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz-well_known-corpus)
  file(MAKE_DIRECTORY ${_work})
  add_test(NAME resolver_well_known_fuzz
           COMMAND resolver_well_known_fuzzer -max_total_time=15 -rss_limit_mb=2048 -timeout=10
                   -print_final_stats=1 -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/fuzz-well_known-
                   ${_work} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/well_known)
  set_tests_properties(resolver_well_known_fuzz PROPERTIES LABELS "fuzz" TIMEOUT 120)
endif()
