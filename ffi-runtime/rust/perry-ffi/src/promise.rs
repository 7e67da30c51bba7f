//! JsPromise: a promise a binding returns and settles later, from any thread.

use std::marker::{PhantomData, PhantomPinned};
use std::sync::atomic::{AtomicBool, Ordering};

use perry_ffi_sys as sys;

use crate::{JsValue, Status};

/// What a `*mut Promise` points at: nothing. The pointer's bits ARE the promise's value (the
/// `PerryValue` a manifest `promise` return carries in an integer register), so a binding
/// declared `-> *mut Promise` returns the promise; never dereference it.
#[repr(C)]
pub struct Promise {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// A pending promise created by a binding. The runtime roots it until it is settled, so it may
/// be moved to any thread (into a [`spawn_blocking`](crate::spawn_blocking) task) and settled
/// there; settlements from other threads are applied by the main thread's event pump.
///
/// Dropping a `JsPromise` that was never settled rejects it ("the promise was dropped without
/// being settled"), so that a task that panicked or forgot to settle cannot leave JavaScript
/// waiting forever. To hand out a promise that something else settles, use [`JsPromise::into_raw`].
#[derive(Debug)]
pub struct JsPromise {
    value: sys::PerryValue,
    settled: AtomicBool,
}

impl JsPromise {
    /// A new pending promise. Main thread. On failure (another thread, the runtime not running)
    /// the promise is invalid: [`JsPromise::is_valid`] is false and settling it fails.
    pub fn new() -> Self {
        let value = unsafe { sys::perry_promise_new() };
        JsPromise {
            value,
            settled: AtomicBool::new(value == sys::PERRY_UNDEFINED),
        }
    }
    pub fn is_valid(&self) -> bool {
        self.value != sys::PERRY_UNDEFINED
    }
    /// The promise, for a binding's `promise` return (see [`Promise`]).
    pub fn as_raw(&self) -> *mut Promise {
        self.value as usize as *mut Promise
    }
    /// The promise value.
    pub fn as_value(&self) -> JsValue {
        JsValue::from_bits(self.value)
    }
    /// Gives up this handle without settling (no rejection on drop); returns [`Self::as_raw`].
    pub fn into_raw(self) -> *mut Promise {
        self.settled.store(true, Ordering::Relaxed);
        self.as_raw()
    }

    fn settle(&self, status: sys::PerryStatus) -> Result<(), Status> {
        let result = Status::check(status);
        if result.is_ok() || status == sys::PERRY_STATUS_ALREADY_SETTLED {
            self.settled.store(true, Ordering::Relaxed);
        }
        result
    }
    /// Resolves with `value` (an immediate, a value built inside the current blocking task, or a
    /// pinned main-thread value when called from another thread). Any thread. ALREADY_SETTLED
    /// when it was settled before; SHUT_DOWN when the runtime is going down.
    pub fn resolve(&self, value: JsValue) -> Result<(), Status> {
        self.settle(unsafe { sys::perry_promise_resolve(self.value, value.bits()) })
    }
    /// Rejects with any value (same rules as [`JsPromise::resolve`]).
    pub fn reject(&self, reason: JsValue) -> Result<(), Status> {
        self.settle(unsafe { sys::perry_promise_reject(self.value, reason.bits()) })
    }
    /// Rejects with a new `Error` carrying `message` (built on the main thread). Any thread.
    pub fn reject_string(&self, message: &str) -> Result<(), Status> {
        self.settle(unsafe {
            sys::perry_promise_reject_string(self.value, message.as_ptr().cast(), message.len())
        })
    }
}

impl Default for JsPromise {
    fn default() -> Self {
        JsPromise::new()
    }
}

impl Drop for JsPromise {
    fn drop(&mut self) {
        if !self.settled.load(Ordering::Relaxed) {
            let _ = self.reject_string("perry-ffi: the promise was dropped without being settled");
        }
    }
}
