// perry/cpp/emitter.hpp: a small event emitter whose listeners survive the GC (included by
// perry/ffi.hpp).
//
// The pattern of seed 000's emitter, done right: listeners are closure VALUES kept in native
// memory the collector cannot see, so every emitter that must keep them alive is listed in one
// registry that a single root scanner (registered idempotently by name) marks; the registry is
// guarded by a mutex because an emitter stored in a handle may be destroyed on any thread. Each
// listener also keeps its closure's serial, and a listener whose closure is gone (an emitter
// kept across a runtime shutdown and init, which frees every closure) is detected
// (perry_closure_from_serial) and dropped instead of calling freed memory.
#pragma once

#include "perry/cpp/closures.hpp"
#include "perry/ffi.h"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace perry {

class EventEmitter {
  public:
    struct EmitResult {
        uint32_t called = 0;    // listeners called
        uint32_t threw = 0;     // of those, listeners that threw (exception left pending)
        uint32_t collected = 0; // listeners whose closure was gone: skipped and removed
    };

    EventEmitter() {
        std::lock_guard<std::mutex> lock(registry_mutex());
        registry().push_back(this);
    }
    ~EventEmitter() {
        std::lock_guard<std::mutex> lock(registry_mutex());
        auto& emitters = registry();
        emitters.erase(std::remove(emitters.begin(), emitters.end(), this), emitters.end());
    }
    EventEmitter(const EventEmitter&) = delete;
    EventEmitter& operator=(const EventEmitter&) = delete;

    // Adds a listener (a closure). Main thread. NOT_CALLABLE for a non-closure; the scanner
    // registration's status otherwise.
    PerryStatus on(const std::string& event, PerryValue listener) {
        if (!perry_closure_is(listener)) {
            return PERRY_STATUS_NOT_CALLABLE;
        }
        // Idempotent: cheap to repeat, and it survives a runtime shutdown/init cycle.
        const PerryStatus status =
            perry_gc_register_root_scanner("perry.cpp.EventEmitter", scan, nullptr, nullptr);
        if (status != PERRY_OK) {
            return status;
        }
        std::lock_guard<std::mutex> lock(registry_mutex());
        listeners_[event].push_back({listener, perry_closure_serial(listener)});
        return PERRY_OK;
    }

    // Calls every live listener of `event` with `args`. Main thread.
    EmitResult emit(const std::string& event, const PerryValue* args, uint32_t argc) {
        EmitResult result;
        std::vector<Listener> snapshot;
        {
            std::lock_guard<std::mutex> lock(registry_mutex());
            auto it = listeners_.find(event);
            if (it == listeners_.end()) {
                return result;
            }
            snapshot = it->second; // a listener may add listeners
        }
        for (const Listener& listener : snapshot) {
            // Never trust the stored value alone: the serial says whether it is still alive.
            const PerryValue live = perry_closure_from_serial(listener.serial);
            if (live == PERRY_UNDEFINED || live != listener.closure) {
                result.collected++;
                forget(event, listener.serial);
                continue;
            }
            const CallResult call = Closure(live).call_this(PERRY_UNDEFINED, args, argc);
            result.called++;
            if (call.threw()) {
                result.threw++;
            }
        }
        return result;
    }
    EmitResult emit1(const std::string& event, PerryValue arg) { return emit(event, &arg, 1); }

    size_t listener_count(const std::string& event) const {
        std::lock_guard<std::mutex> lock(registry_mutex());
        auto it = listeners_.find(event);
        return it == listeners_.end() ? 0 : it->second.size();
    }

  private:
    struct Listener {
        PerryValue closure;
        uint64_t serial;
    };

    void forget(const std::string& event, uint64_t serial) {
        std::lock_guard<std::mutex> lock(registry_mutex());
        auto& list = listeners_[event];
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [serial](const Listener& l) { return l.serial == serial; }),
                   list.end());
    }

    // The one root scanner of every scanned emitter.
    static void scan(PerryGcMarker* marker, void*) {
        std::lock_guard<std::mutex> lock(registry_mutex());
        for (const EventEmitter* emitter : registry()) {
            for (const auto& entry : emitter->listeners_) {
                for (const Listener& listener : entry.second) {
                    perry_gc_mark_value(marker, listener.closure);
                }
            }
        }
    }

    static std::mutex& registry_mutex() {
        static std::mutex mutex;
        return mutex;
    }
    static std::vector<EventEmitter*>& registry() {
        static std::vector<EventEmitter*> emitters;
        return emitters;
    }

    std::unordered_map<std::string, std::vector<Listener>> listeners_;
};

} // namespace perry
