//! JSON stringify (perry/ffi/json.h).

use core::ffi::c_char;

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
}
