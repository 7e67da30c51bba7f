// Error values (kind ERROR: name, message, code) and the main thread's pending exception.
#include "errors.h"

#include "heap.h"
#include "runtime.h"
#include "strings_internal.h"

#include <cstring>
#include <mutex>

namespace perry::errors {
namespace {

struct ErrorObject {
    uint32_t type; // PerryErrorType
    uint32_t reserved;
    PerryValue name;
    PerryValue message;
    PerryValue code; // undefined when none
};

void trace_error(void* payload, heap::Marker& marker) {
    auto* error = static_cast<ErrorObject*>(payload);
    marker.value(error->name);
    marker.value(error->message);
    marker.value(error->code);
}

const heap::KindOps kErrorOps{PERRY_KIND_ERROR, "error", trace_error, nullptr};

const char* type_name(PerryErrorType type) {
    switch (type) {
    case PERRY_ERROR_TYPE_ERROR:
        return "TypeError";
    case PERRY_ERROR_RANGE_ERROR:
        return "RangeError";
    case PERRY_ERROR_SYNTAX_ERROR:
        return "SyntaxError";
    default:
        return "Error";
    }
}

ErrorObject* error_of(PerryValue value) {
    if (!perry_value_is_object(value) || !heap::is_kind(value, kErrorOps)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return nullptr;
    }
    return static_cast<ErrorObject*>(perry_value_to_pointer(value));
}

// C callers may pass any int as a PerryErrorType; loading one outside the enum's range as the
// enum type is undefined behaviour in C++ (UBSan flags it), so read the bytes as an int.
bool valid_type(const PerryErrorType& type) {
    int code;
    static_assert(sizeof code == sizeof type, "PerryErrorType is int-sized");
    std::memcpy(&code, &type, sizeof code);
    return code >= PERRY_ERROR_ERROR && code <= PERRY_ERROR_SYNTAX_ERROR;
}

} // namespace
} // namespace perry::errors

namespace perry::exceptions {

bool g_pending = false;

namespace {

PerryValue g_exception = PERRY_UNDEFINED;
bool g_shutdown_hook_added = false;

void scan_pending(heap::Marker& marker) {
    if (g_pending) {
        marker.value(g_exception);
    }
}

void on_shutdown() {
    clear();
    g_shutdown_hook_added = false;
}

} // namespace

bool set_pending(PerryValue exception) {
    static std::once_flag scanner_once;
    std::call_once(scanner_once, [] { heap::add_internal_root_scanner(scan_pending); });
    if (!g_shutdown_hook_added) {
        runtime::add_shutdown_hook(on_shutdown);
        g_shutdown_hook_added = true;
    }
    if (g_pending) {
        return false;
    }
    g_pending = true;
    g_exception = exception;
    return true;
}

PerryValue peek() {
    return g_pending ? g_exception : PERRY_UNDEFINED;
}

PerryValue take() {
    PerryValue exception = peek();
    clear();
    return exception;
}

void clear() {
    g_pending = false;
    g_exception = PERRY_UNDEFINED;
}

} // namespace perry::exceptions

using namespace perry;

extern "C" {

PerryValue perry_error_new(PerryErrorType type, const char* message, size_t message_length,
                           const char* code, size_t code_length) {
    if (!errors::valid_type(type) || (message == nullptr && message_length != 0)) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    if (message_length > UINT32_MAX || (code != nullptr && code_length > UINT32_MAX)) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return PERRY_UNDEFINED;
    }
    // The error first, so that each string below is rooted through it (on our stack) while
    // the next allocation may collect. Its fields start as the zero fill, which traces as 0.0.
    auto* error = static_cast<errors::ErrorObject*>(
        heap::allocate(errors::kErrorOps, sizeof(errors::ErrorObject)));
    if (error == nullptr) {
        return PERRY_UNDEFINED;
    }
    error->type = static_cast<uint32_t>(type);
    error->code = PERRY_UNDEFINED;
    const char* name = errors::type_name(type);
    error->name = strings::make_lossy_utf8(name, std::strlen(name));
    error->message = strings::make_lossy_utf8(message, message_length);
    if (code != nullptr) {
        error->code = strings::make_lossy_utf8(code, code_length);
    }
    if (error->name == PERRY_UNDEFINED || error->message == PERRY_UNDEFINED ||
        (code != nullptr && error->code == PERRY_UNDEFINED)) {
        return PERRY_UNDEFINED; // a string failed (out of memory); its status is recorded
    }
    return perry_value_from_pointer(PERRY_TAG_OBJECT, error);
}

bool perry_value_is_error(PerryValue value) {
    return perry_value_is_object(value) && heap::is_kind(value, errors::kErrorOps);
}

PerryErrorType perry_error_type(PerryValue value) {
    errors::ErrorObject* error = errors::error_of(value);
    return error != nullptr ? static_cast<PerryErrorType>(error->type) : PERRY_ERROR_ERROR;
}

PerryValue perry_error_name(PerryValue value) {
    errors::ErrorObject* error = errors::error_of(value);
    return error != nullptr ? error->name : PERRY_UNDEFINED;
}

PerryValue perry_error_message(PerryValue value) {
    errors::ErrorObject* error = errors::error_of(value);
    return error != nullptr ? error->message : PERRY_UNDEFINED;
}

PerryValue perry_error_code(PerryValue value) {
    errors::ErrorObject* error = errors::error_of(value);
    return error != nullptr ? error->code : PERRY_UNDEFINED;
}

PerryStatus perry_throw(PerryValue exception) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (!exceptions::set_pending(exception)) {
        return runtime::fail(PERRY_STATUS_PENDING_EXCEPTION);
    }
    return PERRY_OK;
}

PerryStatus perry_throw_error(PerryErrorType type, const char* message, size_t message_length,
                              const char* code, size_t code_length) {
    if (PerryStatus status = runtime::require_main_thread(__func__); status != PERRY_OK) {
        return status;
    }
    if (!errors::valid_type(type) || (message == nullptr && message_length != 0)) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (exceptions::has_pending()) {
        return runtime::fail(PERRY_STATUS_PENDING_EXCEPTION); // the first one wins; make nothing
    }
    PerryValue error = perry_error_new(type, message, message_length, code, code_length);
    if (error == PERRY_UNDEFINED) {
        // Still throw something: the message alone if a string can be made, else undefined.
        error = strings::make_lossy_utf8(message, message != nullptr ? message_length : 0);
    }
    exceptions::set_pending(error);
    return PERRY_OK;
}

bool perry_exception_pending(void) {
    return runtime::on_main_thread() && exceptions::has_pending();
}

PerryValue perry_exception_peek(void) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    return exceptions::peek();
}

PerryValue perry_exception_take(void) {
    if (runtime::require_main_thread(__func__) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    return exceptions::take();
}

void perry_exception_clear(void) {
    if (runtime::require_main_thread(__func__) == PERRY_OK) {
        exceptions::clear();
    }
}

} // extern "C"
