//! The rest of the safe API, one test per surface: values, closures called with 0..4 arguments,
//! BigInt, JSON stringify, pins, statuses, notify_main_thread.

mod support;

use perry_ffi::sys::{self, PerryValue};
use perry_ffi::{
    alloc_buffer, alloc_string, bigint_from_i64, bigint_from_limbs, bigint_from_str,
    bigint_from_u64, bigint_to_i64, bigint_to_limbs, bigint_to_string, bigint_to_u64, host,
    json_stringify, json_stringify_pretty, json_stringify_value, notify_main_thread, ClosureCall,
    JsClosure, JsError, JsValue, Kind, Pinned, Status,
};
use support::{text_of, with_runtime};

#[test]
fn values_know_their_kind_and_convert() {
    with_runtime(|| {
        assert_eq!(JsValue::UNDEFINED.kind(), Kind::Undefined);
        assert_eq!(JsValue::NULL.type_of(), "object");
        assert_eq!(JsValue::boolean(true).as_bool(), Some(true));
        assert_eq!(JsValue::int32(-3).as_f64(), Some(-3.0));
        assert_eq!(JsValue::number(2.0).as_i32(), Some(2));
        assert_eq!(JsValue::number(2.5).as_i32(), None);
        assert_eq!(JsValue::number(f64::NAN).bits(), sys::PERRY_NAN_BITS);
        assert_eq!(
            JsValue::from(1.5f64).as_f64(),
            Some(1.5),
            "an f64 is its own ABI form"
        );
        assert_eq!(JsValue::from_abi(JsValue::TRUE.to_abi()), JsValue::TRUE);
        assert_eq!(alloc_string("hi").as_value().kind(), Kind::String);
        assert_eq!(alloc_string("hi").as_value().type_of(), "string");
        assert_eq!(alloc_buffer(b"xy").as_value().kind(), Kind::Buffer);
        assert_eq!(
            unsafe { alloc_buffer(b"xy").as_value().buffer_bytes() },
            Some(&b"xy"[..])
        );
        assert_eq!(JsValue::int32(1).as_string(), None);
        assert_eq!(
            JsValue::from_string_ptr(std::ptr::null()),
            JsValue::UNDEFINED
        );
    });
}

/// Returns the number of arguments and their sum, as `argc * 1000 + sum`.
unsafe extern "C" fn count_and_sum(call: *const ClosureCall) -> PerryValue {
    let call = &*call;
    let args = std::slice::from_raw_parts(call.args, call.argc as usize);
    let sum: i32 = args
        .iter()
        .map(|&a| JsValue::from_bits(a).as_i32().unwrap_or(0))
        .sum();
    JsValue::int32(call.argc as i32 * 1000 + sum).bits()
}

unsafe extern "C" fn thrower(_call: *const ClosureCall) -> PerryValue {
    JsError::type_error("listener failed")
        .with_code("E_LISTENER")
        .throw();
    sys::PERRY_UNDEFINED
}

#[test]
fn closures_are_called_with_zero_to_four_arguments() {
    with_runtime(|| {
        let closure = JsClosure::new(count_and_sum, &[]).unwrap();
        assert_eq!(JsClosure::from_value(closure.as_value()), Some(closure));
        assert_eq!(JsClosure::from_value(JsValue::int32(1)), None);
        unsafe {
            assert_eq!(closure.call0(), Ok(JsValue::int32(0)));
            assert_eq!(closure.call1(1), Ok(JsValue::int32(1001)));
            assert_eq!(closure.call2(1, 2), Ok(JsValue::int32(2003)));
            assert_eq!(closure.call3(1, 2, 3), Ok(JsValue::int32(3006)));
            assert_eq!(closure.call4(1, 2, 3, 4), Ok(JsValue::int32(4010)));
            assert_eq!(
                closure.call(&[JsValue::int32(5); 6]),
                Ok(JsValue::int32(6030))
            );
        }
        let from_raw = unsafe { JsClosure::from_raw(closure.as_raw()) };
        assert_eq!(from_raw, closure);
        assert_eq!(JsClosure::from_serial(closure.serial()), Some(closure));
    });
}

#[test]
fn a_throwing_closure_leaves_its_exception_pending() {
    with_runtime(|| {
        let closure = JsClosure::new(thrower, &[]).unwrap();
        let exception = unsafe { closure.call0() }.unwrap_err();
        assert_eq!(host::take_exception(), Some(exception));
        assert_eq!(
            host::error_message(exception).as_deref(),
            Some("listener failed")
        );
        assert_eq!(host::error_code(exception).as_deref(), Some("E_LISTENER"));
    });
}

#[test]
fn bigints_round_trip() {
    with_runtime(|| {
        let big = bigint_from_str("-123456789012345678901234567890").unwrap();
        assert_eq!(big.kind(), Kind::BigInt);
        assert_eq!(
            bigint_to_string(big, 10).unwrap(),
            "-123456789012345678901234567890"
        );
        assert_eq!(bigint_to_i64(big), None, "does not fit");
        assert_eq!(
            bigint_to_i64(bigint_from_i64(i64::MIN).unwrap()),
            Some(i64::MIN)
        );
        assert_eq!(
            bigint_to_u64(bigint_from_u64(u64::MAX).unwrap()),
            Some(u64::MAX)
        );
        assert_eq!(bigint_to_u64(bigint_from_i64(-1).unwrap()), None);
        assert_eq!(
            bigint_to_string(bigint_from_u64(255).unwrap(), 16).unwrap(),
            "ff"
        );
        let limbs = bigint_from_limbs(true, &[0, 1]).unwrap();
        assert_eq!(bigint_to_limbs(limbs).unwrap(), (true, vec![0, 1]));
        assert_eq!(
            bigint_to_string(limbs, 10).unwrap(),
            "-18446744073709551616"
        );
        assert_eq!(
            bigint_to_limbs(bigint_from_i64(0).unwrap()).unwrap(),
            (false, vec![])
        );
        assert_eq!(
            bigint_from_str("12n").unwrap_err().name(),
            "PERRY_STATUS_INVALID_SYNTAX"
        );
        assert_eq!(
            bigint_to_string(JsValue::int32(1), 10).unwrap_err().name(),
            "PERRY_STATUS_TYPE_MISMATCH"
        );
    });
}

#[test]
fn arrays_and_objects_build_structured_results() {
    with_runtime(|| {
        let tags = perry_ffi::array_from_values(&[JsValue::int32(1), alloc_string("b").as_value()])
            .unwrap();
        perry_ffi::array_push(tags, JsValue::TRUE).unwrap();
        assert_eq!(perry_ffi::array_values(tags).unwrap().len(), 3);
        assert_eq!(perry_ffi::array_values(JsValue::NULL), None);
        let object = perry_ffi::object_from_fields(&[
            ("name", alloc_string("pdf").as_value()),
            ("tags", tags),
        ])
        .unwrap();
        assert_eq!(text_of(perry_ffi::object_get(object, "name")), "pdf");
        assert!(perry_ffi::object_get(object, "missing").is_undefined());
        assert_eq!(
            json_stringify(object).unwrap().as_deref(),
            Some(r#"{"name":"pdf","tags":[1,"b",true]}"#)
        );
        assert_eq!(
            perry_ffi::object_set(JsValue::int32(1), "x", JsValue::NULL)
                .unwrap_err()
                .name(),
            "PERRY_STATUS_TYPE_MISMATCH"
        );
    });
}

#[test]
fn json_stringify_gives_javascripts_text() {
    with_runtime(|| {
        let array = JsValue::from_bits(unsafe { sys::perry_array_new(4) });
        for value in [
            JsValue::int32(1),
            alloc_string("two\n").as_value(),
            JsValue::NULL,
            JsValue::UNDEFINED,
        ] {
            assert_eq!(
                unsafe { sys::perry_array_push(array.bits(), value.bits()) },
                sys::PERRY_OK
            );
        }
        assert_eq!(
            json_stringify(array).unwrap().as_deref(),
            Some(r#"[1,"two\n",null,null]"#)
        );
        assert_eq!(
            json_stringify_pretty(array, 2).unwrap().unwrap(),
            "[\n  1,\n  \"two\\n\",\n  null,\n  null\n]"
        );
        assert_eq!(json_stringify(JsValue::UNDEFINED).unwrap(), None);
        assert_eq!(
            text_of(json_stringify_value(JsValue::boolean(false)).unwrap()),
            "false"
        );

        let error = json_stringify(bigint_from_i64(1).unwrap()).unwrap_err();
        assert!(error.message.contains("BigInt"), "{error}");
        assert_eq!(error.code.as_deref(), Some("PERRY_STATUS_JSON_BIGINT"));
        assert_eq!(error.kind, perry_ffi::ErrorKind::TypeError);
        unsafe { sys::perry_array_push(array.bits(), array.bits()) };
        let error = json_stringify(array).unwrap_err();
        assert_eq!(error.code.as_deref(), Some("PERRY_STATUS_JSON_CYCLE"));
    });
}

#[inline(never)]
fn pin_new_string() -> Box<Pinned> {
    Box::new(Pinned::new(alloc_string("kept across collections").as_value()).unwrap())
}

#[test]
fn pins_keep_values_alive_and_statuses_have_names() {
    with_runtime(|| {
        // The pin lives in Rust's heap, where the GC does not look: only the pin roots the string.
        let pinned = pin_new_string();
        for _ in 0..3 {
            support::collect_precisely();
            alloc_string("garbage that may reuse a swept string's memory");
        }
        assert_eq!(text_of(pinned.get()), "kept across collections");
        drop(pinned);
        assert_eq!(Status::check(sys::PERRY_OK), Ok(()));
        let status = Status(sys::PERRY_STATUS_WRONG_THREAD);
        assert_eq!(status.name(), "PERRY_STATUS_WRONG_THREAD");
        assert!(status.message().contains("main thread"));
        let error = JsError::from(status);
        assert_eq!(error.code.as_deref(), Some("PERRY_STATUS_WRONG_THREAD"));
        let io: JsError = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file").into();
        assert_eq!(io.message, "no such file");
    });
}

#[test]
fn notify_main_thread_is_callable_from_any_thread() {
    with_runtime(|| {
        std::thread::spawn(notify_main_thread).join().unwrap();
        notify_main_thread();
        host::pump_until_idle().unwrap();
    });
    // And a no-op when the runtime is not running.
    notify_main_thread();
}

#[test]
fn calls_off_the_main_thread_fail_cleanly() {
    with_runtime(|| {
        let (string_ok, promise_ok) = std::thread::spawn(|| {
            (
                !alloc_string("from a plain thread, not a task").is_null(),
                perry_ffi::JsPromise::new().is_valid(),
            )
        })
        .join()
        .unwrap();
        assert!(
            !string_ok && !promise_ok,
            "the heap belongs to the main thread"
        );
    });
}
