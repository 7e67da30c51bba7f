//! BigInt (perry/ffi/bigint.h).

use core::ffi::{c_char, c_int, CStr};

use crate::{PerryStatus, PerryValue};

pub const PERRY_BIGINT_MAX_LIMBS: u32 = 1 << 24;

/// NUL-terminated [`perry_bigint_from_string`].
///
/// # Safety
/// `text` must be null or a NUL-terminated string, and `out` valid for a write.
#[inline]
pub unsafe fn perry_bigint_from_cstring(text: *const c_char, out: *mut PerryValue) -> PerryStatus {
    let length = if text.is_null() {
        0
    } else {
        CStr::from_ptr(text).to_bytes().len()
    };
    perry_bigint_from_string(text, length, out)
}

extern "C" {
    pub fn perry_bigint_from_int64(value: i64) -> PerryValue;
    pub fn perry_bigint_from_uint64(value: u64) -> PerryValue;
    pub fn perry_bigint_from_limbs(negative: bool, limbs: *const u64, count: usize) -> PerryValue;
    pub fn perry_bigint_from_string(
        text: *const c_char,
        length: usize,
        out: *mut PerryValue,
    ) -> PerryStatus;
    pub fn perry_bigint_to_limbs(
        value: PerryValue,
        out_negative: *mut bool,
        limbs: *mut u64,
        capacity: usize,
        out_count: *mut usize,
    ) -> PerryStatus;
    pub fn perry_bigint_to_int64(
        value: PerryValue,
        out: *mut i64,
        out_lossless: *mut bool,
    ) -> PerryStatus;
    pub fn perry_bigint_to_uint64(
        value: PerryValue,
        out: *mut u64,
        out_lossless: *mut bool,
    ) -> PerryStatus;
    pub fn perry_bigint_to_string(
        value: PerryValue,
        radix: u32,
        buffer: *mut c_char,
        capacity: usize,
        out_length: *mut usize,
    ) -> PerryStatus;
    pub fn perry_bigint_compare(a: PerryValue, b: PerryValue, out_order: *mut c_int)
        -> PerryStatus;
}
