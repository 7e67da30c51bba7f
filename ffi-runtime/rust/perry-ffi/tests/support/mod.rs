//! What every test of the crate shares: a runtime per test (tests of one binary take turns,
//! since the runtime is process-wide and its main thread is the one that initialises it), and
//! checks that a test leaves no handle, pending exception or pending work behind.
#![allow(dead_code)]

use std::sync::Mutex;

use perry_ffi::host::{self, Runtime};
use perry_ffi::sys;

static RUNTIME_TURN: Mutex<()> = Mutex::new(());

/// Runs `body` with a fresh runtime on this thread (flags: `sys::PERRY_RUNTIME_*`).
pub fn with_runtime_flags<R>(flags: u32, body: impl FnOnce() -> R) -> R {
    let _turn = RUNTIME_TURN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let options = sys::PerryRuntimeOptions {
        struct_size: std::mem::size_of::<sys::PerryRuntimeOptions>() as u32,
        flags,
        ..Default::default()
    };
    let runtime = Runtime::init_with(&options).expect("perry_runtime_init");
    let result = body();
    host::pump_until_idle().expect("the event pump");
    assert_eq!(
        unsafe { sys::perry_work_in_flight() },
        0,
        "the test left blocking work in flight"
    );
    assert_eq!(
        unsafe { sys::perry_handle_count(std::ptr::null()) },
        0,
        "the test leaked handles"
    );
    assert_eq!(
        host::take_exception(),
        None,
        "the test left an exception pending"
    );
    drop(runtime);
    result
}

pub fn with_runtime<R>(body: impl FnOnce() -> R) -> R {
    with_runtime_flags(0, body)
}

/// Fewer iterations when every allocation collects (PERRY_GC_STRESS=1 or the flag).
pub fn scaled(iterations: usize) -> usize {
    if unsafe { sys::perry_gc_stress_enabled() } {
        iterations.min(50)
    } else {
        iterations
    }
}

/// Overwrites 32 KiB of dead stack below the caller, so that stale copies of values in frames
/// that have returned cannot keep objects alive through the conservative stack scan. Tests that
/// expect an object to be COLLECTED call this right before collecting.
#[inline(never)]
pub fn clobber_stack() {
    let mut scratch = [0usize; 32 * 1024 / std::mem::size_of::<usize>()];
    for word in scratch.iter_mut() {
        unsafe { std::ptr::write_volatile(word, 0) };
    }
    std::hint::black_box(&scratch);
}

pub fn collect_precisely() {
    clobber_stack();
    perry_ffi::gc_collect().expect("perry_gc_collect");
}

/// The text of a string value, or a marker.
pub fn text_of(value: perry_ffi::JsValue) -> String {
    value
        .as_string()
        .unwrap_or_else(|| "<not a string>".to_string())
}
