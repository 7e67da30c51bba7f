/* The ABI layout checks compiled as C99 (-std=c99 -pedantic-errors); see abi_layout_checks.h.
 * Running it only confirms the build: the checks are at compile time. */
#include "abi_layout_checks.h"

int main(void) {
    return 0;
}
