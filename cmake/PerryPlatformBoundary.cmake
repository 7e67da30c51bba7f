# Checks that no file of a component outside its platform folder calls the operating system
# directly: OS headers and OS functions belong in the platform layer. Run as a script:
#   cmake -DSOURCES=<dir> [-DFOLDERS=<a,b,...>] [-DPLATFORM=<dir under SOURCES>]
#         -P PerryPlatformBoundary.cmake
# FOLDERS (comma-separated, under SOURCES) limits the check to those folders; PLATFORM is the
# folder allowed to call the OS (the runtime's layer lives inside its sources; the tools' layer,
# platform/, is outside the folders checked). Each finding names the file, the line and the OS
# interface; the fix is a function of the layer.
cmake_minimum_required(VERSION 3.20)
if(NOT DEFINED SOURCES)
  message(FATAL_ERROR "PerryPlatformBoundary: -DSOURCES=... is required")
endif()

# OS headers (POSIX, Linux, macOS, Windows) and OS calls. Standard C and C++ headers, compiler
# intrinsics and the sanitizers' and valgrind's interfaces are not OS interfaces. Calls whose
# names are common words (open, read, stat, ...) are found in their global form `::open(`, which
# is how this code base writes system calls; the rest under any spelling.
set(os_headers "pthread\\.h|pthread_np\\.h|unistd\\.h|malloc\\.h|sched\\.h|dlfcn\\.h|fcntl\\.h|signal\\.h|csignal|spawn\\.h|dirent\\.h|termios\\.h|poll\\.h|sys/[a-z_]+\\.h|mach/[a-z_/]+\\.h|mach-o/[a-z_]+\\.h|windows\\.h|winbase\\.h|processthreadsapi\\.h|io\\.h|process\\.h|direct\\.h")
set(os_calls "pthread_[a-z_]+|mmap|munmap|madvise|mallopt|mprotect|sysconf|getrlimit|syscall|gettid|sched_[a-z_]+|VirtualAlloc|VirtualFree|GetCurrentThread[A-Za-z]*|CreateThread|GetModuleFileName[AW]?|_NSGetExecutablePath|sysctl|flock|fcntl|ioctl|exec[lv][pe]*|fork|vfork|waitpid|wait4|killpg|sigaction|isatty|_isatty|fileno|_fileno|readlink|readlinkat|realpath|lstat|fstat|fstatat|openat|pread|pwrite|pipe2|dup2|getpid|_exit|posix_spawn[a-z_]*|getdents64|close_range|CreateFile[AW]?|CreateProcess[AW]?|LockFileEx|CreateFileMapping[AW]?|MapViewOfFile|SetConsoleCtrlHandler|TerminateJobObject")
set(os_global_calls "open|close|read|write|stat|access|kill|raise|signal|unlink|pipe|dup")

if(DEFINED FOLDERS)
  string(REPLACE "," ";" folders "${FOLDERS}")
else()
  set(folders ".")
endif()
set(files "")
foreach(folder IN LISTS folders)
  file(GLOB_RECURSE found RELATIVE ${SOURCES} ${SOURCES}/${folder}/*.cpp ${SOURCES}/${folder}/*.h
       ${SOURCES}/${folder}/*.c)
  list(APPEND files ${found})
endforeach()
set(findings "")
foreach(file IN LISTS files)
  if(DEFINED PLATFORM AND file MATCHES "^(\\./)?${PLATFORM}/")
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
    elseif(line MATCHES "(^|[^A-Za-z0-9_.>])(${os_calls})[ \t]*\\(")
      string(APPEND findings "  ${file}:${number}: calls ${CMAKE_MATCH_2}\n")
    elseif(line MATCHES "(^|[^A-Za-z0-9_:])::(${os_global_calls})[ \t]*\\(")
      string(APPEND findings "  ${file}:${number}: calls ${CMAKE_MATCH_2}\n")
    elseif(line MATCHES "\"/proc/")
      string(APPEND findings "  ${file}:${number}: reads /proc\n")
    endif()
  endforeach()
endforeach()
if(findings)
  message(FATAL_ERROR "OS interfaces used outside the platform layer (move them behind it):\n"
                      "${findings}")
endif()
list(LENGTH files count)
message(STATUS "${count} files of ${SOURCES} (${folders}) use no OS interface outside the "
               "platform layer")
