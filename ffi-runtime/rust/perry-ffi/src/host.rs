//! For hosts and tests, not bindings: starting the runtime, running the event pump, reading the
//! pending exception. A binding never calls these (the compiled program does).

use std::ptr;

use perry_ffi_sys as sys;

use crate::{JsValue, Status};

/// The running runtime; dropping it shuts the runtime down. The thread that creates it becomes
/// the runtime's main thread.
#[derive(Debug)]
pub struct Runtime {
    // Not Send: shutdown must happen on the main thread.
    _main_thread: std::marker::PhantomData<*const ()>,
}

impl Runtime {
    /// Initialises with default options (PERRY_GC_STRESS=1 in the environment still applies).
    pub fn init() -> Result<Runtime, Status> {
        Status::check(unsafe { sys::perry_runtime_init(ptr::null()) })?;
        Ok(Runtime {
            _main_thread: std::marker::PhantomData,
        })
    }
    pub fn init_with(options: &sys::PerryRuntimeOptions) -> Result<Runtime, Status> {
        Status::check(unsafe { sys::perry_runtime_init(options) })?;
        Ok(Runtime {
            _main_thread: std::marker::PhantomData,
        })
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        unsafe { sys::perry_runtime_shutdown() };
    }
}

/// How a promise settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    Fulfilled(JsValue),
    Rejected(JsValue),
}

/// Runs the event pump until `promise` settles. DEADLOCK when nothing pending could settle it.
pub fn pump_await(promise: JsValue) -> Result<Settled, Status> {
    let mut state = sys::PERRY_PROMISE_PENDING;
    let mut result = sys::PERRY_UNDEFINED;
    Status::check(unsafe { sys::perry_pump_await(promise.bits(), &mut state, &mut result) })?;
    let result = JsValue::from_bits(result);
    Ok(if state == sys::PERRY_PROMISE_FULFILLED {
        Settled::Fulfilled(result)
    } else {
        Settled::Rejected(result)
    })
}

/// Runs the event pump until nothing is pending.
pub fn pump_until_idle() -> Result<(), Status> {
    Status::check(unsafe { sys::perry_pump_run(sys::PERRY_PUMP_UNTIL_IDLE) })
}

/// Takes (and clears) the pending exception, if any.
pub fn take_exception() -> Option<JsValue> {
    if unsafe { sys::perry_exception_pending() } {
        Some(JsValue::from_bits(unsafe { sys::perry_exception_take() }))
    } else {
        None
    }
}

/// The message of an error value (None for a non-error).
pub fn error_message(error: JsValue) -> Option<String> {
    JsValue::from_bits(unsafe { sys::perry_error_message(error.bits()) }).as_string()
}

/// The code of an error value (None when it has none).
pub fn error_code(error: JsValue) -> Option<String> {
    JsValue::from_bits(unsafe { sys::perry_error_code(error.bits()) }).as_string()
}
