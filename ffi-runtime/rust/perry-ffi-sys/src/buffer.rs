//! Buffer (perry/ffi/buffer.h).

use core::ffi::c_void;

use crate::{PerryStatus, PerryValue};

/// A Buffer's header; `capacity` bytes follow it.
#[repr(C)]
#[derive(Debug)]
pub struct PerryBufferHeader {
    pub length: u32,
    pub capacity: u32,
}

extern "C" {
    pub fn perry_buffer_alloc(length: usize) -> PerryValue;
    pub fn perry_buffer_from_bytes(bytes: *const c_void, length: usize) -> PerryValue;
    pub fn perry_buffer_bytes(
        buffer: PerryValue,
        out_data: *mut *mut u8,
        out_length: *mut usize,
    ) -> PerryStatus;
    pub fn perry_buffer_data(buffer: PerryValue) -> *mut u8;
    pub fn perry_buffer_length(buffer: PerryValue) -> usize;
    pub fn perry_value_is_buffer(value: PerryValue) -> bool;
}
