//! JSON.stringify of runtime values.

use std::ffi::{c_char, CStr};
use std::ptr;

use perry_ffi_sys as sys;

use crate::{JsError, JsValue, Status};

fn stringify(value: JsValue, indent: JsValue) -> Result<Option<String>, JsError> {
    let mut bytes: *mut c_char = ptr::null_mut();
    let mut length = 0usize;
    let status = unsafe {
        sys::perry_json_stringify_bytes(value.bits(), indent.bits(), &mut bytes, &mut length)
    };
    if status != sys::PERRY_OK {
        let detail = unsafe { CStr::from_ptr(sys::perry_json_error_message()) }
            .to_string_lossy()
            .into_owned();
        let mut error = JsError::from_status(Status(status));
        if !detail.is_empty() {
            error.message = detail;
        }
        if status == sys::PERRY_STATUS_JSON_CYCLE || status == sys::PERRY_STATUS_JSON_BIGINT {
            error.kind = crate::ErrorKind::TypeError; // what JSON.stringify throws for these
        }
        return Err(error);
    }
    if bytes.is_null() {
        return Ok(None);
    }
    let text = unsafe { std::slice::from_raw_parts(bytes.cast::<u8>(), length) };
    let text = String::from_utf8_lossy(text).into_owned();
    unsafe { sys::perry_json_free(bytes) };
    Ok(Some(text))
}

/// `JSON.stringify(value)`: the same text JavaScript gives, or None where JavaScript gives
/// undefined (a top-level undefined or function). Errors (a cycle, a BigInt) carry
/// JavaScript's message and say where (`... (at $.a[2])`). Main thread.
pub fn json_stringify(value: JsValue) -> Result<Option<String>, JsError> {
    stringify(value, JsValue::UNDEFINED)
}

/// `JSON.stringify(value, null, indent)` with `indent` spaces (at most 10).
pub fn json_stringify_pretty(value: JsValue, indent: u32) -> Result<Option<String>, JsError> {
    stringify(value, JsValue::int32(indent.min(10) as i32))
}

/// `JSON.stringify(value)` as a new string value (undefined where JavaScript gives undefined).
pub fn json_stringify_value(value: JsValue) -> Result<JsValue, Status> {
    let mut out = sys::PERRY_UNDEFINED;
    Status::check(unsafe {
        sys::perry_json_stringify(value.bits(), sys::PERRY_UNDEFINED, &mut out)
    })?;
    Ok(JsValue::from_bits(out))
}
