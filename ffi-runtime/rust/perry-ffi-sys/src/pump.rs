//! The event pump (perry/ffi/pump.h).

use core::ffi::{c_char, c_void};

use crate::{PerryPromiseState, PerryStatus, PerryValue};

/// A C enum (`PerryPumpMode`), 32 bits.
pub type PerryPumpMode = u32;

pub const PERRY_PUMP_ONCE: PerryPumpMode = 0;
pub const PERRY_PUMP_NOWAIT: PerryPumpMode = 1;
pub const PERRY_PUMP_UNTIL_IDLE: PerryPumpMode = 2;

pub type PerryAuxPumpFn = Option<unsafe extern "C" fn(userdata: *mut c_void)>;
pub type PerryAuxActiveFn = Option<unsafe extern "C" fn(userdata: *mut c_void) -> bool>;

extern "C" {
    pub fn perry_pump_run(mode: PerryPumpMode) -> PerryStatus;
    pub fn perry_pump_has_pending() -> bool;
    pub fn perry_pump_await(
        promise: PerryValue,
        out_state: *mut PerryPromiseState,
        out_result: *mut PerryValue,
    ) -> PerryStatus;
    pub fn perry_notify_main_thread();
    pub fn perry_pump_register(
        name: *const c_char,
        pump: PerryAuxPumpFn,
        has_active: PerryAuxActiveFn,
        userdata: *mut c_void,
    ) -> PerryStatus;
    pub fn perry_pump_unregister(name: *const c_char) -> PerryStatus;
}
