/* A binding with a function for every parameter and return type of the type table, for the
 * call shims' end-to-end test (shims_test.cpp). Written in C, as the shims are. */
#include "perry/ffi.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- parameters ---- */
double js_t_add(double a, double b) {
    return a + b;
}
double js_t_half(double x) {
    return x / 2;
} /* f64 -> f64 */
int32_t js_t_i32(int32_t x) {
    return x;
} /* i32 -> i32 */
int64_t js_t_i64_next(int64_t x) {
    return x + 1;
} /* i64 -> i64 */
bool js_t_not(bool x) {
    return !x;
} /* bool -> bool */
int32_t js_t_first_byte(const void* p) { /* ptr -> i32 */
    return p == NULL ? -1 : ((const uint8_t*)p)[0];
}
double js_t_buffer_sum(const PerryBufferHeader* buffer) { /* buffer -> number */
    const uint8_t* bytes = (const uint8_t*)(buffer + 1);
    double sum = 0;
    for (uint32_t i = 0; i < buffer->length; ++i) {
        sum += bytes[i];
    }
    return sum;
}
const PerryStringHeader* js_t_greet(const PerryStringHeader* name) { /* string -> string */
    char text[256];
    int length = snprintf(text, sizeof text, "hello, %.*s", (int)name->byte_len,
                          perry_string_header_bytes(name));
    PerryValue value = perry_string_from_utf8(text, (size_t)length);
    return perry_string_header(&value);
}
const PerryStringHeader* js_t_json_echo(const PerryStringHeader* json) { /* json -> string */
    return json;
}
const PerryStringHeader* js_t_same(const PerryStringHeader* s) {
    return s;
} /* string -> ptr */
const PerryStringHeader* js_t_typeof(double value) { /* jsvalue -> string */
    PerryValue text = perry_string_from_cstr(perry_value_typeof(perry_value_from_abi(value)));
    return perry_string_header(&text);
}
double js_t_identity(double value) {
    return value;
} /* jsvalue -> jsvalue */
double js_t_bigint(int64_t x) { /* i64 -> jsvalue (a BigInt) */
    return perry_value_to_abi(perry_bigint_from_int64(x));
}

/* A value the notation cannot write as an argument: functions inside an array and an object,
 * one array twice (not a cycle), and an array and an object that contain themselves. */
static PerryValue return_nothing(const PerryClosureCall* call) {
    (void)call;
    return PERRY_UNDEFINED;
}
double js_t_odd_values(void) { /* -> jsvalue */
    PerryValue result = perry_object_new(NULL);
    PerryValue list = perry_array_new(2);
    PerryValue shared = perry_array_new(1);
    PerryValue loop = perry_array_new(1);
    perry_object_set_cstr(result, "f", perry_closure_new(return_nothing, NULL, 0));
    perry_object_set_cstr(result, "list", list);
    perry_array_push(list, perry_closure_new(return_nothing, NULL, 0));
    perry_array_push(list, PERRY_UNDEFINED);
    perry_array_push(shared, perry_value_from_int32(1));
    PerryValue pair[2];
    pair[0] = shared;
    pair[1] = shared;
    perry_object_set_cstr(result, "twice", perry_array_from_values(pair, 2));
    perry_array_push(loop, loop);
    perry_object_set_cstr(result, "loop", loop);
    perry_object_set_cstr(result, "self", result);
    return perry_value_to_abi(result);
}

/* ---- returns ---- */
int64_t js_t_label(double x) { /* number -> i64_str */
    char text[64];
    PerryValue value;
    if (x == 0) {
        return 0;
    }
    snprintf(text, sizeof text, "label %g", x);
    value = perry_string_from_cstr(text);
    return (int64_t)(uintptr_t)perry_string_header(&value);
}
static double g_last = 0;
void js_t_store(double x) {
    g_last = x;
} /* number -> void */
double js_t_last(void) {
    return g_last;
} /* () -> number */
const PerryBufferHeader* js_t_bytes(int32_t n) { /* i32 -> buffer */
    PerryValue buffer;
    uint8_t* data;
    if (n < 0) {
        return NULL;
    }
    buffer = perry_buffer_alloc((size_t)n);
    data = perry_buffer_data(buffer);
    for (int32_t i = 0; i < n; ++i) {
        data[i] = (uint8_t)i;
    }
    return (const PerryBufferHeader*)perry_value_to_pointer(buffer);
}
const PerryStringHeader* js_t_maybe(bool some) { /* bool -> string or NULL */
    PerryValue value = perry_string_from_cstr("some text");
    return some ? perry_string_header(&value) : NULL;
}

/* ---- errors and promises ---- */
void js_t_throw(const PerryStringHeader* message) { /* a thrown RangeError + code */
    perry_throw_error(PERRY_ERROR_RANGE_ERROR, perry_string_header_bytes(message),
                      message->byte_len, "E_TEST", 6);
}

typedef struct AddTask {
    double a, b;
} AddTask;

static PerryValue add_on_worker(void* ctx) {
    AddTask* task = (AddTask*)ctx;
    double sum = task->a + task->b;
    free(task);
    if (sum < 0) {
        perry_task_reject_string("negative sum", 12);
        return PERRY_UNDEFINED;
    }
    return perry_value_from_number(sum);
}

PerryValue js_t_add_async(double a, double b) { /* settled on the pool */
    AddTask* task = (AddTask*)malloc(sizeof *task);
    task->a = a;
    task->b = b;
    return perry_spawn_blocking(add_on_worker, task);
}
