//! Version and status codes (the first sections of perry/ffi.h).

use core::ffi::c_char;

pub const PERRY_FFI_VERSION_MAJOR: u32 = 0;
pub const PERRY_FFI_VERSION_MINOR: u32 = 5;
pub const PERRY_FFI_VERSION_PATCH: u32 = 0;

/// `PERRY_FFI_VERSION_ENCODE(major, minor, patch)`.
#[allow(non_snake_case)]
#[inline]
pub const fn PERRY_FFI_VERSION_ENCODE(major: u32, minor: u32, patch: u32) -> u32 {
    (major << 16) | (minor << 8) | patch
}

/// The version of the headers these declarations follow, encoded as `perry_ffi_version()`.
pub const PERRY_FFI_VERSION: u32 = PERRY_FFI_VERSION_ENCODE(
    PERRY_FFI_VERSION_MAJOR,
    PERRY_FFI_VERSION_MINOR,
    PERRY_FFI_VERSION_PATCH,
);

/// A C enum (`PerryStatus`); 32 bits in every ABI the runtime supports. Kept as an integer so
/// that a status this crate does not know yet is not undefined behaviour.
pub type PerryStatus = u32;

pub const PERRY_STATUS_OK: PerryStatus = 0;
pub const PERRY_STATUS_INVALID_ARGUMENT: PerryStatus = 1;
pub const PERRY_STATUS_INVALID_UTF8: PerryStatus = 2;
pub const PERRY_STATUS_TOO_LARGE: PerryStatus = 3;
pub const PERRY_STATUS_TYPE_MISMATCH: PerryStatus = 4;
pub const PERRY_STATUS_OUT_OF_MEMORY: PerryStatus = 5;
pub const PERRY_STATUS_NOT_FOUND: PerryStatus = 6;
pub const PERRY_STATUS_STALE_HANDLE: PerryStatus = 7;
pub const PERRY_STATUS_WRONG_HANDLE_TYPE: PerryStatus = 8;
pub const PERRY_STATUS_BUFFER_TOO_SMALL: PerryStatus = 9;
pub const PERRY_STATUS_INVALID_SYNTAX: PerryStatus = 10;
pub const PERRY_STATUS_JSON_CYCLE: PerryStatus = 11;
pub const PERRY_STATUS_JSON_BIGINT: PerryStatus = 12;
pub const PERRY_STATUS_PENDING_EXCEPTION: PerryStatus = 13;
pub const PERRY_STATUS_WRONG_THREAD: PerryStatus = 14;
pub const PERRY_STATUS_NOT_INITIALIZED: PerryStatus = 15;
pub const PERRY_STATUS_ALREADY_INITIALIZED: PerryStatus = 16;
pub const PERRY_STATUS_SHUT_DOWN: PerryStatus = 17;
pub const PERRY_STATUS_ALREADY_SETTLED: PerryStatus = 18;
pub const PERRY_STATUS_ALREADY_REGISTERED: PerryStatus = 19;
pub const PERRY_STATUS_NOT_CALLABLE: PerryStatus = 20;
pub const PERRY_STATUS_INTERNAL: PerryStatus = 21;
pub const PERRY_STATUS_DEADLOCK: PerryStatus = 22;
pub const PERRY_STATUS_COUNT_: PerryStatus = 23;

pub const PERRY_OK: PerryStatus = PERRY_STATUS_OK;

extern "C" {
    pub fn perry_ffi_version() -> u32;
    pub fn perry_ffi_version_string() -> *const c_char;
    pub fn perry_status_name(status: PerryStatus) -> *const c_char;
    pub fn perry_status_message(status: PerryStatus) -> *const c_char;
    pub fn perry_last_status() -> PerryStatus;
    pub fn perry_clear_last_status();
}
