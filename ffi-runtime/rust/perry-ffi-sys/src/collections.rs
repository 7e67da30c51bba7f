//! Arrays and shape-based objects (perry/ffi/collections.h).

use core::ffi::{c_char, CStr};
use core::marker::{PhantomData, PhantomPinned};

use crate::{PerryStatus, PerryValue};

#[repr(C)]
#[derive(Debug)]
pub struct PerryArrayHeader {
    pub length: u32,
    pub capacity: u32,
}

pub const PERRY_ARRAY_FORWARDED: u32 = 0xFFFF_FFFF;

/// Opaque: an ordered list of distinct keys.
#[repr(C)]
pub struct PerryShape {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// NUL-terminated [`perry_object_get`].
///
/// # Safety
/// `key` must be null or a NUL-terminated string.
#[inline]
pub unsafe fn perry_object_get_cstr(object: PerryValue, key: *const c_char) -> PerryValue {
    let length = if key.is_null() {
        0
    } else {
        CStr::from_ptr(key).to_bytes().len()
    };
    perry_object_get(object, key, length)
}

/// NUL-terminated [`perry_object_set`].
///
/// # Safety
/// `key` must be null or a NUL-terminated string.
#[inline]
pub unsafe fn perry_object_set_cstr(
    object: PerryValue,
    key: *const c_char,
    value: PerryValue,
) -> PerryStatus {
    let length = if key.is_null() {
        0
    } else {
        CStr::from_ptr(key).to_bytes().len()
    };
    perry_object_set(object, key, length, value)
}

extern "C" {
    pub fn perry_array_new(capacity: usize) -> PerryValue;
    pub fn perry_array_from_values(values: *const PerryValue, count: usize) -> PerryValue;
    pub fn perry_array_length(array: PerryValue) -> usize;
    pub fn perry_array_get(array: PerryValue, index: usize) -> PerryValue;
    pub fn perry_array_set(array: PerryValue, index: usize, value: PerryValue) -> PerryStatus;
    pub fn perry_array_push(array: PerryValue, value: PerryValue) -> PerryStatus;
    pub fn perry_array_elements(array: PerryValue, out_length: *mut usize) -> *mut PerryValue;
    pub fn perry_value_is_array(value: PerryValue) -> bool;

    pub fn perry_shape_new(
        keys: *const *const c_char,
        key_lengths: *const usize,
        count: usize,
    ) -> *mut PerryShape;
    pub fn perry_shape_key_count(shape: *const PerryShape) -> usize;
    pub fn perry_shape_index_of(
        shape: *const PerryShape,
        key: *const c_char,
        key_length: usize,
        out_index: *mut usize,
    ) -> PerryStatus;
    pub fn perry_object_new(shape: *const PerryShape) -> PerryValue;
    pub fn perry_object_get_index(object: PerryValue, index: usize) -> PerryValue;
    pub fn perry_object_set_index(
        object: PerryValue,
        index: usize,
        value: PerryValue,
    ) -> PerryStatus;
    pub fn perry_object_get(
        object: PerryValue,
        key: *const c_char,
        key_length: usize,
    ) -> PerryValue;
    pub fn perry_object_set(
        object: PerryValue,
        key: *const c_char,
        key_length: usize,
        value: PerryValue,
    ) -> PerryStatus;
    pub fn perry_object_key_count(object: PerryValue) -> usize;
    pub fn perry_object_key_at(object: PerryValue, index: usize) -> PerryValue;
    pub fn perry_object_shape(object: PerryValue) -> *const PerryShape;
    pub fn perry_object_keys(object: PerryValue) -> PerryValue;
    pub fn perry_value_is_plain_object(value: PerryValue) -> bool;
}
