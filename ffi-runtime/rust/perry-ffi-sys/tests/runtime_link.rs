//! The declarations link against the real runtime and agree with it: the version, the status
//! table, and the inline value accessors against the runtime's own view of the same values.

use std::ffi::CStr;
use std::ptr;

use perry_ffi_sys::*;

#[test]
fn declarations_agree_with_the_linked_runtime() {
    unsafe {
        assert_eq!(perry_ffi_version(), PERRY_FFI_VERSION);
        let version = CStr::from_ptr(perry_ffi_version_string()).to_str().unwrap();
        assert_eq!(version, env!("CARGO_PKG_VERSION"));
        let name = CStr::from_ptr(perry_status_name(PERRY_STATUS_DEADLOCK))
            .to_str()
            .unwrap();
        assert_eq!(name, "PERRY_STATUS_DEADLOCK");

        assert_eq!(perry_runtime_init(ptr::null()), PERRY_OK);
        assert!(perry_is_main_thread());
        // ctest runs the suite twice, the second time with PERRY_GC_STRESS=1: make sure each run
        // is in the mode it claims.
        let stress_requested = std::env::var("PERRY_GC_STRESS").as_deref() == Ok("1");
        assert_eq!(perry_gc_stress_enabled(), stress_requested);
        let text = "a string longer than five bytes";
        let string = perry_string_from_utf8(text.as_ptr().cast(), text.len());
        assert!(perry_value_is_heap_string(string));
        assert_eq!(perry_value_kind(string), PERRY_KIND_STRING);
        let header = perry_value_to_pointer(string) as *const PerryStringHeader;
        assert_eq!((*header).byte_len as usize, text.len());
        let bytes =
            std::slice::from_raw_parts(perry_string_header_bytes(header).cast::<u8>(), text.len());
        assert_eq!(bytes, text.as_bytes());
        assert_eq!(perry_string_from_header(header), string);

        let short = perry_string_from_utf8("abc".as_ptr().cast(), 3);
        assert!(perry_value_is_short_string(short) && perry_value_is_string(short));
        assert_eq!(perry_value_kind(short), PERRY_KIND_STRING);

        for (value, kind) in [
            (perry_value_undefined(), PERRY_KIND_UNDEFINED),
            (perry_value_null(), PERRY_KIND_NULL),
            (perry_value_from_bool(true), PERRY_KIND_BOOLEAN),
            (perry_value_from_int32(-7), PERRY_KIND_NUMBER),
            (perry_value_from_number(f64::NAN), PERRY_KIND_NUMBER),
            (perry_bigint_from_int64(-5), PERRY_KIND_BIGINT),
            (perry_buffer_alloc(3), PERRY_KIND_BUFFER),
        ] {
            assert_eq!(perry_value_kind(value), kind, "value {value:#x}");
        }
        assert_eq!(perry_value_to_int32(perry_value_from_int32(-7)), -7);
        assert_eq!(perry_value_to_number(perry_value_from_int32(-7)), -7.0);
        assert!(perry_value_to_number(PERRY_NULL).is_nan());
        assert_eq!(perry_value_from_number(f64::NAN), PERRY_NAN_BITS);
        assert_eq!(
            perry_value_from_abi(perry_value_to_abi(PERRY_TRUE)),
            PERRY_TRUE
        );

        let mut order = 0;
        let big: PerryValue = {
            let mut out = PERRY_UNDEFINED;
            assert_eq!(
                perry_bigint_from_cstring(c"123456789012345678901234567890".as_ptr(), &mut out),
                PERRY_OK
            );
            out
        };
        assert_eq!(
            perry_bigint_compare(big, perry_bigint_from_int64(1), &mut order),
            PERRY_OK
        );
        assert_eq!(order, 1);

        // Status of a failing call lands in the thread-local slot.
        perry_clear_last_status();
        assert_eq!(perry_buffer_length(PERRY_NULL), 0);
        assert_eq!(perry_last_status(), PERRY_STATUS_TYPE_MISMATCH);
        assert_eq!(perry_runtime_shutdown(), PERRY_OK);
        assert!(!perry_runtime_is_initialized());
    }
}
