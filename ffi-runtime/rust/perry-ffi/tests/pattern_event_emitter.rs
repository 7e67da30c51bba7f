//! Seed pattern "event listeners" (the authoring guide's `.on(event, cb)`): an emitter behind a
//! handle stores closure pointers where the GC cannot see them, and a root scanner keeps them
//! alive. Without the scanner a collection sweeps them, which the unscanned emitter below
//! detects through closure serials (instead of calling freed memory). Run with the runtime's
//! stress flag too (a collection on every allocation).

mod support;

use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

use perry_ffi::sys::{self, PerryValue};
use perry_ffi::{
    drop_handle, gc_register_root_scanner, get_handle_mut, guard, iter_handles_of, register_handle,
    with_handle, ClosureCall, Handle, JsClosure, JsValue, RawClosureHeader,
};
use support::{collect_precisely, scaled, with_runtime, with_runtime_flags};

pub struct EventEmitter {
    listeners: Vec<i64>, // closure pointers, kept alive by the GC scanner below
}

// The guide wraps this in a std::sync::Once; registering a captureless scanner is idempotent, so
// it is called from every entry point instead, which also survives a runtime restart (each test
// here starts a new runtime).
fn ensure_scanner() {
    gc_register_root_scanner(|mark| {
        iter_handles_of::<EventEmitter, _>(|emitter| {
            for &cb in &emitter.listeners {
                if cb != 0 {
                    let nan_boxed =
                        f64::from_bits(0x7FFD_0000_0000_0000 | (cb as u64 & 0x0000_FFFF_FFFF_FFFF));
                    mark(nan_boxed);
                }
            }
        });
    });
}

#[no_mangle]
pub extern "C" fn js_emitter_new() -> Handle {
    guard(|| {
        register_handle(EventEmitter {
            listeners: Vec::new(),
        })
    })
}

#[no_mangle]
pub extern "C" fn js_emitter_on(h: Handle, cb: i64) -> Handle {
    guard(|| {
        ensure_scanner();
        if let Some(e) = unsafe { get_handle_mut::<EventEmitter>(h) } {
            e.listeners.push(cb);
        }
        h
    })
}

#[no_mangle]
pub extern "C" fn js_emitter_emit(h: Handle, arg: f64) -> bool {
    guard(
        || match with_handle::<EventEmitter, _>(h, |e| e.listeners.clone()) {
            Some(listeners) => {
                for cb in listeners {
                    let closure = unsafe { JsClosure::from_raw(cb as *const RawClosureHeader) };
                    let _ = unsafe { closure.call1(arg) };
                }
                true
            }
            None => false,
        },
    )
}

/// The same emitter without a scanner, remembering each listener's serial so that a swept
/// listener is detected and skipped instead of called.
pub struct UnscannedEmitter {
    listeners: Vec<(i64, u64)>,
}

/// Returns the number of listeners it found swept (and forgot).
#[no_mangle]
pub extern "C" fn js_unscanned_emit(h: Handle, arg: f64) -> i32 {
    guard(|| {
        let listeners =
            with_handle::<UnscannedEmitter, _>(h, |e| e.listeners.clone()).unwrap_or_default();
        let mut swept = 0;
        for (cb, serial) in listeners {
            let live = JsClosure::from_serial(serial);
            let expected = unsafe { JsClosure::from_raw(cb as *const RawClosureHeader) };
            match live {
                Some(closure) if closure == expected => {
                    let _ = unsafe { closure.call1(arg) };
                }
                _ => {
                    swept += 1;
                    with_handle::<UnscannedEmitter, _>(h, |e| {
                        e.listeners.retain(|l| l.1 != serial)
                    });
                }
            }
        }
        swept
    })
}

static CALLS: AtomicU32 = AtomicU32::new(0);
static LAST_RESULT: AtomicI32 = AtomicI32::new(0);

/// A JavaScript listener: adds its captured number to its argument.
unsafe extern "C" fn listener(call: *const ClosureCall) -> PerryValue {
    let call = &*call;
    let arg = JsValue::from_bits(*call.args).as_i32().unwrap_or(-1);
    let captured = JsValue::from_bits(*call.captures).as_i32().unwrap_or(-1);
    CALLS.fetch_add(1, Ordering::SeqCst);
    LAST_RESULT.store(arg + captured, Ordering::SeqCst);
    sys::PERRY_UNDEFINED
}

/// Registers a fresh listener the way a program passes one; afterwards only the emitter knows
/// it (no copy stays in a live stack frame). Returns the closure's serial.
#[inline(never)]
fn add_listener(emitter: Handle, captured: i32) -> u64 {
    let closure = JsClosure::new(listener, &[JsValue::int32(captured)]).expect("a closure");
    js_emitter_on(emitter, closure.as_raw() as i64);
    closure.serial()
}

#[inline(never)]
fn add_unscanned_listener(emitter: Handle, captured: i32) -> u64 {
    let closure = JsClosure::new(listener, &[JsValue::int32(captured)]).expect("a closure");
    let serial = closure.serial();
    with_handle::<UnscannedEmitter, _>(emitter, |e| {
        e.listeners.push((closure.as_raw() as i64, serial))
    });
    serial
}

/// Whether the closure with this serial is alive; a helper so that the closure value it looks up
/// stays out of the caller's frame (where it would root the closure through the stack scan).
#[inline(never)]
fn is_alive(serial: u64) -> bool {
    JsClosure::from_serial(serial).is_some()
}

/// Garbage that makes the collector reuse memory (and collect on each allocation under stress).
#[inline(never)]
fn churn(count: usize) {
    for _ in 0..count {
        JsClosure::new(listener, &[]).expect("a closure");
    }
}

fn listeners_survive_collections() {
    CALLS.store(0, Ordering::SeqCst);
    let emitter = js_emitter_new();
    let serial = add_listener(emitter, 100);
    for _ in 0..3 {
        churn(scaled(200));
        collect_precisely();
    }
    assert!(is_alive(serial), "the scanner kept the listener");
    assert!(js_emitter_emit(emitter, 5.0));
    assert_eq!(CALLS.load(Ordering::SeqCst), 1);
    assert_eq!(
        LAST_RESULT.load(Ordering::SeqCst),
        105,
        "its captured value survived too"
    );
    assert!(drop_handle::<EventEmitter>(emitter));
    assert!(!js_emitter_emit(emitter, 5.0));
}

#[test]
fn listeners_rooted_by_the_scanner_survive_collections() {
    with_runtime(listeners_survive_collections);
}

#[test]
fn listeners_rooted_by_the_scanner_survive_gc_stress() {
    with_runtime_flags(sys::PERRY_RUNTIME_GC_STRESS, || {
        assert!(unsafe { sys::perry_gc_stress_enabled() });
        listeners_survive_collections();
    });
}

fn unscanned_listener_is_swept() {
    CALLS.store(0, Ordering::SeqCst);
    let emitter = register_handle(UnscannedEmitter {
        listeners: Vec::new(),
    });
    let serial = add_unscanned_listener(emitter, 100);
    collect_precisely();
    churn(scaled(200)); // new closures may take the swept listener's address
    assert!(
        !is_alive(serial),
        "nothing roots the listener, so it was swept"
    );
    assert_eq!(js_unscanned_emit(emitter, 5.0), 1);
    assert_eq!(
        CALLS.load(Ordering::SeqCst),
        0,
        "the swept listener was not called"
    );
    assert_eq!(js_unscanned_emit(emitter, 5.0), 0, "and it was forgotten");
    assert!(drop_handle::<UnscannedEmitter>(emitter));
}

#[test]
fn without_a_scanner_the_listener_is_swept_and_detected() {
    with_runtime(unscanned_listener_is_swept);
}

#[test]
fn without_a_scanner_the_listener_is_swept_under_gc_stress() {
    with_runtime_flags(sys::PERRY_RUNTIME_GC_STRESS, unscanned_listener_is_swept);
}

#[test]
fn a_dropped_emitter_stops_rooting_its_listeners() {
    with_runtime(|| {
        let emitter = js_emitter_new();
        let serial = add_listener(emitter, 1);
        collect_precisely();
        assert!(is_alive(serial));
        assert!(drop_handle::<EventEmitter>(emitter));
        collect_precisely();
        assert!(!is_alive(serial));
    });
}

#[test]
fn the_scanner_registers_once_per_runtime() {
    with_runtime(|| {
        let first = gc_register_root_scanner(|_mark| {}).expect("registered");
        let emitter = js_emitter_new();
        add_listener(emitter, 0);
        add_listener(emitter, 0); // ensure_scanner again: a no-op, not ALREADY_REGISTERED
        assert!(first > 0);
        assert!(drop_handle::<EventEmitter>(emitter));
    });
}
