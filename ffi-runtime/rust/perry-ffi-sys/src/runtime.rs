//! Value kinds, the runtime's life cycle and the GC (the core of perry/ffi.h).

use core::ffi::{c_char, c_void};
use core::marker::{PhantomData, PhantomPinned};

use crate::{PerryStatus, PerryValue};

/// A C enum (`PerryKind`), 32 bits.
pub type PerryKind = u32;

pub const PERRY_KIND_UNDEFINED: PerryKind = 0;
pub const PERRY_KIND_NULL: PerryKind = 1;
pub const PERRY_KIND_BOOLEAN: PerryKind = 2;
pub const PERRY_KIND_NUMBER: PerryKind = 3;
pub const PERRY_KIND_STRING: PerryKind = 4;
pub const PERRY_KIND_BIGINT: PerryKind = 5;
pub const PERRY_KIND_ARRAY: PerryKind = 6;
pub const PERRY_KIND_OBJECT: PerryKind = 7;
pub const PERRY_KIND_BUFFER: PerryKind = 8;
pub const PERRY_KIND_FUNCTION: PerryKind = 9;
pub const PERRY_KIND_PROMISE: PerryKind = 10;
pub const PERRY_KIND_ERROR: PerryKind = 11;
pub const PERRY_KIND_INTERNAL: PerryKind = 12;

/// Options of [`perry_runtime_init`]; zero what you do not set.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerryRuntimeOptions {
    pub struct_size: u32,
    pub worker_threads: u32,
    pub gc_threshold: u64,
    pub flags: u32,
    pub reserved: u32,
}

pub const PERRY_RUNTIME_GC_STRESS: u32 = 1;
pub const PERRY_RUNTIME_KEEP_MALLOC_SETTINGS: u32 = 2;

/// Opaque; valid only during a root scanner's callback.
#[repr(C)]
pub struct PerryGcMarker {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

pub type PerryRootScanFn =
    Option<unsafe extern "C" fn(marker: *mut PerryGcMarker, userdata: *mut c_void)>;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerryGcStats {
    pub live_objects: u64,
    pub live_bytes: u64,
    pub collections: u64,
    pub allocated_objects: u64,
    pub freed_objects: u64,
    pub last_pause_ns: u64,
}

extern "C" {
    pub fn perry_runtime_init(options: *const PerryRuntimeOptions) -> PerryStatus;
    pub fn perry_runtime_shutdown() -> PerryStatus;
    pub fn perry_runtime_is_initialized() -> bool;
    pub fn perry_is_main_thread() -> bool;

    pub fn perry_gc_mark_value(marker: *mut PerryGcMarker, value: PerryValue);
    pub fn perry_gc_mark_pointer(marker: *mut PerryGcMarker, pointer: *const c_void);
    pub fn perry_gc_register_root_scanner(
        name: *const c_char,
        scan: PerryRootScanFn,
        userdata: *mut c_void,
        out_id: *mut u64,
    ) -> PerryStatus;
    pub fn perry_gc_unregister_root_scanner(id: u64) -> PerryStatus;
    pub fn perry_gc_pin(value: PerryValue) -> PerryStatus;
    pub fn perry_gc_unpin(value: PerryValue) -> PerryStatus;
    pub fn perry_gc_collect() -> PerryStatus;
    pub fn perry_gc_stats(out: *mut PerryGcStats) -> PerryStatus;
    pub fn perry_gc_stress_enabled() -> bool;
}
