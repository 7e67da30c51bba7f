# Checks that no file of a component outside its platform folder calls the operating system
# directly: OS headers and OS functions belong in the platform layer. Run as a script:
#   cmake -DSOURCES=<dir> -DPLATFORM=<dir under SOURCES> -P PerryPlatformBoundary.cmake
# Each finding names the file, the line and the OS interface; the fix is a function of the layer.
cmake_minimum_required(VERSION 3.20)
foreach(var SOURCES PLATFORM)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "PerryPlatformBoundary: -D${var}=... is required")
  endif()
endforeach()

# OS headers (POSIX, Linux, macOS, Windows) and OS calls. Standard C and C++ headers, compiler
# intrinsics and the sanitizers' and valgrind's interfaces are not OS interfaces.
set(os_headers "pthread\\.h|pthread_np\\.h|unistd\\.h|malloc\\.h|sched\\.h|dlfcn\\.h|fcntl\\.h|signal\\.h|sys/[a-z_]+\\.h|mach/[a-z_/]+\\.h|mach-o/[a-z_]+\\.h|windows\\.h|winbase\\.h|processthreadsapi\\.h|io\\.h")
set(os_calls "pthread_[a-z_]+|mmap|munmap|madvise|mallopt|mprotect|sysconf|getrlimit|syscall|gettid|sched_[a-z_]+|VirtualAlloc|VirtualFree|GetCurrentThread[A-Za-z]*|CreateThread|GetModuleFileName[AW]?|_NSGetExecutablePath")

file(GLOB_RECURSE files RELATIVE ${SOURCES} ${SOURCES}/*.cpp ${SOURCES}/*.h ${SOURCES}/*.c)
set(findings "")
foreach(file IN LISTS files)
  if(file MATCHES "^${PLATFORM}/")
    continue()
  endif()
  file(STRINGS ${SOURCES}/${file} lines)
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(line MATCHES "^[ \t]*//")
      continue() # a comment may name an interface
    endif()
    if(line MATCHES "#[ \t]*include[ \t]*<(${os_headers})>")
      string(APPEND findings "  ${file}:${number}: includes <${CMAKE_MATCH_1}>\n")
    elseif(line MATCHES "(^|[^A-Za-z0-9_])(${os_calls})[ \t]*\\(")
      string(APPEND findings "  ${file}:${number}: calls ${CMAKE_MATCH_2}\n")
    elseif(line MATCHES "/proc/self")
      string(APPEND findings "  ${file}:${number}: reads /proc/self\n")
    endif()
  endforeach()
endforeach()
if(findings)
  message(FATAL_ERROR "OS interfaces used outside ${SOURCES}/${PLATFORM} (move them behind the "
                      "platform layer):\n${findings}")
endif()
list(LENGTH files count)
message(STATUS "${count} files of ${SOURCES} outside ${PLATFORM}/ use no OS interface")
