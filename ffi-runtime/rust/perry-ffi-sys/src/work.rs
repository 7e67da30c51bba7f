//! The blocking work pool (perry/ffi/work.h).

use core::ffi::{c_char, c_void};

use crate::{PerryStatus, PerryValue};

pub type PerryBlockingFn = Option<unsafe extern "C" fn(ctx: *mut c_void) -> PerryValue>;
pub type PerryWorkFn = Option<unsafe extern "C" fn(ctx: *mut c_void)>;
pub type PerryCompleteFn =
    Option<unsafe extern "C" fn(ctx: *mut c_void, status: PerryStatus) -> PerryValue>;

extern "C" {
    pub fn perry_spawn_blocking(fn_: PerryBlockingFn, ctx: *mut c_void) -> PerryValue;
    pub fn perry_spawn_blocking_deferred(
        work: PerryWorkFn,
        complete: PerryCompleteFn,
        ctx: *mut c_void,
    ) -> PerryValue;
    pub fn perry_task_reject(reason: PerryValue) -> PerryStatus;
    pub fn perry_task_reject_string(message: *const c_char, length: usize) -> PerryStatus;
    pub fn perry_task_is_running() -> bool;
    pub fn perry_work_pool_size() -> u32;
    pub fn perry_work_in_flight() -> u64;
}
