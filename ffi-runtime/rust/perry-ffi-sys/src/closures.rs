//! Closures (perry/ffi/closures.h).

use core::ptr;

use crate::{PerryStatus, PerryValue, PERRY_UNDEFINED};

/// What a closure's C function receives; every pointer is valid only during the call.
#[repr(C)]
#[derive(Debug)]
pub struct PerryClosureCall {
    pub callee: PerryValue,
    pub this_value: PerryValue,
    pub args: *const PerryValue,
    pub argc: u32,
    pub capture_count: u32,
    pub captures: *const PerryValue,
}

pub type PerryClosureFn = Option<unsafe extern "C" fn(call: *const PerryClosureCall) -> PerryValue>;

pub const PERRY_CLOSURE_MAX_INLINE_ARGS: u32 = 4;

/// # Safety
/// `out_result` must be null or valid for a write; the closure must be alive (see the header).
#[inline]
pub unsafe fn perry_closure_call0(closure: PerryValue, out_result: *mut PerryValue) -> PerryStatus {
    perry_closure_call(closure, PERRY_UNDEFINED, ptr::null(), 0, out_result)
}

/// # Safety
/// As [`perry_closure_call0`].
#[inline]
pub unsafe fn perry_closure_call1(
    closure: PerryValue,
    a0: PerryValue,
    out_result: *mut PerryValue,
) -> PerryStatus {
    perry_closure_call(closure, PERRY_UNDEFINED, &a0, 1, out_result)
}

/// # Safety
/// As [`perry_closure_call0`].
#[inline]
pub unsafe fn perry_closure_call2(
    closure: PerryValue,
    a0: PerryValue,
    a1: PerryValue,
    out_result: *mut PerryValue,
) -> PerryStatus {
    let args = [a0, a1];
    perry_closure_call(closure, PERRY_UNDEFINED, args.as_ptr(), 2, out_result)
}

/// # Safety
/// As [`perry_closure_call0`].
#[inline]
pub unsafe fn perry_closure_call3(
    closure: PerryValue,
    a0: PerryValue,
    a1: PerryValue,
    a2: PerryValue,
    out_result: *mut PerryValue,
) -> PerryStatus {
    let args = [a0, a1, a2];
    perry_closure_call(closure, PERRY_UNDEFINED, args.as_ptr(), 3, out_result)
}

/// # Safety
/// As [`perry_closure_call0`].
#[inline]
pub unsafe fn perry_closure_call4(
    closure: PerryValue,
    a0: PerryValue,
    a1: PerryValue,
    a2: PerryValue,
    a3: PerryValue,
    out_result: *mut PerryValue,
) -> PerryStatus {
    let args = [a0, a1, a2, a3];
    perry_closure_call(closure, PERRY_UNDEFINED, args.as_ptr(), 4, out_result)
}

extern "C" {
    pub fn perry_closure_new(
        fn_: PerryClosureFn,
        captures: *const PerryValue,
        count: u32,
    ) -> PerryValue;
    pub fn perry_closure_is(value: PerryValue) -> bool;
    pub fn perry_closure_call(
        closure: PerryValue,
        this_value: PerryValue,
        args: *const PerryValue,
        argc: u32,
        out_result: *mut PerryValue,
    ) -> PerryStatus;
    pub fn perry_closure_serial(closure: PerryValue) -> u64;
    pub fn perry_closure_from_serial(serial: u64) -> PerryValue;
}
