//! @perry/rust-hash: FNV-1a 64, CRC-32 and SHA-256 for Perry programs, in Rust over `perry-ffi`.
//!
//! One `#[no_mangle] pub extern "C" fn js_rust_hash_*` per function of the manifest, each body
//! inside `perry_ffi::try_guard`, so that an error or a panic becomes a thrown JavaScript error
//! and never unwinds across `extern "C"`.

mod algorithms;
#[cfg(test)]
mod tests;

use perry_ffi::{
    alloc_string, bigint_from_u64, read_buffer_bytes, read_str, spawn_blocking, try_guard,
    BufferHeader, JsError, JsPromise, JsValue, Promise, StringHeader,
};

fn text_argument<'a>(text: *const StringHeader) -> Result<&'a str, JsError> {
    // SAFETY: a `string` parameter is a string header of this runtime, alive during the call.
    unsafe { read_str(text) }
        .ok_or_else(|| JsError::type_error("expected a string").with_code("ERR_INVALID_ARG_TYPE"))
}

fn buffer_argument<'a>(data: *const BufferHeader) -> Result<&'a [u8], JsError> {
    // SAFETY: a `buffer` parameter is a Buffer header of this runtime (or null), alive during
    // the call; read_buffer_bytes checks with the runtime that it is a Buffer.
    unsafe { read_buffer_bytes(data) }
        .ok_or_else(|| JsError::type_error("expected a Buffer").with_code("ERR_INVALID_ARG_TYPE"))
}

/// `fnv1a64(text: string): bigint`: FNV-1a 64 of the UTF-8 bytes, as an unsigned BigInt (the
/// hash does not fit a double).
#[no_mangle]
pub extern "C" fn js_rust_hash_fnv1a64(text: *const StringHeader) -> f64 {
    try_guard(|| {
        let hash = algorithms::fnv1a64(
            text_argument(text)?.as_bytes(),
            algorithms::FNV64_OFFSET_BASIS,
        );
        Ok(bigint_from_u64(hash)?.to_abi())
    })
}

/// `fnv1a64Seeded(text: string, basis: bigint): bigint`: the same from another offset basis. The
/// `i64` parameter takes a BigInt in [-2^63, 2^63); its two's-complement bits are the basis, so
/// a basis above 2^63 is written as a negative BigInt (BigInt.asIntN(64, basis)).
#[no_mangle]
pub extern "C" fn js_rust_hash_fnv1a64_seeded(text: *const StringHeader, basis: i64) -> f64 {
    try_guard(|| {
        let hash = algorithms::fnv1a64(text_argument(text)?.as_bytes(), basis as u64);
        Ok(bigint_from_u64(hash)?.to_abi())
    })
}

/// `crc32(data: Buffer): number`.
#[no_mangle]
pub extern "C" fn js_rust_hash_crc32(data: *const BufferHeader) -> f64 {
    try_guard(|| Ok(f64::from(algorithms::crc32(buffer_argument(data)?))))
}

/// `sha256(data: Buffer): string`: the digest in lowercase hex, as `sha256sum` prints it.
#[no_mangle]
pub extern "C" fn js_rust_hash_sha256(data: *const BufferHeader) -> *mut StringHeader {
    try_guard(|| {
        let digest = algorithms::sha256(buffer_argument(data)?);
        Ok(alloc_string(&algorithms::hex(&digest)).as_raw())
    })
}

/// `sha256Async(data: Buffer): Promise<string>`: the same on the blocking pool, for large
/// Buffers. The bytes are copied here, on the main thread: a worker must not read a main-thread
/// value the binding did not pin, and the copy leaves the caller free to change the Buffer.
#[no_mangle]
pub extern "C" fn js_rust_hash_sha256_async(data: *const BufferHeader) -> *mut Promise {
    try_guard(|| {
        let bytes = buffer_argument(data)?.to_vec();
        let promise = JsPromise::new();
        let raw = promise.as_raw();
        spawn_blocking(move || {
            let hex = algorithms::hex(&algorithms::sha256(&bytes));
            // Built inside the task: the string is pinned until the promise is delivered.
            let _ = promise.resolve(JsValue::from(alloc_string(&hex)));
        });
        Ok(raw)
    })
}
