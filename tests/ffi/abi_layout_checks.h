/*
 * The ABI layout: compile-time checks of every public struct's size and field offsets and of the
 * constants a compiled program relies on. Included by abi_layout_test.c (compiled as C99) and
 * abi_layout_test.cpp (C++), so both languages see the same layout. A failing check is a build
 * error naming the check. Other surfaces add their structs at the end.
 */
#include "perry/ffi.h"

#include <stddef.h>

#if defined(__cplusplus)
#define PERRY_ABI_CHECK(name, condition) static_assert(condition, #name)
#else
/* C99 has no _Static_assert: an array of negative size fails instead. */
#define PERRY_ABI_CHECK(name, condition) typedef char perry_abi_check_##name[(condition) ? 1 : -1]
#endif

/* Values and tags (design.md: the original system's encoding). */
PERRY_ABI_CHECK(value_size, sizeof(PerryValue) == 8);
PERRY_ABI_CHECK(tag_shift, PERRY_TAG_SHIFT == 48);
PERRY_ABI_CHECK(tag_short_string, PERRY_TAG_SHORT_STRING == 0x7FF9);
PERRY_ABI_CHECK(tag_bigint, PERRY_TAG_BIGINT == 0x7FFA);
PERRY_ABI_CHECK(tag_special, PERRY_TAG_SPECIAL == 0x7FFC);
PERRY_ABI_CHECK(tag_object, PERRY_TAG_OBJECT == 0x7FFD);
PERRY_ABI_CHECK(tag_int32, PERRY_TAG_INT32 == 0x7FFE);
PERRY_ABI_CHECK(tag_string, PERRY_TAG_STRING == 0x7FFF);
PERRY_ABI_CHECK(undefined_bits, PERRY_UNDEFINED == UINT64_C(0x7FFC000000000001));
PERRY_ABI_CHECK(null_bits, PERRY_NULL == UINT64_C(0x7FFC000000000002));
PERRY_ABI_CHECK(false_bits, PERRY_FALSE == UINT64_C(0x7FFC000000000003));
PERRY_ABI_CHECK(true_bits, PERRY_TRUE == UINT64_C(0x7FFC000000000004));
PERRY_ABI_CHECK(nan_bits, PERRY_NAN_BITS == UINT64_C(0x7FF8000000000000));
PERRY_ABI_CHECK(payload_mask, PERRY_PAYLOAD_MASK == UINT64_C(0x0000FFFFFFFFFFFF));
PERRY_ABI_CHECK(short_string_max, PERRY_SHORT_STRING_MAX == 5);
PERRY_ABI_CHECK(short_string_len_shift, PERRY_SHORT_STRING_LEN_SHIFT == 40);

/* Kinds and statuses are part of the ABI too: compiled code compares against the numbers. */
PERRY_ABI_CHECK(kind_string, PERRY_KIND_STRING == 4);
PERRY_ABI_CHECK(kind_array, PERRY_KIND_ARRAY == 6);
PERRY_ABI_CHECK(kind_object, PERRY_KIND_OBJECT == 7);
PERRY_ABI_CHECK(kind_buffer, PERRY_KIND_BUFFER == 8);
PERRY_ABI_CHECK(kind_error, PERRY_KIND_ERROR == 11);
PERRY_ABI_CHECK(status_ok, PERRY_STATUS_OK == 0);
PERRY_ABI_CHECK(status_invalid_utf8, PERRY_STATUS_INVALID_UTF8 == 2);
PERRY_ABI_CHECK(status_stale_handle, PERRY_STATUS_STALE_HANDLE == 7);
PERRY_ABI_CHECK(status_wrong_handle_type, PERRY_STATUS_WRONG_HANDLE_TYPE == 8);
PERRY_ABI_CHECK(status_pending_exception, PERRY_STATUS_PENDING_EXCEPTION == 13);
PERRY_ABI_CHECK(status_size, sizeof(PerryStatus) == 4);

/* Runtime and GC. */
PERRY_ABI_CHECK(options_size, sizeof(PerryRuntimeOptions) == 24);
PERRY_ABI_CHECK(options_struct_size, offsetof(PerryRuntimeOptions, struct_size) == 0);
PERRY_ABI_CHECK(options_worker_threads, offsetof(PerryRuntimeOptions, worker_threads) == 4);
PERRY_ABI_CHECK(options_gc_threshold, offsetof(PerryRuntimeOptions, gc_threshold) == 8);
PERRY_ABI_CHECK(options_flags, offsetof(PerryRuntimeOptions, flags) == 16);
PERRY_ABI_CHECK(options_reserved, offsetof(PerryRuntimeOptions, reserved) == 20);
PERRY_ABI_CHECK(gc_stats_size, sizeof(PerryGcStats) == 48);
PERRY_ABI_CHECK(gc_stats_live_objects, offsetof(PerryGcStats, live_objects) == 0);
PERRY_ABI_CHECK(gc_stats_live_bytes, offsetof(PerryGcStats, live_bytes) == 8);
PERRY_ABI_CHECK(gc_stats_collections, offsetof(PerryGcStats, collections) == 16);
PERRY_ABI_CHECK(gc_stats_allocated, offsetof(PerryGcStats, allocated_objects) == 24);
PERRY_ABI_CHECK(gc_stats_freed, offsetof(PerryGcStats, freed_objects) == 32);
PERRY_ABI_CHECK(gc_stats_pause, offsetof(PerryGcStats, last_pause_ns) == 40);

/* Strings: 20-byte header, the bytes right after it. */
PERRY_ABI_CHECK(string_header_size, sizeof(PerryStringHeader) == 20);
PERRY_ABI_CHECK(string_utf16_len, offsetof(PerryStringHeader, utf16_len) == 0);
PERRY_ABI_CHECK(string_byte_len, offsetof(PerryStringHeader, byte_len) == 4);
PERRY_ABI_CHECK(string_capacity, offsetof(PerryStringHeader, capacity) == 8);
PERRY_ABI_CHECK(string_refcount, offsetof(PerryStringHeader, refcount) == 12);
PERRY_ABI_CHECK(string_flags, offsetof(PerryStringHeader, flags) == 16);
PERRY_ABI_CHECK(string_flag_binary, PERRY_STRING_FLAG_BINARY == 1);
PERRY_ABI_CHECK(string_flag_lone_surrogates, PERRY_STRING_FLAG_LONE_SURROGATES == 2);

/* Buffer: {length, capacity} then the bytes. */
PERRY_ABI_CHECK(buffer_header_size, sizeof(PerryBufferHeader) == 8);
PERRY_ABI_CHECK(buffer_length, offsetof(PerryBufferHeader, length) == 0);
PERRY_ABI_CHECK(buffer_capacity, offsetof(PerryBufferHeader, capacity) == 4);

/* Arrays: {length, capacity} then the values inline; capacity PERRY_ARRAY_FORWARDED means the
 * first inline slot holds a pointer to the out-of-line block (same layout). */
PERRY_ABI_CHECK(array_header_size, sizeof(PerryArrayHeader) == 8);
PERRY_ABI_CHECK(array_length, offsetof(PerryArrayHeader, length) == 0);
PERRY_ABI_CHECK(array_capacity, offsetof(PerryArrayHeader, capacity) == 4);
PERRY_ABI_CHECK(array_forwarded, PERRY_ARRAY_FORWARDED == 0xFFFFFFFFu);
PERRY_ABI_CHECK(array_slot_holds_pointer, sizeof(void*) <= sizeof(PerryValue));

/* Handles: int64 ids, 0 invalid. */
PERRY_ABI_CHECK(handle_size, sizeof(PerryHandle) == 8);
PERRY_ABI_CHECK(handle_invalid, PERRY_HANDLE_INVALID == 0);

/* Errors. */
PERRY_ABI_CHECK(error_error, PERRY_ERROR_ERROR == 0);
PERRY_ABI_CHECK(error_type_error, PERRY_ERROR_TYPE_ERROR == 1);
PERRY_ABI_CHECK(error_range_error, PERRY_ERROR_RANGE_ERROR == 2);

/* BigInt: limbs are 64-bit; the layout of the heap object is private (read through limbs). */
PERRY_ABI_CHECK(kind_bigint, PERRY_KIND_BIGINT == 5);
PERRY_ABI_CHECK(bigint_max_limbs, PERRY_BIGINT_MAX_LIMBS == (UINT32_C(1) << 24));
PERRY_ABI_CHECK(status_buffer_too_small, PERRY_STATUS_BUFFER_TOO_SMALL == 9);
PERRY_ABI_CHECK(status_invalid_syntax, PERRY_STATUS_INVALID_SYNTAX == 10);

/* JSON stringify. */
PERRY_ABI_CHECK(status_json_cycle, PERRY_STATUS_JSON_CYCLE == 11);
PERRY_ABI_CHECK(status_json_bigint, PERRY_STATUS_JSON_BIGINT == 12);
