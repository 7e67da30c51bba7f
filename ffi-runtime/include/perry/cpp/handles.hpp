// perry/cpp/handles.hpp: handles typed by their C++ type. Part of perry/ffi.hpp.
//
// The type tag of T is the address of a per-type inline variable, so a lookup with another type
// returns null. register_handle<T> takes ownership (the destructor deletes the T).
#pragma once

#include "perry/ffi.h"

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace perry {

namespace detail {
template <class T> struct HandleTag { static inline const char tag = 0; };
template <class T> void delete_handle(void* pointer) {
    delete static_cast<T*>(pointer);
}
} // namespace detail

// The C type tag of T (for code that mixes the C and C++ APIs).
template <class T> PerryHandleType handle_type() noexcept {
    return &detail::HandleTag<std::remove_cv_t<T>>::tag;
}

// Registers an object the registry then owns; dropping the handle (or shutdown) deletes it.
template <class T> PerryHandle register_handle(std::unique_ptr<T> object) {
    PerryHandle id =
        perry_handle_register(object.get(), handle_type<T>(), detail::delete_handle<T>);
    if (id == PERRY_HANDLE_INVALID) {
        throw status_error(perry_last_status());
    }
    object.release();
    return id;
}
template <class T, class... Args> PerryHandle make_handle(Args&&... args) {
    return register_handle(std::make_unique<T>(std::forward<Args>(args)...));
}

// The object, or nullptr (stale id, another type). Not protected against a concurrent drop.
template <class T> T* get_handle(PerryHandle id) noexcept {
    return static_cast<T*>(perry_handle_get(id, handle_type<T>()));
}

// Runs f(T&) while the handle is held alive; returns false (without calling f) for a stale id or
// another type. An exception from f propagates after the hold is released.
template <class T, class F> bool with_handle(PerryHandle id, F&& f) {
    struct Call {
        F* f;
        std::exception_ptr error;
    } call{&f, nullptr};
    PerryStatus status = perry_handle_with(
        id, handle_type<T>(),
        [](void* pointer, void* userdata) {
            auto* c = static_cast<Call*>(userdata);
            try {
                (*c->f)(*static_cast<T*>(pointer));
            } catch (...) {
                c->error = std::current_exception(); // never unwind through the C frames
            }
        },
        &call);
    if (call.error) {
        std::rethrow_exception(call.error);
    }
    return status == PERRY_OK;
}

// Unregisters and returns ownership (no destructor runs); nullptr for a stale id/another type.
template <class T> std::unique_ptr<T> take_handle(PerryHandle id) noexcept {
    return std::unique_ptr<T>(static_cast<T*>(perry_handle_take(id, handle_type<T>())));
}
// Unregisters and deletes; false for a stale id or another type.
template <class T> bool drop_handle(PerryHandle id) noexcept {
    return perry_handle_drop(id, handle_type<T>()) == PERRY_OK;
}
template <class T> bool handle_exists(PerryHandle id) noexcept {
    return perry_handle_exists(id, handle_type<T>());
}

// Calls f(PerryHandle, T&) for every live handle of type T (each held alive during its call).
template <class T, class F> void iter_handles_of(F&& f) {
    struct Call {
        F* f;
        std::exception_ptr error;
    } call{&f, nullptr};
    check(perry_handle_iterate(
        handle_type<T>(),
        [](PerryHandle id, void* pointer, void* userdata) {
            auto* c = static_cast<Call*>(userdata);
            if (c->error) {
                return;
            }
            try {
                (*c->f)(id, *static_cast<T*>(pointer));
            } catch (...) {
                c->error = std::current_exception();
            }
        },
        &call));
    if (call.error) {
        std::rethrow_exception(call.error);
    }
}
// The ids of every live handle of type T.
template <class T> std::vector<PerryHandle> handles_of() {
    std::vector<PerryHandle> ids;
    iter_handles_of<T>([&](PerryHandle id, T&) { ids.push_back(id); });
    return ids;
}

} // namespace perry
