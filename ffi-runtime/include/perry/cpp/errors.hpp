// perry/cpp/errors.hpp: C++ exceptions that map to JavaScript errors, and the guard that keeps
// them from crossing extern "C". Part of perry/ffi.hpp.
#pragma once

#include "perry/ffi.h"

#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace perry {

// A JavaScript error to throw: its type, message and optional code (empty: none). Functions of
// this layer throw it when a C call fails (message: the status message, code: the status name).
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, std::string code = {},
                   PerryErrorType type = PERRY_ERROR_ERROR)
        : std::runtime_error(message), code_(std::move(code)), type_(type) {}
    const std::string& code() const noexcept { return code_; }
    PerryErrorType type() const noexcept { return type_; }

  private:
    std::string code_;
    PerryErrorType type_;
};

class TypeError : public Error {
  public:
    explicit TypeError(const std::string& message, std::string code = {})
        : Error(message, std::move(code), PERRY_ERROR_TYPE_ERROR) {}
};

class RangeError : public Error {
  public:
    explicit RangeError(const std::string& message, std::string code = {})
        : Error(message, std::move(code), PERRY_ERROR_RANGE_ERROR) {}
};

// The Error for a failed C call.
inline Error status_error(PerryStatus status) {
    return Error(perry_status_message(status), perry_status_name(status),
                 status == PERRY_STATUS_TYPE_MISMATCH || status == PERRY_STATUS_WRONG_HANDLE_TYPE
                     ? PERRY_ERROR_TYPE_ERROR
                 : status == PERRY_STATUS_TOO_LARGE ? PERRY_ERROR_RANGE_ERROR
                                                    : PERRY_ERROR_ERROR);
}

// Throws status_error(status) unless it is PERRY_OK.
inline void check(PerryStatus status) {
    if (status != PERRY_OK) {
        throw status_error(status);
    }
}

// Throws a JavaScript error value now (sets the pending exception); for use in a binding that
// then returns. Never throws a C++ exception.
inline void throw_js_error(PerryErrorType type, const std::string& message,
                           const std::string& code = {}) noexcept {
    perry_throw_error(type, message.data(), message.size(), code.empty() ? nullptr : code.data(),
                      code.size());
}

// Runs a binding body and converts whatever C++ exception escapes it into a pending JavaScript
// exception (perry::Error keeps its type and code; std::exception becomes an Error with its
// what(); anything else an Error "unknown C++ exception"), then returns a value-initialised
// result (PERRY_UNDEFINED for a PerryValue). Use it as the whole body of an extern "C" binding:
//   extern "C" double js_pkg_fn(double x) { return perry::guard([&] { ... }); }
template <class Body> auto guard(Body&& body) noexcept -> decltype(body()) {
    using Result = decltype(body());
    try {
        return body();
    } catch (const Error& error) {
        throw_js_error(error.type(), error.what(), error.code());
    } catch (const std::bad_alloc&) {
        throw_js_error(PERRY_ERROR_RANGE_ERROR, "out of memory", "ENOMEM");
    } catch (const std::exception& error) {
        throw_js_error(PERRY_ERROR_ERROR, error.what());
    } catch (...) {
        throw_js_error(PERRY_ERROR_ERROR, "unknown C++ exception");
    }
    if constexpr (std::is_same_v<Result, PerryValue>) {
        return PERRY_UNDEFINED;
    } else if constexpr (!std::is_void_v<Result>) {
        return Result{};
    }
}

} // namespace perry
