/*
 * {{PACKAGE_NAME}}: one function per TypeScript-visible call.
 *
 * Each function is declared in package.json's perry.nativeLibrary.functions with its parameter
 * and return types, and each manifest type has one C type (perry's type table, docs/resolver/
 * types.md): `string` arrives and returns as `const PerryStringHeader*`, `number` is `double`,
 * `i64` is `int64_t`, `bool` is `bool`, `promise` and `jsvalue` are PerryValue / double.
 */
#include <perry/ffi.h>

/* The prototype of every function of package.json, generated from it at build time
 * (`perry native header`): a definition here that disagrees with the manifest does not compile. */
#include "perry_signatures.h"

#include <stdlib.h>
#include <string.h>

/* `hello(name: string): string`. The name arrives as its string's heap header; the greeting goes
 * back as one (perry_string_header gives it, copying a short string to the heap). A failure
 * throws a JavaScript error and returns NULL (undefined). */
const PerryStringHeader* {{HELLO_SYMBOL}}(const PerryStringHeader* name) {
    static const char prefix[] = "Hello, ";
    PerryValue name_value = perry_string_from_header(name);
    const char* name_bytes = NULL;
    size_t name_length = 0;
    if (perry_string_bytes(&name_value, &name_bytes, &name_length) != PERRY_OK) {
        perry_throw_error_cstr(PERRY_ERROR_TYPE_ERROR, "hello: the name is not a string", NULL);
        return NULL;
    }
    const size_t length = sizeof prefix - 1 + name_length + 1;
    char* text = malloc(length);
    if (text == NULL) {
        perry_throw_error_cstr(PERRY_ERROR_RANGE_ERROR, "hello: out of memory", "ENOMEM");
        return NULL;
    }
    memcpy(text, prefix, sizeof prefix - 1);
    memcpy(text + sizeof prefix - 1, name_bytes, name_length);
    text[length - 1] = '!';
    PerryValue greeting = perry_string_from_utf8(text, length);
    free(text);
    const PerryStringHeader* header = perry_string_header(&greeting);
    if (header == NULL) {
        perry_throw_error_cstr(PERRY_ERROR_ERROR, perry_status_message(perry_last_status()), NULL);
    }
    return header;
}
