// The ABI layout checks compiled as C++; see abi_layout_checks.h. Running it only confirms the
// build: the checks are at compile time.
#include "abi_layout_checks.h"

int main() {
    return 0;
}
