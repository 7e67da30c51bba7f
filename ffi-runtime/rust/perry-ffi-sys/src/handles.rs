//! Handles (perry/ffi/handles.h).

use core::ffi::c_void;

use crate::PerryStatus;

pub type PerryHandle = i64;
/// The address of something unique to the type; null is not a valid tag.
pub type PerryHandleType = *const c_void;
pub type PerryHandleDestructor = Option<unsafe extern "C" fn(pointer: *mut c_void)>;
pub type PerryHandleFn = Option<unsafe extern "C" fn(pointer: *mut c_void, userdata: *mut c_void)>;
pub type PerryHandleIterFn =
    Option<unsafe extern "C" fn(id: PerryHandle, pointer: *mut c_void, userdata: *mut c_void)>;

pub const PERRY_HANDLE_INVALID: PerryHandle = 0;

extern "C" {
    pub fn perry_handle_register(
        pointer: *mut c_void,
        type_: PerryHandleType,
        destructor: PerryHandleDestructor,
    ) -> PerryHandle;
    pub fn perry_handle_get(id: PerryHandle, type_: PerryHandleType) -> *mut c_void;
    pub fn perry_handle_with(
        id: PerryHandle,
        type_: PerryHandleType,
        fn_: PerryHandleFn,
        userdata: *mut c_void,
    ) -> PerryStatus;
    pub fn perry_handle_take(id: PerryHandle, type_: PerryHandleType) -> *mut c_void;
    pub fn perry_handle_drop(id: PerryHandle, type_: PerryHandleType) -> PerryStatus;
    pub fn perry_handle_exists(id: PerryHandle, type_: PerryHandleType) -> bool;
    pub fn perry_handle_iterate(
        type_: PerryHandleType,
        fn_: PerryHandleIterFn,
        userdata: *mut c_void,
    ) -> PerryStatus;
    pub fn perry_handle_count(type_: PerryHandleType) -> usize;
}
