//! Raw declarations of the Perry runtime's C ABI, `perry/ffi.h` (runtime version 0.5).
//!
//! This is the `-sys` half of the sys-crate pattern: `extern "C"` declarations of every
//! `PERRY_API` function, the typedefs, the constants and tag values, and the header's
//! `static inline` accessors re-implemented as `#[inline]` Rust functions. The names are the C
//! names, so the C documentation (the header comments and `docs/abi/`) applies word for word.
//! The safe API is the `perry-ffi` crate; use this one only for what that one lacks.
//!
//! Linking: by default nothing is linked. A binding is a staticlib whose `perry_*` references
//! stay undefined until the program that imports it links `libperry_ffi.a` once; a binding that
//! bundled the runtime would be reported by `perry native validate`. The `runtime-link` feature
//! links the archive for tests, examples and hosts (see `build.rs` for how it is found).
//!
//! The layout of every struct and the value of every constant are checked against the headers
//! by this crate's tests (`tests/header_coverage.rs`).
#![no_std]
#![allow(non_camel_case_types)]

mod bigint;
mod buffer;
mod closures;
mod collections;
mod errors;
mod handles;
mod json;
mod promises;
mod pump;
mod runtime;
mod status;
mod strings;
mod values;
mod work;

pub use bigint::*;
pub use buffer::*;
pub use closures::*;
pub use collections::*;
pub use errors::*;
pub use handles::*;
pub use json::*;
pub use promises::*;
pub use pump::*;
pub use runtime::*;
pub use status::*;
pub use strings::*;
pub use values::*;
pub use work::*;

pub use core::ffi::{c_char, c_int, c_void};

// The layouts the ABI pins (tests/ffi/abi_layout_checks.h on the C side), checked at compile time
// for the target being built.
const _: () = {
    use core::mem::{offset_of, size_of};
    assert!(size_of::<PerryStringHeader>() == 20);
    assert!(offset_of!(PerryStringHeader, byte_len) == 4);
    assert!(offset_of!(PerryStringHeader, flags) == 16);
    assert!(size_of::<PerryBufferHeader>() == 8);
    assert!(size_of::<PerryArrayHeader>() == 8);
    assert!(size_of::<PerryRuntimeOptions>() == 24);
    assert!(offset_of!(PerryRuntimeOptions, gc_threshold) == 8);
    assert!(size_of::<PerryGcStats>() == 48);
    assert!(offset_of!(PerryClosureCall, args) == 16);
    assert!(offset_of!(PerryClosureCall, argc) == 16 + size_of::<*const PerryValue>());
};
