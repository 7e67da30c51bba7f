//! JSON stringify and parse (perry/ffi/json.h).

use core::ffi::{c_char, CStr};

use crate::{PerryStatus, PerryValue};

extern "C" {
    pub fn perry_json_stringify(
        value: PerryValue,
        indent: PerryValue,
        out: *mut PerryValue,
    ) -> PerryStatus;
    pub fn perry_json_stringify_bytes(
        value: PerryValue,
        indent: PerryValue,
        out_bytes: *mut *mut c_char,
        out_length: *mut usize,
    ) -> PerryStatus;
    pub fn perry_json_free(bytes: *mut c_char);
    pub fn perry_json_error_message() -> *const c_char;
    pub fn perry_json_parse(text: *const c_char, length: usize, out: *mut PerryValue)
        -> PerryStatus;
    pub fn perry_json_parse_error_message() -> *const c_char;
    pub fn perry_json_parse_error_position() -> usize;
}

/// NUL-terminated [`perry_json_parse`]; a null `text` is an invalid argument, as in C.
///
/// # Safety
/// `text` must be null or a NUL-terminated string; `out` must be valid for a write.
#[inline]
pub unsafe fn perry_json_parse_cstr(text: *const c_char, out: *mut PerryValue) -> PerryStatus {
    if text.is_null() {
        perry_json_parse(text, 1, out)
    } else {
        perry_json_parse(text, CStr::from_ptr(text).to_bytes().len(), out)
    }
}
