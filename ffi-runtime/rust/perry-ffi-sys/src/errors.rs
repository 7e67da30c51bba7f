//! Error values and exceptions (perry/ffi/errors.h).

use core::ffi::{c_char, CStr};

use crate::{PerryStatus, PerryValue};

/// A C enum (`PerryErrorType`), 32 bits.
pub type PerryErrorType = u32;

pub const PERRY_ERROR_ERROR: PerryErrorType = 0;
pub const PERRY_ERROR_TYPE_ERROR: PerryErrorType = 1;
pub const PERRY_ERROR_RANGE_ERROR: PerryErrorType = 2;
pub const PERRY_ERROR_SYNTAX_ERROR: PerryErrorType = 3;

unsafe fn c_length(text: *const c_char) -> usize {
    if text.is_null() {
        0
    } else {
        CStr::from_ptr(text).to_bytes().len()
    }
}

/// NUL-terminated [`perry_error_new`]; `code` may be null.
///
/// # Safety
/// `message` and `code` must each be null or a NUL-terminated string.
#[inline]
pub unsafe fn perry_error_new_cstr(
    type_: PerryErrorType,
    message: *const c_char,
    code: *const c_char,
) -> PerryValue {
    perry_error_new(type_, message, c_length(message), code, c_length(code))
}

/// NUL-terminated [`perry_throw_error`]; `code` may be null.
///
/// # Safety
/// `message` and `code` must each be null or a NUL-terminated string.
#[inline]
pub unsafe fn perry_throw_error_cstr(
    type_: PerryErrorType,
    message: *const c_char,
    code: *const c_char,
) -> PerryStatus {
    perry_throw_error(type_, message, c_length(message), code, c_length(code))
}

extern "C" {
    pub fn perry_error_new(
        type_: PerryErrorType,
        message: *const c_char,
        message_length: usize,
        code: *const c_char,
        code_length: usize,
    ) -> PerryValue;
    pub fn perry_value_is_error(value: PerryValue) -> bool;
    pub fn perry_error_type(error: PerryValue) -> PerryErrorType;
    pub fn perry_error_name(error: PerryValue) -> PerryValue;
    pub fn perry_error_message(error: PerryValue) -> PerryValue;
    pub fn perry_error_code(error: PerryValue) -> PerryValue;
    pub fn perry_throw(exception: PerryValue) -> PerryStatus;
    pub fn perry_throw_error(
        type_: PerryErrorType,
        message: *const c_char,
        message_length: usize,
        code: *const c_char,
        code_length: usize,
    ) -> PerryStatus;
    pub fn perry_exception_pending() -> bool;
    pub fn perry_exception_peek() -> PerryValue;
    pub fn perry_exception_take() -> PerryValue;
    pub fn perry_exception_clear();
}
