//! {{PACKAGE_NAME}}: {{DESCRIPTION}}
//!
//! One `#[no_mangle] extern "C"` function per TypeScript-visible call. Each is declared in
//! package.json's perry.nativeLibrary.functions with its parameter and return types, and each
//! manifest type has one C type (perry's type table): `string` arrives as `*const StringHeader`
//! and returns as one, `number` is `f64`, `i64` is `i64`, `bool` is `bool`. Use only the
//! `perry_ffi` API: it is the runtime's stable contract.

use perry_ffi::{alloc_string, read_string, StringHeader};

// The signature of every function of package.json, checked at compile time: build.rs writes one
// assertion per function (`perry native header --rust`), so a function here that disagrees with
// the manifest fails `cargo build`.
include!(concat!(env!("OUT_DIR"), "/perry_signatures.rs"));

/// `hello(name: string): string`: returns "Hello, <name>!".
///
/// # Safety
///
/// `name` must be null or a Perry-runtime `StringHeader` (what a `string` parameter receives).
#[no_mangle]
pub unsafe extern "C" fn {{HELLO_SYMBOL}}(name: *const StringHeader) -> *const StringHeader {
    let name = read_string(name).unwrap_or_default();
    alloc_string(&format!("Hello, {name}!")).as_raw()
}
