# Golden tests of `perry native resolve` and `perry native list` (issue 4): they run the built
# binary. The tree/golden helpers come from tests/resolver/support (target perry_test_tree).
add_executable(cli_resolve_golden_tests resolve_golden_test.cpp)
target_link_libraries(cli_resolve_golden_tests PRIVATE perry_test_tree Perry::linker GTest::gtest_main)
target_compile_definitions(cli_resolve_golden_tests PRIVATE
  PERRY_BINARY="$<TARGET_FILE:perry>"
  PERRY_BUILD_DIR="${PROJECT_BINARY_DIR}"
  PERRY_CLI_GOLDEN_DIR="${CMAKE_CURRENT_SOURCE_DIR}/golden")
add_dependencies(cli_resolve_golden_tests perry)
perry_target_warnings(cli_resolve_golden_tests)
gtest_discover_tests(cli_resolve_golden_tests PROPERTIES LABELS "golden")
