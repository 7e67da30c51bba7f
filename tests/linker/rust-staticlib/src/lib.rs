//! A tiny binding-shaped crate: the symbol reader must find every defined global of its
//! staticlib, including the whole Rust std it bundles (whose objects carry `.llvmbc` sections).

#[no_mangle]
pub extern "C" fn js_probe_add(a: f64, b: f64) -> f64 {
    a + b
}

#[no_mangle]
pub extern "C" fn js_probe_greeting_len() -> i64 {
    format!("hello {}", 42).len() as i64
}

#[no_mangle]
pub static PROBE_TABLE: [u8; 4] = [1, 2, 3, 4];
