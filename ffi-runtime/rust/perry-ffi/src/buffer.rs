//! Buffers: read_buffer_bytes, alloc_buffer, BufferHeader.

use std::ptr;

use perry_ffi_sys as sys;

use crate::JsValue;

/// A Buffer's header; its bytes follow it.
pub type BufferHeader = sys::PerryBufferHeader;

/// The bytes of a Buffer, without copying. None for null and for anything that is not a Buffer
/// (the runtime checks the object's kind).
///
/// # Safety
/// `buffer` must be null or point to a heap object of this runtime (a Buffer from a `ptr`
/// argument, or the payload of a Buffer value) that stays reachable for `'a`. Nothing else may
/// write the bytes during `'a`.
pub unsafe fn read_buffer_bytes<'a>(buffer: *const BufferHeader) -> Option<&'a [u8]> {
    if buffer.is_null() {
        return None;
    }
    buffer_slice(sys::perry_value_from_pointer(
        sys::PERRY_TAG_OBJECT,
        buffer.cast(),
    ))
    .map(|s| &*s)
}

/// The bytes of a Buffer, writable in place.
///
/// # Safety
/// As [`read_buffer_bytes`], and no other reference to the bytes may exist during `'a`.
pub unsafe fn read_buffer_bytes_mut<'a>(buffer: *mut BufferHeader) -> Option<&'a mut [u8]> {
    if buffer.is_null() {
        return None;
    }
    buffer_slice(sys::perry_value_from_pointer(
        sys::PERRY_TAG_OBJECT,
        buffer.cast(),
    ))
}

unsafe fn buffer_slice<'a>(value: sys::PerryValue) -> Option<&'a mut [u8]> {
    let mut data: *mut u8 = ptr::null_mut();
    let mut length = 0usize;
    if sys::perry_buffer_bytes(value, &mut data, &mut length) != sys::PERRY_OK {
        return None;
    }
    if length == 0 {
        return Some(&mut []);
    }
    Some(std::slice::from_raw_parts_mut(data, length))
}

/// A new Buffer holding a copy of `bytes`, owned by the GC. On failure (too large, out of
/// memory, a thread that may not allocate) the result is null (`as_raw()` null, `as_value()`
/// undefined). Main thread, or inside a [`spawn_blocking`](crate::spawn_blocking) task.
pub fn alloc_buffer(bytes: &[u8]) -> JsBuffer {
    JsBuffer(unsafe { sys::perry_buffer_from_bytes(bytes.as_ptr().cast(), bytes.len()) })
}

/// A Buffer value.
#[derive(Clone, Copy, Debug)]
pub struct JsBuffer(sys::PerryValue);

impl JsBuffer {
    /// The Buffer's header (what a `ptr` parameter of a Buffer receives); null on failure.
    pub fn as_raw(&self) -> *mut BufferHeader {
        sys::perry_value_to_pointer(self.0).cast()
    }
    pub fn as_value(&self) -> JsValue {
        JsValue::from_bits(self.0)
    }
    pub fn is_null(&self) -> bool {
        self.0 == sys::PERRY_UNDEFINED
    }
}

impl From<JsBuffer> for JsValue {
    fn from(buffer: JsBuffer) -> Self {
        buffer.as_value()
    }
}

impl JsValue {
    /// The bytes of a Buffer value; None for any other value.
    ///
    /// # Safety
    /// The Buffer must stay reachable for `'a` and nothing may write its bytes meanwhile.
    pub unsafe fn buffer_bytes<'a>(self) -> Option<&'a [u8]> {
        buffer_slice(self.bits()).map(|s| &*s)
    }
}
