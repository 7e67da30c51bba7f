// perry/cpp/gc.hpp: root scanners and pins. Part of perry/ffi.hpp.
#pragma once

#include "perry/ffi.h"

#include <string>

namespace perry {

// Registers a scanner (idempotent by name; see perry_gc_register_root_scanner). `scan` is a
// captureless function or lambda `void(PerryGcMarker*, void*)`. Returns the scanner id.
inline uint64_t gc_register_root_scanner(const std::string& name, PerryRootScanFn scan,
                                         void* userdata = nullptr) {
    uint64_t id = 0;
    check(perry_gc_register_root_scanner(name.c_str(), scan, userdata, &id));
    return id;
}
inline void gc_unregister_root_scanner(uint64_t id) {
    check(perry_gc_unregister_root_scanner(id));
}

// Keeps a value alive while in scope (a pin; nests).
class PinnedValue {
  public:
    explicit PinnedValue(PerryValue value) : value_(value) { check(perry_gc_pin(value_)); }
    ~PinnedValue() { perry_gc_unpin(value_); }
    PinnedValue(const PinnedValue&) = delete;
    PinnedValue& operator=(const PinnedValue&) = delete;
    PerryValue get() const noexcept { return value_; }

  private:
    PerryValue value_;
};

} // namespace perry
