//! spawn_blocking: run Rust code on the runtime's blocking pool.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use perry_ffi_sys as sys;

use crate::error::panic_error;
use crate::{JsError, JsValue};

unsafe extern "C" fn run_detached<F: FnOnce() -> R, R>(ctx: *mut c_void) -> sys::PerryValue {
    let body = Box::from_raw(ctx.cast::<F>());
    // A panic drops the body's captures while unwinding; a captured JsPromise that was not
    // settled rejects itself then. The panic message was printed by the panic hook.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(body())));
    sys::PERRY_UNDEFINED
}

/// Runs `work` on the blocking pool (a bounded set of worker threads), the seed pattern:
///
/// ```no_run
/// use perry_ffi::{alloc_string, guard, spawn_blocking, JsPromise, JsValue, Promise};
///
/// fn do_the_work() -> std::io::Result<String> {
///     std::fs::read_to_string("/etc/hostname")
/// }
///
/// #[no_mangle]
/// pub extern "C" fn js_pkg_hostname() -> *mut Promise {
///     guard(|| {
///         let promise = JsPromise::new();
///         let raw = promise.as_raw();
///         spawn_blocking(move || match do_the_work() {
///             Ok(text) => promise.resolve(JsValue::from_string_ptr(alloc_string(&text).as_raw())),
///             Err(e) => promise.reject_string(&e.to_string()),
///         });
///         raw
///     })
/// }
/// ```
///
/// `work`'s result is dropped on the worker. Inside `work`, strings, Buffers, arrays and objects
/// may be allocated: they belong to the task and stay alive until its settlements have been
/// applied on the main thread. `work` must not touch main-thread heap values unless they were
/// pinned before (see [`Pinned`](crate::Pinned)), and then only read them. A panic in `work`
/// is caught (a captured [`JsPromise`](crate::JsPromise) then rejects, see there).
///
/// Main thread. When the pool refuses the task (the runtime is shutting down or not running),
/// `work` is dropped here without running, which rejects a captured `JsPromise`.
pub fn spawn_blocking<F, R>(work: F)
where
    F: FnOnce() -> R + Send + 'static,
    R: 'static,
{
    let ctx = Box::into_raw(Box::new(work));
    let promise = unsafe { sys::perry_spawn_blocking(Some(run_detached::<F, R>), ctx.cast()) };
    if promise == sys::PERRY_UNDEFINED {
        drop(unsafe { Box::from_raw(ctx) });
    }
}

unsafe extern "C" fn run_for_promise<F: FnOnce() -> Result<JsValue, JsError>>(
    ctx: *mut c_void,
) -> sys::PerryValue {
    let body = Box::from_raw(ctx.cast::<F>());
    let error = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => return value.bits(),
        Ok(Err(error)) => error,
        Err(payload) => panic_error(&*payload),
    };
    let message = error.message;
    sys::perry_task_reject_string(message.as_ptr().cast(), message.len());
    sys::PERRY_UNDEFINED
}

/// Runs `work` on the blocking pool and returns the task's promise: fulfilled with the value
/// `work` returns (an immediate or a value built inside the task), rejected with an `Error`
/// carrying the message of its `Err` or of its panic. Main thread. On failure (the runtime is
/// shutting down or not running) returns undefined and `work` is dropped without running.
pub fn spawn_blocking_promise<F>(work: F) -> JsValue
where
    F: FnOnce() -> Result<JsValue, JsError> + Send + 'static,
{
    let ctx = Box::into_raw(Box::new(work));
    let promise = unsafe { sys::perry_spawn_blocking(Some(run_for_promise::<F>), ctx.cast()) };
    if promise == sys::PERRY_UNDEFINED {
        drop(unsafe { Box::from_raw(ctx) });
    }
    JsValue::from_bits(promise)
}
