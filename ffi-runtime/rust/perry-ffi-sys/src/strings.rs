//! Strings (perry/ffi/strings.h).

use core::ffi::{c_char, c_void, CStr};

use crate::{perry_value_from_pointer, PerryStatus, PerryValue, PERRY_TAG_STRING};

/// The header of a heap string; the bytes follow it (and a NUL not counted in `byte_len`).
#[repr(C)]
#[derive(Debug)]
pub struct PerryStringHeader {
    pub utf16_len: u32,
    pub byte_len: u32,
    pub capacity: u32,
    pub refcount: u32,
    pub flags: u32,
}

pub const PERRY_STRING_FLAG_BINARY: u32 = 1;
pub const PERRY_STRING_FLAG_LONE_SURROGATES: u32 = 2;

/// The bytes of a heap string (they follow the header). Pointer arithmetic only: never reads.
#[inline]
pub fn perry_string_header_bytes(header: *const PerryStringHeader) -> *const c_char {
    header.wrapping_add(1) as *const c_char
}

/// [`perry_string_from_utf8`] for a NUL-terminated string (null gives INVALID_ARGUMENT).
///
/// # Safety
/// `text` must be null or point to a NUL-terminated string; the runtime rules of
/// `perry_string_from_utf8` apply.
#[inline]
pub unsafe fn perry_string_from_cstr(text: *const c_char) -> PerryValue {
    if text.is_null() {
        perry_string_from_utf8(text, 1)
    } else {
        perry_string_from_utf8(text, CStr::from_ptr(text).to_bytes().len())
    }
}

/// The string value of a header from this runtime. Never dereferences the pointer.
#[inline]
pub fn perry_string_from_header(header: *const PerryStringHeader) -> PerryValue {
    perry_value_from_pointer(PERRY_TAG_STRING, header as *const c_void)
}

extern "C" {
    pub fn perry_string_from_utf8(bytes: *const c_char, length: usize) -> PerryValue;
    pub fn perry_string_from_utf16(units: *const u16, length: usize) -> PerryValue;
    pub fn perry_string_copy_utf16(
        value: PerryValue,
        out: *mut u16,
        capacity: usize,
        out_length: *mut usize,
    ) -> PerryStatus;
    pub fn perry_string_is_well_formed(value: PerryValue) -> bool;
    pub fn perry_string_from_binary(bytes: *const c_void, length: usize) -> PerryValue;
    pub fn perry_string_bytes(
        value: *const PerryValue,
        out_bytes: *mut *const c_char,
        out_length: *mut usize,
    ) -> PerryStatus;
    pub fn perry_string_copy(
        value: PerryValue,
        out: *mut c_char,
        capacity: usize,
        out_length: *mut usize,
    ) -> PerryStatus;
    pub fn perry_string_byte_length(value: PerryValue) -> usize;
    pub fn perry_string_utf16_length(value: PerryValue) -> usize;
    pub fn perry_string_is_binary(value: PerryValue) -> bool;
    pub fn perry_string_header(value: *mut PerryValue) -> *const PerryStringHeader;
    pub fn perry_string_equals(a: PerryValue, b: PerryValue) -> bool;
}
