// An archive that breaks the export rule on purpose: the test ffi_exported_symbols_rejects_foreign
// runs the exported-symbols check on it and expects the check to name each global defined outside
// the runtime's prefixes (the check is only worth something if it can fail).
#include <cstdint>

// A member function of a public C type, as PerryGcMarker's marking functions once were.
struct PerryGcMarker {
    void value(uint64_t value);
};
void PerryGcMarker::value(uint64_t) {}

// A plain C global without the prefix.
extern "C" int unprefixed_helper() {
    return 1;
}

// A correctly named export, listed, so that the only problems are the two above.
extern "C" int perry_fixture_export() {
    return 2;
}
