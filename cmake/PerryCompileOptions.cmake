# Warnings and sanitizers for the project's own targets. Third-party headers are included as
# SYSTEM so -Werror applies to our code only.

function(perry_target_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C,CXX>:-Wall -Wextra -Werror>)
endfunction()

if(PERRY_SANITIZE)
  add_compile_options(-fsanitize=${PERRY_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PERRY_SANITIZE})
endif()

# libFuzzer needs clang; fuzz targets add -fsanitize=fuzzer themselves, the code under test is
# instrumented with fuzzer-no-link so coverage reaches into our libraries.
if(PERRY_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PERRY_BUILD_FUZZERS needs clang (configure with CXX=clang++-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
