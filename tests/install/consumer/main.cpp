// Uses the installed runtime through the C++ layer. Prints one line and exits 0 when every
// check holds.
#include <perry/ffi.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace {
struct Widget {
    int size = 3;
};
} // namespace

extern "C" PerryValue js_consumer_fail(PerryValue) {
    return perry::guard([]() -> PerryValue { throw perry::RangeError("too big", "E_BIG"); });
}

int main() {
    if (perry_runtime_init(nullptr) != PERRY_OK) {
        return 1;
    }
    PerryValue s = perry::alloc_string("from c++");
    PerryHandle id = perry::make_handle<Widget>();
    int size = 0;
    perry::with_handle<Widget>(id, [&](Widget& w) { size = w.size; });
    js_consumer_fail(PERRY_UNDEFINED);
    PerryValue error = perry_exception_take();
    std::string code = perry::read_string(perry_error_code(error)).value_or("?");
    const bool ok = perry::read_string(s).value_or("") == "from c++" && size == 3 &&
                    code == "E_BIG" && perry::drop_handle<Widget>(id);
    perry_runtime_shutdown();
    std::printf("c++: %s %d %s\n", ok ? "ok" : "FAILED", size, code.c_str());
    return ok ? 0 : 1;
}
