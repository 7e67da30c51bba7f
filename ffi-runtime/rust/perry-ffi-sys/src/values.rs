//! NaN-boxed values: the tags, the kinds and the header's inline accessors.

use core::ffi::{c_char, c_void};

use crate::PerryKind;

/// A 64-bit NaN-boxed JavaScript value. Where a manifest says `jsvalue` or `f64` it travels as
/// an `f64` with the same bits ([`perry_value_to_abi`] / [`perry_value_from_abi`]).
pub type PerryValue = u64;

pub const PERRY_TAG_SHIFT: u32 = 48;
pub const PERRY_TAG_MASK: u64 = 0xFFFF_0000_0000_0000;
pub const PERRY_PAYLOAD_MASK: u64 = 0x0000_FFFF_FFFF_FFFF;

pub const PERRY_TAG_SHORT_STRING: u64 = 0x7FF9;
pub const PERRY_TAG_BIGINT: u64 = 0x7FFA;
pub const PERRY_TAG_SPECIAL: u64 = 0x7FFC;
pub const PERRY_TAG_OBJECT: u64 = 0x7FFD;
pub const PERRY_TAG_INT32: u64 = 0x7FFE;
pub const PERRY_TAG_STRING: u64 = 0x7FFF;

pub const PERRY_UNDEFINED: PerryValue = 0x7FFC_0000_0000_0001;
pub const PERRY_NULL: PerryValue = 0x7FFC_0000_0000_0002;
pub const PERRY_FALSE: PerryValue = 0x7FFC_0000_0000_0003;
pub const PERRY_TRUE: PerryValue = 0x7FFC_0000_0000_0004;
pub const PERRY_NAN_BITS: PerryValue = 0x7FF8_0000_0000_0000;

pub const PERRY_SHORT_STRING_MAX: u32 = 5;
pub const PERRY_SHORT_STRING_LEN_SHIFT: u32 = 40;

#[inline]
pub const fn perry_value_tag(v: PerryValue) -> u64 {
    v >> PERRY_TAG_SHIFT
}

#[inline]
pub fn perry_value_to_abi(v: PerryValue) -> f64 {
    f64::from_bits(v)
}

#[inline]
pub fn perry_value_from_abi(d: f64) -> PerryValue {
    d.to_bits()
}

#[inline]
pub const fn perry_value_is_undefined(v: PerryValue) -> bool {
    v == PERRY_UNDEFINED
}

#[inline]
pub const fn perry_value_is_null(v: PerryValue) -> bool {
    v == PERRY_NULL
}

#[inline]
pub const fn perry_value_is_nullish(v: PerryValue) -> bool {
    v == PERRY_UNDEFINED || v == PERRY_NULL
}

#[inline]
pub const fn perry_value_is_bool(v: PerryValue) -> bool {
    v == PERRY_TRUE || v == PERRY_FALSE
}

#[inline]
pub const fn perry_value_is_int32(v: PerryValue) -> bool {
    perry_value_tag(v) == PERRY_TAG_INT32
}

/// True for a value stored as a double (not for an int32: see [`perry_value_is_number`]).
#[inline]
pub const fn perry_value_is_double(v: PerryValue) -> bool {
    let tag = perry_value_tag(v);
    tag != PERRY_TAG_SHORT_STRING
        && tag != PERRY_TAG_BIGINT
        && (tag < PERRY_TAG_SPECIAL || tag > PERRY_TAG_STRING)
}

#[inline]
pub const fn perry_value_is_number(v: PerryValue) -> bool {
    perry_value_is_int32(v) || perry_value_is_double(v)
}

#[inline]
pub const fn perry_value_is_heap_string(v: PerryValue) -> bool {
    perry_value_tag(v) == PERRY_TAG_STRING
}

#[inline]
pub const fn perry_value_is_short_string(v: PerryValue) -> bool {
    perry_value_tag(v) == PERRY_TAG_SHORT_STRING
}

/// True for heap and short strings alike.
#[inline]
pub const fn perry_value_is_string(v: PerryValue) -> bool {
    perry_value_is_heap_string(v) || perry_value_is_short_string(v)
}

#[inline]
pub const fn perry_value_is_bigint(v: PerryValue) -> bool {
    perry_value_tag(v) == PERRY_TAG_BIGINT
}

/// True for every heap object (arrays, objects, Buffers, functions, promises, errors).
#[inline]
pub const fn perry_value_is_object(v: PerryValue) -> bool {
    perry_value_tag(v) == PERRY_TAG_OBJECT
}

#[inline]
pub const fn perry_value_undefined() -> PerryValue {
    PERRY_UNDEFINED
}

#[inline]
pub const fn perry_value_null() -> PerryValue {
    PERRY_NULL
}

#[inline]
pub const fn perry_value_from_bool(b: bool) -> PerryValue {
    if b {
        PERRY_TRUE
    } else {
        PERRY_FALSE
    }
}

#[inline]
pub const fn perry_value_from_int32(i: i32) -> PerryValue {
    (PERRY_TAG_INT32 << PERRY_TAG_SHIFT) | (i as u32 as u64)
}

/// Any double; every NaN becomes [`PERRY_NAN_BITS`] so that no double can pose as a tagged
/// value.
#[inline]
pub fn perry_value_from_number(d: f64) -> PerryValue {
    if d.is_nan() {
        PERRY_NAN_BITS
    } else {
        d.to_bits()
    }
}

/// Not truthiness: true only for the value `true`.
#[inline]
pub const fn perry_value_to_bool(v: PerryValue) -> bool {
    v == PERRY_TRUE
}

/// The int32 payload; 0 if the value is not an int32.
#[inline]
pub const fn perry_value_to_int32(v: PerryValue) -> i32 {
    if perry_value_is_int32(v) {
        (v & 0xFFFF_FFFF) as u32 as i32
    } else {
        0
    }
}

/// The numeric value of an int32 or a double; NaN for every other kind.
#[inline]
pub fn perry_value_to_number(v: PerryValue) -> f64 {
    if perry_value_is_int32(v) {
        perry_value_to_int32(v) as f64
    } else if perry_value_is_double(v) {
        f64::from_bits(v)
    } else {
        f64::from_bits(PERRY_NAN_BITS)
    }
}

/// The heap pointer of a string, BigInt or object value; null for immediates and short strings.
#[inline]
pub fn perry_value_to_pointer(v: PerryValue) -> *mut c_void {
    let tag = perry_value_tag(v);
    if tag == PERRY_TAG_OBJECT || tag == PERRY_TAG_STRING || tag == PERRY_TAG_BIGINT {
        (v & PERRY_PAYLOAD_MASK) as usize as *mut c_void
    } else {
        core::ptr::null_mut()
    }
}

/// Boxes a heap pointer with a tag (`PERRY_TAG_OBJECT`, `PERRY_TAG_STRING` or
/// `PERRY_TAG_BIGINT`). Never dereferences the pointer.
#[inline]
pub fn perry_value_from_pointer(tag: u64, pointer: *const c_void) -> PerryValue {
    (tag << PERRY_TAG_SHIFT) | (pointer as usize as u64 & PERRY_PAYLOAD_MASK)
}

extern "C" {
    pub fn perry_value_kind(v: PerryValue) -> PerryKind;
    pub fn perry_value_typeof(v: PerryValue) -> *const c_char;
    pub fn perry_value_same(a: PerryValue, b: PerryValue) -> bool;
}
