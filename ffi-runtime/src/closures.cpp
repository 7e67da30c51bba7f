// Closures: a C function pointer plus captured values, callable from native code.
#include "closures.h"

#include "errors.h"
#include "runtime.h"

#include <cstring>
#include <unordered_map>

namespace perry::closures {
namespace {

struct ClosureObject {
    PerryClosureFn fn;
    uint64_t serial;
    uint32_t capture_count;
    uint32_t reserved;
    PerryValue captures[]; // capture_count values
};

// Serial -> object of every closure the GC has not swept: the exact weak reference behind
// perry_closure_from_serial. Main thread only (closures are created and swept there).
std::unordered_map<uint64_t, ClosureObject*>& live_closures() {
    static auto* map = new std::unordered_map<uint64_t, ClosureObject*>();
    return *map;
}
uint64_t g_next_serial = 1;

// The captures perry_closure_new is copying while its allocation may collect: the caller's
// array may live where the stack scan cannot see it (a std::vector).
const PerryValue* g_copying_captures = nullptr;
uint32_t g_copying_count = 0;

void trace_closure(void* payload, heap::Marker& marker) {
    auto* closure = static_cast<ClosureObject*>(payload);
    for (uint32_t i = 0; i < closure->capture_count; ++i) {
        marker.value(closure->captures[i]);
    }
}

void finalize_closure(void* payload) {
    live_closures().erase(static_cast<ClosureObject*>(payload)->serial);
}

void scan_copying_captures(heap::Marker& marker) {
    for (uint32_t i = 0; i < g_copying_count; ++i) {
        marker.value(g_copying_captures[i]);
    }
}

ClosureObject* closure_of(PerryValue value) {
    return static_cast<ClosureObject*>(perry_value_to_pointer(value));
}

} // namespace

const heap::KindOps kClosureOps{PERRY_KIND_FUNCTION, "closure", trace_closure, finalize_closure};

namespace {

// The hot path of every call, kept in this file so that it inlines: no allocation, no lock.
inline bool is_closure_inline(PerryValue value) {
    return perry_value_tag(value) == PERRY_TAG_OBJECT &&
           heap::header_of(closure_of(value))->ops == &kClosureOps;
}

// The outcome of a callee that threw: the exception stays pending and is handed back.
[[gnu::noinline, gnu::cold]] PerryStatus report_thrown(PerryValue* out_result) {
    if (out_result != nullptr) {
        *out_result = exceptions::peek();
    }
    return runtime::fail(PERRY_STATUS_PENDING_EXCEPTION);
}

inline PerryStatus call_checked(PerryValue closure, PerryValue this_value, const PerryValue* args,
                                uint32_t argc, PerryValue* out_result) {
    // JavaScript code cannot run while an exception propagates: refuse rather than mix the
    // callee's outcome with an older exception.
    if (exceptions::has_pending()) {
        return report_thrown(out_result);
    }
    const ClosureObject* object = closure_of(closure);
    const PerryClosureCall call{closure,         this_value, args, argc, object->capture_count,
                                object->captures};
    const PerryValue result = object->fn(&call);
    if (exceptions::has_pending()) {
        return report_thrown(out_result);
    }
    if (out_result != nullptr) {
        *out_result = result;
    }
    return PERRY_OK;
}

// True when a call may skip every failure path: on the main thread, a closure, consistent
// arguments, and no exception pending.
inline bool may_call_fast(PerryValue closure, const PerryValue* args, uint32_t argc) {
    return runtime::on_main_thread_fast() && is_closure_inline(closure) &&
           (args != nullptr || argc == 0) && !exceptions::has_pending();
}

// perry_closure_call's checks in the order its contract reports them (thread, callable,
// arguments, pending exception), then the call.
[[gnu::noinline, gnu::cold]] PerryStatus call_slow(PerryValue closure, PerryValue this_value,
                                                   const PerryValue* args, uint32_t argc,
                                                   PerryValue* out_result) {
    if (!runtime::on_main_thread_fast()) {
        if (PerryStatus status = runtime::require_main_thread("perry_closure_call");
            status != PERRY_OK) {
            return status;
        }
    }
    if (!is_closure_inline(closure)) {
        return runtime::fail(PERRY_STATUS_NOT_CALLABLE);
    }
    if (args == nullptr && argc != 0) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    return call_checked(closure, this_value, args, argc, out_result);
}

} // namespace

PerryStatus invoke(PerryValue closure, PerryValue this_value, const PerryValue* args, uint32_t argc,
                   PerryValue* out_result) {
    return call_checked(closure, this_value, args, argc, out_result);
}

bool take_pending_exception(PerryValue* out_exception) {
    if (!exceptions::has_pending()) {
        return false;
    }
    const PerryValue exception = exceptions::take();
    if (out_exception != nullptr) {
        *out_exception = exception;
    }
    return true;
}

void clear_pending_exception() {
    exceptions::clear();
}

} // namespace perry::closures

using namespace perry;

extern "C" {

PerryValue perry_closure_new(PerryClosureFn fn, const PerryValue* captures, uint32_t count) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    if (fn == nullptr || (captures == nullptr && count != 0)) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    const size_t bytes = sizeof(closures::ClosureObject) + size_t{count} * sizeof(PerryValue);
    static const bool scanner_added =
        (heap::add_internal_root_scanner(closures::scan_copying_captures), true);
    (void)scanner_added;
    closures::g_copying_captures = captures;
    closures::g_copying_count = count;
    auto* object =
        static_cast<closures::ClosureObject*>(heap::allocate(closures::kClosureOps, bytes));
    closures::g_copying_captures = nullptr;
    closures::g_copying_count = 0;
    if (object == nullptr) {
        return PERRY_UNDEFINED;
    }
    object->fn = fn;
    object->serial = closures::g_next_serial++;
    object->capture_count = count;
    if (count != 0) {
        std::memcpy(object->captures, captures, size_t{count} * sizeof(PerryValue));
    }
    closures::live_closures().emplace(object->serial, object);
    return perry_value_from_pointer(PERRY_TAG_OBJECT, object);
}

bool perry_closure_is(PerryValue value) {
    return closures::is_closure(value);
}

PerryStatus perry_closure_call(PerryValue closure, PerryValue this_value, const PerryValue* args,
                               uint32_t argc, PerryValue* out_result) {
    // Every check of the contract as one test; a call that fails any of them goes to the
    // out-of-line path that finds which one in the documented order. With the failure paths out
    // of this function, only out_result lives across the callee, so the common case saves two
    // registers instead of six.
    if (__builtin_expect(!closures::may_call_fast(closure, args, argc), 0)) {
        return closures::call_slow(closure, this_value, args, argc, out_result);
    }
    const auto* object =
        reinterpret_cast<const closures::ClosureObject*>(uintptr_t{closure & PERRY_PAYLOAD_MASK});
    const PerryClosureCall call{closure,         this_value, args, argc, object->capture_count,
                                object->captures};
    const PerryValue result = object->fn(&call);
    if (__builtin_expect(exceptions::has_pending(), 0)) {
        return closures::report_thrown(out_result);
    }
    if (out_result != nullptr) {
        *out_result = result;
    }
    return PERRY_OK;
}

uint64_t perry_closure_serial(PerryValue closure) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return 0;
    }
    if (!closures::is_closure(closure)) {
        runtime::fail(PERRY_STATUS_NOT_CALLABLE);
        return 0;
    }
    return closures::closure_of(closure)->serial;
}

PerryValue perry_closure_from_serial(uint64_t serial) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    auto& live = closures::live_closures();
    auto it = live.find(serial);
    if (it == live.end()) {
        runtime::fail(PERRY_STATUS_NOT_FOUND);
        return PERRY_UNDEFINED;
    }
    return perry_value_from_pointer(PERRY_TAG_OBJECT, it->second);
}

} // extern "C"
