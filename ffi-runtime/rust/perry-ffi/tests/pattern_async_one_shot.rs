//! Seed pattern "async one-shot" (the authoring guide's `js_my_fetch`): a JsPromise returned at
//! once, settled from a blocking-pool task, awaited through the event pump as a program would.

mod support;

use std::time::Duration;

use perry_ffi::host::{self, Settled};
use perry_ffi::{
    alloc_string, guard, read_string, spawn_blocking, spawn_blocking_promise, JsError, JsPromise,
    JsValue, Promise, StringHeader,
};
use support::{scaled, text_of, with_runtime};

/// Stands for the slow upstream call (an HTTP request, a query) the guide's example makes.
fn slow_lookup(key: &str) -> Result<String, String> {
    std::thread::sleep(Duration::from_millis(2));
    match key {
        "" => Err("empty key".to_string()),
        "panic" => panic!("the upstream library panicked"),
        _ => Ok(format!("value of {key}")),
    }
}

/// # Safety
/// `key_ptr` must be null or a Perry-runtime string header.
#[no_mangle]
pub unsafe extern "C" fn js_demo_lookup(key_ptr: *const StringHeader) -> *mut Promise {
    guard(|| {
        let promise = JsPromise::new();
        let raw = promise.as_raw();
        let key = read_string(key_ptr).unwrap_or_default();
        spawn_blocking(move || match slow_lookup(&key) {
            Ok(body) => promise.resolve(JsValue::from_string_ptr(alloc_string(&body).as_raw())),
            Err(e) => promise.reject_string(&format!("lookup: {e}")),
        });
        raw
    })
}

/// The same with the task's own promise.
///
/// # Safety
/// `key_ptr` must be null or a Perry-runtime string header.
#[no_mangle]
pub unsafe extern "C" fn js_demo_lookup2(key_ptr: *const StringHeader) -> f64 {
    guard(|| {
        let key = read_string(key_ptr).unwrap_or_default();
        spawn_blocking_promise(move || {
            let body = slow_lookup(&key).map_err(|e| JsError::new(format!("lookup: {e}")))?;
            Ok(alloc_string(&body).as_value())
        })
        .to_abi()
    })
}

fn call_lookup(key: &str) -> JsValue {
    let promise = unsafe { js_demo_lookup(alloc_string(key).as_raw()) };
    // The returned pointer's bits are the promise value (a manifest `promise` return).
    JsValue::from_bits(promise as usize as u64)
}

fn rejection_message(settled: Settled) -> String {
    match settled {
        Settled::Rejected(reason) => host::error_message(reason).unwrap_or_default(),
        Settled::Fulfilled(value) => panic!("expected a rejection, got {}", text_of(value)),
    }
}

#[test]
fn resolves_with_a_string_built_on_the_worker() {
    with_runtime(|| {
        let promise = call_lookup("answer");
        assert_eq!(promise.kind(), perry_ffi::Kind::Promise);
        match host::pump_await(promise).unwrap() {
            Settled::Fulfilled(value) => assert_eq!(text_of(value), "value of answer"),
            Settled::Rejected(reason) => panic!("rejected: {:?}", host::error_message(reason)),
        }
    });
}

#[test]
fn rejects_with_the_error_message() {
    with_runtime(|| {
        let settled = host::pump_await(call_lookup("")).unwrap();
        assert_eq!(rejection_message(settled), "lookup: empty key");
    });
}

#[test]
fn a_panicking_task_rejects_its_promise_instead_of_hanging() {
    with_runtime(|| {
        let previous_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let settled = host::pump_await(call_lookup("panic"));
        std::panic::set_hook(previous_hook);
        assert_eq!(
            rejection_message(settled.unwrap()),
            "perry-ffi: the promise was dropped without being settled"
        );
    });
}

#[test]
fn many_lookups_in_flight_settle_each_with_its_own_value() {
    with_runtime(|| {
        let count = scaled(64);
        let promises: Vec<_> = (0..count)
            .map(|i| call_lookup(&format!("key {i}")))
            .collect();
        // The promises are rooted by the runtime until settled, so a Vec may hold them.
        for (i, promise) in promises.into_iter().enumerate() {
            match host::pump_await(promise).unwrap() {
                Settled::Fulfilled(value) => {
                    assert_eq!(text_of(value), format!("value of key {i}"))
                }
                Settled::Rejected(_) => panic!("lookup {i} rejected"),
            }
        }
    });
}

#[test]
fn the_task_promise_form_resolves_and_rejects() {
    with_runtime(|| {
        let promise = JsValue::from_abi(unsafe { js_demo_lookup2(alloc_string("x").as_raw()) });
        match host::pump_await(promise).unwrap() {
            Settled::Fulfilled(value) => assert_eq!(text_of(value), "value of x"),
            Settled::Rejected(_) => panic!("rejected"),
        }
        let promise = JsValue::from_abi(unsafe { js_demo_lookup2(alloc_string("").as_raw()) });
        assert_eq!(
            rejection_message(host::pump_await(promise).unwrap()),
            "lookup: empty key"
        );
        let key = alloc_string("panic");
        let previous_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let promise = JsValue::from_abi(unsafe { js_demo_lookup2(key.as_raw()) });
        let settled = host::pump_await(promise).unwrap();
        std::panic::set_hook(previous_hook);
        assert_eq!(
            rejection_message(settled),
            "panic in native code: the upstream library panicked"
        );
    });
}

#[test]
fn a_promise_settled_twice_reports_already_settled() {
    with_runtime(|| {
        let promise = JsPromise::new();
        assert!(promise.is_valid());
        promise.resolve(JsValue::int32(1)).unwrap();
        assert_eq!(
            promise.reject_string("late").unwrap_err().name(),
            "PERRY_STATUS_ALREADY_SETTLED"
        );
        assert_eq!(
            host::pump_await(promise.as_value()).unwrap(),
            Settled::Fulfilled(JsValue::int32(1))
        );
    });
}
