//! Promises (perry/ffi/promises.h).

use core::ffi::{c_char, c_void, CStr};

use crate::{PerryStatus, PerryValue, PERRY_UNDEFINED};

/// A C enum (`PerryPromiseState`), 32 bits.
pub type PerryPromiseState = u32;

pub const PERRY_PROMISE_PENDING: PerryPromiseState = 0;
pub const PERRY_PROMISE_FULFILLED: PerryPromiseState = 1;
pub const PERRY_PROMISE_REJECTED: PerryPromiseState = 2;

pub type PerryPromiseCallback = Option<
    unsafe extern "C" fn(result: PerryValue, state: PerryPromiseState, userdata: *mut c_void),
>;
pub type PerryUnhandledRejectionFn =
    Option<unsafe extern "C" fn(promise: PerryValue, reason: PerryValue, userdata: *mut c_void)>;

/// NUL-terminated [`perry_promise_reject_string`].
///
/// # Safety
/// `message` must be null or a NUL-terminated string.
#[inline]
pub unsafe fn perry_promise_reject_cstr(
    promise: PerryValue,
    message: *const c_char,
) -> PerryStatus {
    let length = if message.is_null() {
        0
    } else {
        CStr::from_ptr(message).to_bytes().len()
    };
    perry_promise_reject_string(promise, message, length)
}

/// `promise.catch(on_rejected)`.
///
/// # Safety
/// `out_derived` must be null or valid for a write.
#[inline]
pub unsafe fn perry_promise_catch(
    promise: PerryValue,
    on_rejected: PerryValue,
    out_derived: *mut PerryValue,
) -> PerryStatus {
    perry_promise_then(promise, PERRY_UNDEFINED, on_rejected, out_derived)
}

extern "C" {
    pub fn perry_promise_new() -> PerryValue;
    pub fn perry_promise_is(value: PerryValue) -> bool;
    pub fn perry_promise_resolve(promise: PerryValue, value: PerryValue) -> PerryStatus;
    pub fn perry_promise_reject(promise: PerryValue, reason: PerryValue) -> PerryStatus;
    pub fn perry_promise_reject_string(
        promise: PerryValue,
        message: *const c_char,
        length: usize,
    ) -> PerryStatus;
    pub fn perry_promise_state(promise: PerryValue) -> PerryPromiseState;
    pub fn perry_promise_result(promise: PerryValue) -> PerryValue;
    pub fn perry_promise_on_settled(
        promise: PerryValue,
        callback: PerryPromiseCallback,
        userdata: *mut c_void,
    ) -> PerryStatus;
    pub fn perry_promise_then(
        promise: PerryValue,
        on_fulfilled: PerryValue,
        on_rejected: PerryValue,
        out_derived: *mut PerryValue,
    ) -> PerryStatus;
    pub fn perry_promise_set_unhandled_rejection_handler(
        fn_: PerryUnhandledRejectionFn,
        userdata: *mut c_void,
    ) -> PerryStatus;
}
