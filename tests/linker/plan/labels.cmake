# Included by ctest after the discovered tests of linker_plan_tests: their labels.
if(DEFINED linker_plan_tests_TESTS)
  set_tests_properties(${linker_plan_tests_TESTS} PROPERTIES LABELS "linker;golden")
endif()
