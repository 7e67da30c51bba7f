// Kind queries and identity (Object.is) over NaN-boxed values.
#include "heap.h"
#include "strings_internal.h"

#include <cstring>

extern "C" {

PerryKind perry_value_kind(PerryValue v) {
    switch (perry_value_tag(v)) {
    case PERRY_TAG_SPECIAL:
        if (v == PERRY_UNDEFINED) {
            return PERRY_KIND_UNDEFINED;
        }
        if (v == PERRY_NULL) {
            return PERRY_KIND_NULL;
        }
        if (v == PERRY_TRUE || v == PERRY_FALSE) {
            return PERRY_KIND_BOOLEAN;
        }
        // Other payloads under the special tag are not values; report them as undefined
        // rather than as a number so they are never read as one.
        return PERRY_KIND_UNDEFINED;
    case PERRY_TAG_STRING:
    case PERRY_TAG_SHORT_STRING:
        return PERRY_KIND_STRING;
    case PERRY_TAG_BIGINT:
        return PERRY_KIND_BIGINT;
    case PERRY_TAG_OBJECT: {
        void* payload = perry_value_to_pointer(v);
        return payload != nullptr ? perry::heap::ops_of(payload)->kind : PERRY_KIND_UNDEFINED;
    }
    default:
        return PERRY_KIND_NUMBER;
    }
}

const char* perry_value_typeof(PerryValue v) {
    switch (perry_value_kind(v)) {
    case PERRY_KIND_UNDEFINED:
        return "undefined";
    case PERRY_KIND_BOOLEAN:
        return "boolean";
    case PERRY_KIND_NUMBER:
        return "number";
    case PERRY_KIND_STRING:
        return "string";
    case PERRY_KIND_BIGINT:
        return "bigint";
    case PERRY_KIND_FUNCTION:
        return "function";
    default:
        return "object";
    }
}

// Object.is: numbers by value with NaN equal to itself and +0 distinct from -0 (an int32 and a
// double holding the same number are the same); strings by content (heap and short alike);
// everything else by identity.
bool perry_value_same(PerryValue a, PerryValue b) {
    if (a == b) {
        return true;
    }
    if (perry_value_is_number(a) && perry_value_is_number(b)) {
        const double x = perry_value_to_number(a);
        const double y = perry_value_to_number(b);
        if (x != x || y != y) {
            return x != x && y != y;
        }
        uint64_t xbits;
        uint64_t ybits;
        std::memcpy(&xbits, &x, sizeof xbits);
        std::memcpy(&ybits, &y, sizeof ybits);
        return xbits == ybits; // distinguishes +0 and -0
    }
    if (perry_value_is_string(a) && perry_value_is_string(b)) {
        return perry_string_equals(a, b);
    }
    if (perry_value_is_bigint(a) && perry_value_is_bigint(b)) {
        int order = 1;
        return perry_bigint_compare(a, b, &order) == PERRY_OK && order == 0; // Object.is(1n, 1n)
    }
    return false;
}

} // extern "C"
