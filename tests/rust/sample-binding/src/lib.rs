//! A minimal binding: `hello(name: string) -> string`, and a function that panics, which the
//! guard must turn into a thrown JavaScript error instead of unwinding into the C caller.

use perry_ffi::{alloc_string, guard, read_string, StringHeader};

/// `hello(name) -> string`.
///
/// # Safety
///
/// `name` must be null or a Perry-runtime `StringHeader`.
#[no_mangle]
pub unsafe extern "C" fn js_sample_hello(name: *const StringHeader) -> *mut StringHeader {
    guard(|| {
        let name = read_string(name).unwrap_or_default();
        alloc_string(&format!("hello, {name}")).as_raw()
    })
}

/// `explode() -> number`: always panics.
#[no_mangle]
pub extern "C" fn js_sample_explode() -> f64 {
    guard(|| -> f64 { panic!("kaboom") })
}
