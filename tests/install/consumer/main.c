/* Uses the installed runtime from C99: strings, objects, handles, errors. Prints one line and
 * exits 0 when every check holds. */
#include <perry/ffi.h>

#include <stdio.h>

static const char widget_tag = 0;

#define CHECK(condition)                                                                           \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            fprintf(stderr, "check failed: %s\n", #condition);                                     \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

int main(void) {
    const char* keys[] = {"name", "size"};
    const PerryShape* shape;
    PerryValue object, name, taken;
    PerryHandle id;
    int widget = 7;
    char text[32];
    size_t length = 0;

    CHECK(perry_runtime_init(NULL) == PERRY_OK);
    CHECK(perry_ffi_version() == PERRY_FFI_VERSION);
    shape = perry_shape_new(keys, NULL, 2);
    CHECK(shape != NULL);
    object = perry_object_new(shape);
    CHECK(perry_object_set_index(object, 0, perry_string_from_cstr("installed runtime")) ==
          PERRY_OK);
    name = perry_object_get_cstr(object, "name");
    CHECK(perry_string_copy(name, text, sizeof text, &length) == PERRY_OK);
    CHECK(length == 17);
    id = perry_handle_register(&widget, &widget_tag, NULL);
    CHECK(perry_handle_get(id, &widget_tag) == &widget);
    CHECK(perry_handle_drop(id, &widget_tag) == PERRY_OK);
    CHECK(perry_throw_error_cstr(PERRY_ERROR_TYPE_ERROR, "bad", "E_BAD") == PERRY_OK);
    taken = perry_exception_take();
    CHECK(perry_value_is_error(taken));
    CHECK(perry_runtime_shutdown() == PERRY_OK);
    printf("c: %s %s\n", text, perry_ffi_version_string());
    return 0;
}
