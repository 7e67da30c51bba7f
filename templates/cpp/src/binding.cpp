// {{PACKAGE_NAME}}: one extern "C" function per TypeScript-visible call.
//
// Each function is declared in package.json's perry.nativeLibrary.functions with its parameter
// and return types, and each manifest type has one C type (perry's type table, docs/resolver/
// types.md): `string` arrives and returns as `const PerryStringHeader*`, `number` is `double`,
// `i64` is `int64_t`, `bool` is `bool`, `promise` and `jsvalue` are PerryValue / double.
#include <perry/ffi.hpp>

// The prototype of every function of package.json, generated from it at build time
// (`perry native header`): a definition here that disagrees with the manifest does not compile.
#include "perry_signatures.h"

#include <string>

// `hello(name: string): string`. The name arrives as its string's heap header; the greeting goes
// back as one (perry_string_header gives it, copying a short string to the heap). perry::guard
// turns a C++ exception into a JavaScript error instead of letting it cross `extern "C"`.
extern "C" const PerryStringHeader* {{HELLO_SYMBOL}}(const PerryStringHeader* name) {
    return perry::guard([&]() -> const PerryStringHeader* {
        const PerryValue name_value = perry_string_from_header(name);
        PerryValue greeting =
            perry::alloc_string("Hello, " + perry::read_string(name_value).value_or("") + "!");
        return perry_string_header(&greeting);
    });
}
