// @perry-tests/every-type: one function per parameter and return type of the manifest type table
// (resolver/include/perry/resolver/type_table.def), each defined with the C type the table gives,
// plus an async function settled from the blocking pool, a handle-based class and a callback.
// `perry native run` calls them through generated shims; every-type.calls holds the expectations.
#include <perry/ffi.hpp>

#include <cstdint>
#include <string>

namespace {

PerryValue string_value(const PerryStringHeader* header) {
    return perry_value_from_pointer(PERRY_TAG_STRING, header);
}

// A string return is the header of a heap string (perry_string_header copies a short one).
const PerryStringHeader* string_result(const std::string& text) {
    PerryValue value = perry::alloc_string(text);
    return perry_string_header(&value);
}

const uint8_t* buffer_bytes(const PerryBufferHeader* header) {
    return reinterpret_cast<const uint8_t*>(header + 1);
}

struct Counter {
    double total = 0;
};

} // namespace

extern "C" const PerryStringHeader* js_every_echo_string(const PerryStringHeader* text) {
    return perry::guard([&] {
        return string_result("<" + perry::read_string(string_value(text)).value_or("?") + ">");
    });
}

extern "C" double js_every_double_number(double x) {
    return x * 2;
}

extern "C" int32_t js_every_echo_i32(int32_t x) {
    return x;
}

extern "C" int64_t js_every_next_i64(int64_t x) {
    return x + 1;
}

// i64_str: the integer is the address of a string header.
extern "C" int64_t js_every_i64_text(int64_t x) {
    return perry::guard([&] {
        return static_cast<int64_t>(reinterpret_cast<intptr_t>(string_result(std::to_string(x))));
    });
}

extern "C" bool js_every_not(bool b) {
    return !b;
}

// ptr: a Buffer's first byte, or NULL for null and undefined.
extern "C" int32_t js_every_first_byte(const void* bytes) {
    return bytes == nullptr ? -1 : *static_cast<const uint8_t*>(bytes);
}

extern "C" double js_every_half_f64(double x) {
    return x / 2;
}

// json: the argument's JSON text arrives as a string; returned as is through a `ptr` return.
extern "C" const PerryStringHeader* js_every_json_text(const PerryStringHeader* json) {
    return json;
}

extern "C" const PerryStringHeader* js_every_type_of(double value) {
    return perry::guard(
        [&] { return string_result(perry_value_typeof(perry_value_from_abi(value))); });
}

extern "C" double js_every_byte_sum(const PerryBufferHeader* buffer) {
    double sum = 0;
    for (uint32_t i = 0; i < buffer->length; ++i)
        sum += buffer_bytes(buffer)[i];
    return sum;
}

extern "C" const PerryBufferHeader* js_every_reversed(const PerryBufferHeader* buffer) {
    return perry::guard([&]() -> const PerryBufferHeader* {
        const uint32_t length = buffer->length;
        const PerryValue out = perry::alloc_buffer(length);
        uint8_t* data = perry_buffer_data(out);
        for (uint32_t i = 0; i < length; ++i)
            data[i] = buffer_bytes(buffer)[length - 1 - i];
        return static_cast<const PerryBufferHeader*>(perry_value_to_pointer(out));
    });
}

// jsvalue return: an object { name, value }.
extern "C" double js_every_pair(const PerryStringHeader* name, double value) {
    return perry::guard([&] {
        const PerryValue object = perry::alloc_object();
        perry::object_set(object, "name", string_value(name));
        perry::object_set(object, "value", perry_value_from_number(value));
        return perry_value_to_abi(object);
    });
}

extern "C" void js_every_nothing(void) {}

extern "C" void js_every_fail(const PerryStringHeader* message) {
    perry::guard([&] {
        throw perry::RangeError(perry::read_string(string_value(message)).value_or(""), "E_EVERY");
    });
}

extern "C" PerryValue js_every_sum_async(double a, double b) {
    return perry::guard([&] {
        return perry::spawn_blocking([a, b] { return perry_value_from_number(a + b); }).value();
    });
}

extern "C" PerryValue js_every_fail_async(const PerryStringHeader* message) {
    return perry::guard([&] {
        std::string text = perry::read_string(string_value(message)).value_or("");
        return perry::spawn_blocking([text]() -> PerryValue { throw perry::Error(text); }).value();
    });
}

extern "C" int64_t js_every_counter_new(double start) {
    return perry::guard([&] { return perry::make_handle<Counter>(Counter{start}); });
}

// NaN for a freed or foreign handle.
extern "C" double js_every_counter_add(int64_t handle, double amount) {
    Counter* counter = perry::get_handle<Counter>(handle);
    return counter != nullptr ? counter->total += amount : __builtin_nan("");
}

extern "C" bool js_every_counter_free(int64_t handle) {
    return perry_handle_drop(handle, perry::handle_type<Counter>()) == PERRY_OK;
}

// A callback: the binding makes a closure that adds its captured step, and calls it twice
// through the runtime (the path a binding takes to call back into JavaScript).
extern "C" double js_every_apply_twice(double x) {
    return perry::guard([&] {
        const perry::Closure add_ten = perry::Closure::make(
            [](const PerryClosureCall* call) {
                return perry_value_from_number(perry_value_to_number(call->args[0]) +
                                               perry_value_to_number(call->captures[0]));
            },
            {perry_value_from_number(10)});
        const perry::CallResult once = add_ten.call1(perry_value_from_number(x));
        const perry::CallResult twice = add_ten.call1(once.value);
        return perry_value_to_number(twice.value);
    });
}
