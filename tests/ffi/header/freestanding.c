/* perry/ffi.h alone, for targets whose SDK is not on this machine: it must need nothing beyond
 * the freestanding C headers (tests/ffi/CMakeLists.txt compiles it for each of them). */
#include <perry/ffi.h>

int perry_header_compiles_freestanding;
