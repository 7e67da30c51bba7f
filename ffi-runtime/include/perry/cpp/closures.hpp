// perry/cpp/closures.hpp: the C++ view of closures (included by perry/ffi.hpp).
#pragma once

#include "perry/ffi.h"

#include <initializer_list>

namespace perry {

// The outcome of calling a closure: the result, or the exception it threw (still pending).
struct CallResult {
    PerryStatus status = PERRY_OK;
    PerryValue value = PERRY_UNDEFINED; // the result when ok(), else the exception or undefined

    bool ok() const { return status == PERRY_OK; }
    bool threw() const { return status == PERRY_STATUS_PENDING_EXCEPTION; }
};

// A non-owning view of a closure value. Like every PerryValue it must be kept reachable (on the
// stack, pinned, or by a root scanner) while used.
class Closure {
  public:
    Closure() = default;
    explicit Closure(PerryValue value) : value_(value) {}

    // A new closure over a C function (a captureless lambda converts) and captured values.
    static Closure make(PerryClosureFn fn, std::initializer_list<PerryValue> captures = {}) {
        return Closure(perry_closure_new(fn, captures.size() != 0 ? captures.begin() : nullptr,
                                         static_cast<uint32_t>(captures.size())));
    }

    PerryValue value() const { return value_; }
    bool valid() const { return perry_closure_is(value_); }
    uint64_t serial() const { return perry_closure_serial(value_); }

    CallResult call0() const { return call_this(PERRY_UNDEFINED, nullptr, 0); }
    CallResult call1(PerryValue a0) const { return call_this(PERRY_UNDEFINED, &a0, 1); }
    CallResult call2(PerryValue a0, PerryValue a1) const {
        const PerryValue args[] = {a0, a1};
        return call_this(PERRY_UNDEFINED, args, 2);
    }
    CallResult call3(PerryValue a0, PerryValue a1, PerryValue a2) const {
        const PerryValue args[] = {a0, a1, a2};
        return call_this(PERRY_UNDEFINED, args, 3);
    }
    CallResult call4(PerryValue a0, PerryValue a1, PerryValue a2, PerryValue a3) const {
        const PerryValue args[] = {a0, a1, a2, a3};
        return call_this(PERRY_UNDEFINED, args, 4);
    }
    // Any number of arguments, with `this`.
    CallResult call_this(PerryValue this_value, const PerryValue* args, uint32_t argc) const {
        CallResult result;
        result.status = perry_closure_call(value_, this_value, args, argc, &result.value);
        return result;
    }

  private:
    PerryValue value_ = PERRY_UNDEFINED;
};

} // namespace perry
