// The C++ layer (perry/ffi.hpp): the Rust-like names over each surface, typed handles, and the
// guard that turns an escaping C++ exception into a thrown JavaScript error.
#include <perry/ffi.hpp>

#include "runtime_fixture.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace perry::testing;

using CppLayer = RuntimeTest;

TEST_F(CppLayer, StringsAndBytes) {
    PerryValue s = perry::alloc_string("h\xC3\xA9llo w\xF0\x9F\x98\x80rld");
    EXPECT_EQ(perry::read_string(s).value(), "h\xC3\xA9llo w\xF0\x9F\x98\x80rld");
    EXPECT_EQ(perry::string_utf16_length(s), 12u);
    PerryValue short_s = perry::alloc_string("ab");
    EXPECT_TRUE(perry_value_is_short_string(short_s));
    EXPECT_EQ(perry::read_string(short_s).value(), "ab");
    EXPECT_FALSE(perry::read_string(PERRY_NULL).has_value());
    EXPECT_THROW(perry::alloc_string("\xFF"), perry::Error);
    try {
        perry::alloc_string("\xC0\x80");
    } catch (const perry::Error& error) {
        EXPECT_EQ(error.code(), "PERRY_STATUS_INVALID_UTF8");
        EXPECT_STREQ(error.what(), "the bytes are not valid UTF-8");
    }
    PerryValue bytes = perry::alloc_bytes(std::vector<uint8_t>{0, 255, 7});
    EXPECT_EQ(perry::read_bytes(bytes).value(), (std::vector<uint8_t>{0, 255, 7}));
    EXPECT_EQ(perry::read_bytes(perry::alloc_string("xy")).value(),
              (std::vector<uint8_t>{'x', 'y'}));
}

TEST_F(CppLayer, Buffers) {
    PerryValue b = perry::alloc_buffer(std::vector<uint8_t>{1, 2, 3});
    EXPECT_EQ(perry::read_buffer_bytes(b).value(), (std::vector<uint8_t>{1, 2, 3}));
    EXPECT_EQ(perry::read_buffer_bytes(perry::alloc_buffer(2)).value(),
              (std::vector<uint8_t>{0, 0}));
    EXPECT_FALSE(perry::read_buffer_bytes(perry::alloc_string("no")).has_value());
}

TEST_F(CppLayer, ArraysAndObjects) {
    PerryValue a = perry::alloc_array({perry_value_from_int32(1), PERRY_TRUE});
    perry::array_push(a, PERRY_NULL);
    perry::array_set(a, 5, perry_value_from_int32(5));
    EXPECT_EQ(perry::array_length(a), 6u);
    EXPECT_EQ(perry::array_get(a, 4), PERRY_UNDEFINED);
    EXPECT_THROW(perry::array_push(PERRY_NULL, PERRY_NULL), perry::Error);

    static const PerryShape* point = perry::make_shape({"x", "y"});
    PerryValue p = perry::alloc_object(point);
    perry::object_set_index(p, 0, perry_value_from_int32(3));
    perry::object_set(p, "y", perry_value_from_int32(4));
    perry::object_set(p, "label", perry::alloc_string("origin-ish"));
    EXPECT_EQ(perry::object_get(p, "x"), perry_value_from_int32(3));
    EXPECT_EQ(perry::object_get_index(p, 1), perry_value_from_int32(4));
    EXPECT_EQ(perry::read_string(perry::object_get(p, "label")).value(), "origin-ish");
    EXPECT_THROW(perry::object_set_index(p, 9, PERRY_NULL), perry::Error);
    EXPECT_THROW(perry::make_shape({"dup", "dup"}), perry::Error);
}

namespace {

struct Connection {
    explicit Connection(std::string n) : name(std::move(n)) { live++; }
    ~Connection() { live--; }
    std::string name;
    static inline int live = 0;
};
struct Other {
    int unused = 0;
};

} // namespace

TEST_F(CppLayer, TypedHandles) {
    PerryHandle a = perry::register_handle(std::make_unique<Connection>("a"));
    PerryHandle b = perry::make_handle<Connection>("b");
    EXPECT_EQ(Connection::live, 2);
    EXPECT_EQ(perry::get_handle<Connection>(a)->name, "a");
    EXPECT_EQ(perry::get_handle<Other>(a), nullptr) << "another C++ type is another tag";
    EXPECT_NE(perry::handle_type<Connection>(), perry::handle_type<Other>());
    EXPECT_EQ(perry::handle_type<const Connection>(), perry::handle_type<Connection>());

    std::string seen;
    EXPECT_TRUE(perry::with_handle<Connection>(b, [&](Connection& c) { seen = c.name; }));
    EXPECT_EQ(seen, "b");
    EXPECT_FALSE(perry::with_handle<Other>(b, [&](Other&) { ADD_FAILURE(); }));
    EXPECT_THROW(perry::with_handle<Connection>(
                     b, [](Connection&) { throw std::runtime_error("from the body"); }),
                 std::runtime_error);
    EXPECT_TRUE(perry::handle_exists<Connection>(b)) << "the hold was released";

    EXPECT_EQ(perry::handles_of<Connection>(), (std::vector<PerryHandle>{a, b}));
    std::vector<std::string> names;
    perry::iter_handles_of<Connection>(
        [&](PerryHandle, Connection& c) { names.push_back(c.name); });
    EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));

    std::unique_ptr<Connection> owned = perry::take_handle<Connection>(a);
    ASSERT_NE(owned, nullptr);
    EXPECT_EQ(owned->name, "a");
    EXPECT_EQ(perry::take_handle<Connection>(a), nullptr);
    owned.reset();
    EXPECT_EQ(Connection::live, 1);
    EXPECT_TRUE(perry::drop_handle<Connection>(b));
    EXPECT_FALSE(perry::drop_handle<Connection>(b));
    EXPECT_EQ(Connection::live, 0);
}

namespace {

// Bindings as a C++ author writes them: the whole body inside perry::guard.
extern "C" double js_cpp_parse_port(double raw) {
    return perry::guard([&]() -> double {
        if (raw < 0 || raw > 65535) {
            throw perry::RangeError("port out of range", "ERR_PORT");
        }
        if (raw == 1) {
            throw std::logic_error("std exceptions become Error");
        }
        if (raw == 2) {
            throw 42; // not even an exception class
        }
        return raw;
    });
}

extern "C" PerryValue js_cpp_make_label(PerryValue text) {
    return perry::guard([&] {
        auto value = perry::read_string(text);
        if (!value) {
            throw perry::TypeError("expected a string");
        }
        return perry::alloc_string("label: " + *value);
    });
}

void expect_thrown(const char* name, const std::string& message, const char* code) {
    ASSERT_TRUE(perry_exception_pending());
    PerryValue e = perry_exception_take();
    EXPECT_EQ(text_of(perry_error_name(e)), name);
    EXPECT_EQ(text_of(perry_error_message(e)), message);
    if (code == nullptr) {
        EXPECT_EQ(perry_error_code(e), PERRY_UNDEFINED);
    } else {
        EXPECT_EQ(text_of(perry_error_code(e)), code);
    }
}

} // namespace

TEST_F(CppLayer, GuardTurnsEscapingExceptionsIntoThrownJsErrors) {
    EXPECT_EQ(js_cpp_parse_port(8080), 8080);
    EXPECT_FALSE(perry_exception_pending());
    EXPECT_EQ(js_cpp_parse_port(70000), 0.0) << "value-initialised result";
    expect_thrown("RangeError", "port out of range", "ERR_PORT");
    js_cpp_parse_port(1);
    expect_thrown("Error", "std exceptions become Error", nullptr);
    js_cpp_parse_port(2);
    expect_thrown("Error", "unknown C++ exception", nullptr);

    EXPECT_EQ(text_of(js_cpp_make_label(perry::alloc_string("x"))), "label: x");
    EXPECT_EQ(js_cpp_make_label(PERRY_NULL), PERRY_UNDEFINED);
    expect_thrown("TypeError", "expected a string", nullptr);
}

namespace {
PerryValue g_rooted = PERRY_UNDEFINED;
}

TEST_F(CppLayer, RootScannersAndPins) {
    uint64_t id = perry::gc_register_root_scanner(
        "test.cpp", [](PerryGcMarker* marker, void*) { perry_gc_mark_value(marker, g_rooted); });
    g_rooted = perry::alloc_string("rooted through a scanner");
    ASSERT_EQ(perry_gc_collect(), PERRY_OK);
    EXPECT_EQ(perry::read_string(g_rooted).value(), "rooted through a scanner");
    perry::gc_unregister_root_scanner(id);
    EXPECT_THROW(perry::gc_unregister_root_scanner(id), perry::Error);
    g_rooted = PERRY_UNDEFINED;
    {
        perry::PinnedValue pinned(perry::alloc_string("pinned while in scope"));
        ASSERT_EQ(perry_gc_collect(), PERRY_OK);
        EXPECT_EQ(perry::read_string(pinned.get()).value(), "pinned while in scope");
    }
}
