//! The end-to-end Rust binding: each function is what the authoring guide's patterns look like
//! over the perry-ffi crate, called through `perry native run`'s generated shims.

use perry_ffi::{
    alloc_string, guard, read_buffer_bytes, read_string, spawn_blocking, BufferHeader,
    JsPromise, JsValue, Promise, StringHeader,
};

/// # Safety
/// `name` must be null or a Perry-runtime string header.
#[no_mangle]
pub unsafe extern "C" fn js_rust_greet(name: *const StringHeader) -> *mut StringHeader {
    guard(|| alloc_string(&format!("hello, {}", read_string(name).unwrap_or_default())).as_raw())
}

#[no_mangle]
pub extern "C" fn js_rust_hypot(a: f64, b: f64) -> f64 {
    a.hypot(b)
}

/// # Safety
/// `buffer` must be null or a Perry-runtime Buffer header.
#[no_mangle]
pub unsafe extern "C" fn js_rust_byte_count(buffer: *const BufferHeader) -> i32 {
    read_buffer_bytes(buffer).map_or(-1, |bytes| bytes.len() as i32)
}

#[no_mangle]
pub extern "C" fn js_rust_square_i64(x: i64) -> i64 {
    x.wrapping_mul(x)
}

/// # Safety
/// `text` must be null or a Perry-runtime string header.
#[no_mangle]
pub unsafe extern "C" fn js_rust_upper_async(text: *const StringHeader) -> *mut Promise {
    let text = read_string(text).unwrap_or_default();
    guard(|| {
        let promise = JsPromise::new();
        let raw = promise.as_raw();
        spawn_blocking(move || {
            let upper = alloc_string(&text.to_uppercase());
            let _ = promise.resolve(JsValue::from_string_ptr(upper.as_raw()));
        });
        raw
    })
}

#[no_mangle]
pub extern "C" fn js_rust_explode() -> f64 {
    guard(|| -> f64 { panic!("kaboom") })
}
