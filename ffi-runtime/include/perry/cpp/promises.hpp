// perry/cpp/promises.hpp: the C++ view of promises (included by perry/ffi.hpp).
#pragma once

#include "perry/ffi.h"

#include <string_view>

namespace perry {

// A non-owning view of a promise value. A promise from Promise::make() (or spawn_blocking) is
// rooted by the runtime until settled, so it may be handed to another thread as is; settle it
// from any thread.
class Promise {
  public:
    Promise() = default;
    explicit Promise(PerryValue value) : value_(value) {}

    static Promise make() { return Promise(perry_promise_new()); }

    PerryValue value() const { return value_; }
    bool valid() const { return perry_promise_is(value_); }

    // Any thread. PERRY_OK, or ALREADY_SETTLED / SHUT_DOWN / ... (see perry/ffi/promises.h).
    PerryStatus resolve(PerryValue value) const { return perry_promise_resolve(value_, value); }
    PerryStatus reject(PerryValue reason) const { return perry_promise_reject(value_, reason); }
    PerryStatus reject_string(std::string_view message) const {
        return perry_promise_reject_string(value_, message.data(), message.size());
    }

    // Main thread.
    PerryPromiseState state() const { return perry_promise_state(value_); }
    PerryValue result() const { return perry_promise_result(value_); }
    bool is_pending() const { return state() == PERRY_PROMISE_PENDING; }

  private:
    PerryValue value_ = PERRY_UNDEFINED;
};

} // namespace perry
