//! Strings: alloc_string, read_string, JsString, StringHeader.

use std::ptr;

use perry_ffi_sys as sys;
use sys::PerryValue;

use crate::JsValue;

/// The header of a heap string, as a `string` parameter or return travels (`*const` in,
/// `*mut` out, as the original API spells it).
pub type StringHeader = sys::PerryStringHeader;

/// A new string owned by the GC, always in heap form so that [`JsString::as_raw`] can be
/// returned from a binding whose manifest says `returns: "string"`.
#[derive(Clone, Copy, Debug)]
pub struct JsString {
    value: PerryValue,
    header: *mut StringHeader,
}

/// Allocates a JavaScript string holding `text`. On failure (out of memory, a string over
/// 4 GiB, called from a thread that may not allocate) the result is null: `as_raw()` is null and
/// `as_value()` undefined, and `perry_last_status()` says why. Main thread, or inside a
/// [`spawn_blocking`](crate::spawn_blocking) task.
pub fn alloc_string(text: &str) -> JsString {
    let mut value = unsafe { sys::perry_string_from_utf8(text.as_ptr().cast(), text.len()) };
    if value == sys::PERRY_UNDEFINED {
        return JsString {
            value,
            header: ptr::null_mut(),
        };
    }
    // A short string (up to 5 bytes) lives in the value itself; a `string` return needs a
    // header, so it is copied to the heap here (and `value` becomes that heap string).
    let header = unsafe { sys::perry_string_header(&mut value) } as *mut StringHeader;
    if header.is_null() {
        return JsString {
            value: sys::PERRY_UNDEFINED,
            header: ptr::null_mut(),
        };
    }
    JsString { value, header }
}

impl JsString {
    /// The header, to return from a `string` binding; null when the allocation failed.
    pub fn as_raw(&self) -> *mut StringHeader {
        self.header
    }
    pub fn as_value(&self) -> JsValue {
        JsValue::from_bits(self.value)
    }
    pub fn is_null(&self) -> bool {
        self.header.is_null()
    }
}

impl From<JsString> for JsValue {
    fn from(string: JsString) -> Self {
        string.as_value()
    }
}

/// The bytes of a string value held in `*value` (a short string's bytes live in the value).
pub(crate) fn value_bytes(value: &PerryValue) -> Option<&[u8]> {
    let mut bytes: *const std::ffi::c_char = ptr::null();
    let mut length = 0usize;
    let status = unsafe { sys::perry_string_bytes(value, &mut bytes, &mut length) };
    if status != sys::PERRY_OK {
        return None;
    }
    if length == 0 {
        return Some(&[]);
    }
    Some(unsafe { std::slice::from_raw_parts(bytes.cast::<u8>(), length) })
}

/// Borrows the text of a `string` argument without copying. None for null, and for a binary
/// string whose bytes are not UTF-8.
///
/// # Safety
/// `header` must be null or a `PerryStringHeader` of this runtime that stays reachable for `'a`
/// (a string argument is, for the duration of the call).
pub unsafe fn read_str<'a>(header: *const StringHeader) -> Option<&'a str> {
    if header.is_null() {
        return None;
    }
    let length = (*header).byte_len as usize;
    let bytes =
        std::slice::from_raw_parts(sys::perry_string_header_bytes(header).cast::<u8>(), length);
    std::str::from_utf8(bytes).ok()
}

/// A copy of the text of a `string` argument. None for null, and for a binary string whose bytes
/// are not UTF-8 (use [`read_string_bytes`] for those).
///
/// # Safety
/// `header` must be null or a `PerryStringHeader` of this runtime that is still reachable.
pub unsafe fn read_string(header: *const StringHeader) -> Option<String> {
    read_str(header).map(str::to_owned)
}

/// A copy of the bytes of a `string` argument, UTF-8 or binary.
///
/// # Safety
/// As [`read_string`].
pub unsafe fn read_string_bytes(header: *const StringHeader) -> Option<Vec<u8>> {
    if header.is_null() {
        return None;
    }
    let length = (*header).byte_len as usize;
    Some(
        std::slice::from_raw_parts(sys::perry_string_header_bytes(header).cast::<u8>(), length)
            .to_vec(),
    )
}
