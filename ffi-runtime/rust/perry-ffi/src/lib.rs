//! Safe Rust API for Perry native bindings, over the runtime's stable C ABI (`perry/ffi.h`).
//!
//! A binding is a `staticlib` crate exporting one `#[no_mangle] pub extern "C" fn js_<pkg>_<fn>`
//! per TypeScript-visible function, listed in the package's `perry.nativeLibrary` manifest.
//! This crate gives those functions the original perry-ffi API: strings ([`alloc_string`],
//! [`read_string`]), Buffers ([`read_buffer_bytes`], [`alloc_buffer`]), values ([`JsValue`]),
//! promises and blocking work ([`JsPromise`], [`spawn_blocking`]), handles
//! ([`register_handle`], [`with_handle`], ...), closures ([`JsClosure`]), GC root scanners
//! ([`gc_register_root_scanner`]), BigInt and JSON helpers, and [`notify_main_thread`].
//!
//! **Panics never cross `extern "C"`.** A panic unwinding out of an `extern "C"` function aborts
//! the program. Wrap every binding body in [`guard`] (or [`try_guard`] for a body returning a
//! `Result`): a panic or an error becomes a thrown JavaScript error instead. Callbacks this crate
//! hands to the runtime (task bodies, handle destructors, scanners) catch panics themselves.
//!
//! The runtime is not linked by this crate: the program that imports the binding links
//! `libperry_ffi.a` once (see the `runtime-link` feature of `perry-ffi-sys` for tests and hosts).
//!
//! Threads: the heap belongs to the runtime's main thread. Values are `Copy` words with no
//! lifetime; keep the ones you need beyond the current call reachable (on the stack, pinned with
//! [`Pinned`], or marked by a root scanner).

mod bigint;
mod buffer;
mod closure;
mod collections;
mod error;
mod gc;
mod handle;
pub mod host;
mod json;
mod promise;
mod pump;
mod string;
mod value;
mod work;

pub use bigint::*;
pub use buffer::*;
pub use closure::*;
pub use collections::*;
pub use error::*;
pub use gc::*;
pub use handle::*;
pub use json::*;
pub use promise::*;
pub use pump::*;
pub use string::*;
pub use value::*;
pub use work::*;

/// The raw C ABI, for what this crate does not wrap.
pub use perry_ffi_sys as sys;
