// @perry/emitter: a process-wide event emitter whose listeners are JavaScript closures.
//
// The listeners live in native memory, where the collector cannot see them. One root scanner
// marks every listener (and every value a counting listener keeps), so a closure stays alive as
// long as it is registered, however often the collector runs: this is seed 000's emitter
// pattern, and the calls file runs it under PERRY_GC_STRESS=1, which collects on every
// allocation. Each listener also keeps its closure's serial, so that a listener the collector
// had swept anyway (a missing scanner) would be detected and skipped instead of called.
//
// Everything here runs on the main thread (closures and the GC are main-thread only), so the
// maps need no lock: the scanner runs inside an allocation on that same thread.
#include <perry/ffi.hpp>
// The prototypes of package.json's functions (generated at build time).
#include "perry_signatures.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Listener {
    PerryValue closure;
    uint64_t serial;
};

// The emitter's state: the listeners per event, and what the native counting listeners saw.
struct State {
    std::unordered_map<std::string, std::vector<Listener>> listeners;
    std::unordered_map<std::string, double> counts;
    std::unordered_map<std::string, PerryValue> last_values;
};

State& state() {
    static State instance;
    return instance;
}

// Marks every value the state holds. Runs during a collection: it must not allocate.
void scan_roots(PerryGcMarker* marker, void*) {
    for (const auto& [event, listeners] : state().listeners) {
        for (const Listener& listener : listeners)
            perry_gc_mark_value(marker, listener.closure);
    }
    for (const auto& [event, value] : state().last_values)
        perry_gc_mark_value(marker, value);
}

void ensure_scanner() {
    // Idempotent by name, so every entry point may call it (also after a runtime restart).
    perry::gc_register_root_scanner("perry-examples.emitter", scan_roots);
}

std::string string_argument(const PerryStringHeader* header) {
    if (header == nullptr)
        throw perry::TypeError("expected a string", "ERR_INVALID_ARG_TYPE");
    return std::string(perry_string_header_bytes(header), header->byte_len);
}

// Whether the listener's closure is still the live object it was (see the file comment).
bool is_alive(const Listener& listener) {
    return perry_closure_from_serial(listener.serial) == listener.closure;
}

double add_listener(const std::string& event, PerryValue closure) {
    if (!perry_closure_is(closure)) {
        throw perry::TypeError(std::string("the listener must be a function, not ") +
                                   perry_value_typeof(closure),
                               "ERR_INVALID_ARG_TYPE");
    }
    ensure_scanner();
    std::vector<Listener>& listeners = state().listeners[event];
    listeners.push_back({closure, perry_closure_serial(closure)});
    return static_cast<double>(listeners.size());
}

// The body of a counting listener: counts its calls under the event it captured and keeps the
// last value it received (a root of the scanner from then on).
PerryValue count_call(const PerryClosureCall* call) {
    std::string event = perry::read_string(call->captures[0]).value_or("");
    state().counts[event] += 1;
    state().last_values[event] = call->argc > 0 ? call->args[0] : PERRY_UNDEFINED;
    return PERRY_UNDEFINED;
}

// Pins values for the duration of a scope: the snapshot an emit walks must survive listeners
// that remove each other (an `off` inside a listener) while the collector runs.
class PinnedSnapshot {
  public:
    explicit PinnedSnapshot(std::vector<Listener> listeners) : listeners_(std::move(listeners)) {
        for (const Listener& listener : listeners_)
            perry_gc_pin(listener.closure);
    }
    ~PinnedSnapshot() {
        for (const Listener& listener : listeners_)
            perry_gc_unpin(listener.closure);
    }
    PinnedSnapshot(const PinnedSnapshot&) = delete;
    PinnedSnapshot& operator=(const PinnedSnapshot&) = delete;
    const std::vector<Listener>& listeners() const { return listeners_; }

  private:
    std::vector<Listener> listeners_;
};

} // namespace

// `on(event: string, listener: (value: unknown) => void): number`: the event's listener count.
extern "C" double js_emitter_on(const PerryStringHeader* event, double listener) {
    return perry::guard(
        [&] { return add_listener(string_argument(event), perry_value_from_abi(listener)); });
}

// `onCounter(event: string): number`: adds a listener made here, in native code, that counts its
// calls (see count and last). A calls file cannot pass a JavaScript function, so this is how it
// puts a closure, held only by native memory, in front of the collector.
extern "C" double js_emitter_on_counter(const PerryStringHeader* event) {
    return perry::guard([&] {
        const std::string name = string_argument(event);
        const PerryValue captured = perry::alloc_string(name);
        const perry::Closure counter = perry::Closure::make(count_call, {captured});
        return add_listener(name, perry::check_value(counter.value()));
    });
}

// `emit(event: string, value: unknown): number`: calls each listener with `value`, in the order
// they were added; returns how many were called. A listener that throws stops the emit and the
// exception propagates to the caller, as in node.
extern "C" double js_emitter_emit(const PerryStringHeader* event, double value) {
    return perry::guard([&] {
        const std::string name = string_argument(event);
        auto found = state().listeners.find(name);
        if (found == state().listeners.end())
            return 0.0;
        const PinnedSnapshot snapshot(found->second);
        const PerryValue argument = perry_value_from_abi(value);
        double called = 0;
        for (const Listener& listener : snapshot.listeners()) {
            if (!is_alive(listener))
                continue;
            const perry::CallResult result = perry::Closure(listener.closure).call1(argument);
            ++called;
            if (result.threw())
                break; // the exception stays pending for the caller
        }
        return called;
    });
}

// `off(event: string): number`: removes every listener of the event; returns how many.
extern "C" double js_emitter_off(const PerryStringHeader* event) {
    return perry::guard([&] {
        auto found = state().listeners.find(string_argument(event));
        if (found == state().listeners.end())
            return 0.0;
        const double removed = static_cast<double>(found->second.size());
        state().listeners.erase(found);
        return removed;
    });
}

// `count(event: string): number`: the calls the counting listeners of the event received.
extern "C" double js_emitter_count(const PerryStringHeader* event) {
    return perry::guard([&] {
        auto found = state().counts.find(string_argument(event));
        return found == state().counts.end() ? 0.0 : found->second;
    });
}

// `last(event: string): unknown`: the value a counting listener of the event last received.
extern "C" double js_emitter_last(const PerryStringHeader* event) {
    return perry::guard([&] {
        auto found = state().last_values.find(string_argument(event));
        return perry_value_to_abi(found == state().last_values.end() ? PERRY_UNDEFINED
                                                                     : found->second);
    });
}

// `collect(): number`: runs a full collection, then returns how many registered listeners are
// still the live closures they were. With the scanner that is every listener.
extern "C" double js_emitter_collect(void) {
    return perry::guard([] {
        perry::check(perry_gc_collect());
        double alive = 0;
        for (const auto& [event, listeners] : state().listeners) {
            for (const Listener& listener : listeners)
                alive += is_alive(listener) ? 1 : 0;
        }
        return alive;
    });
}
