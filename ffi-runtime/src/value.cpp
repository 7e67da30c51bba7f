// Kind queries over NaN-boxed values.
#include "heap.h"

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

} // extern "C"
