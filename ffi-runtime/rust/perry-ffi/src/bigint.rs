//! BigInt helpers.

use std::ptr;

use perry_ffi_sys as sys;

use crate::{JsValue, Status};

fn allocated(value: sys::PerryValue) -> Result<JsValue, Status> {
    if value == sys::PERRY_UNDEFINED {
        Err(Status::last())
    } else {
        Ok(JsValue::from_bits(value))
    }
}

/// A new BigInt. Main thread or inside a blocking task.
pub fn bigint_from_i64(value: i64) -> Result<JsValue, Status> {
    allocated(unsafe { sys::perry_bigint_from_int64(value) })
}
pub fn bigint_from_u64(value: u64) -> Result<JsValue, Status> {
    allocated(unsafe { sys::perry_bigint_from_uint64(value) })
}
/// A BigInt of a sign and a magnitude in 64-bit limbs, least significant first.
pub fn bigint_from_limbs(negative: bool, limbs: &[u64]) -> Result<JsValue, Status> {
    allocated(unsafe { sys::perry_bigint_from_limbs(negative, limbs.as_ptr(), limbs.len()) })
}
/// Parses text as JavaScript's `BigInt(string)` does ("-12", "0xff", "  7 "). INVALID_SYNTAX
/// for text it rejects.
pub fn bigint_from_str(text: &str) -> Result<JsValue, Status> {
    let mut out = sys::PERRY_UNDEFINED;
    Status::check(unsafe {
        sys::perry_bigint_from_string(text.as_ptr().cast(), text.len(), &mut out)
    })?;
    Ok(JsValue::from_bits(out))
}

/// The BigInt's value when it fits in an i64 (None when it does not, or for a non-BigInt).
pub fn bigint_to_i64(value: JsValue) -> Option<i64> {
    let (mut out, mut lossless) = (0i64, false);
    let status = unsafe { sys::perry_bigint_to_int64(value.bits(), &mut out, &mut lossless) };
    (status == sys::PERRY_OK && lossless).then_some(out)
}
/// The BigInt's value when it fits in a u64.
pub fn bigint_to_u64(value: JsValue) -> Option<u64> {
    let (mut out, mut lossless) = (0u64, false);
    let status = unsafe { sys::perry_bigint_to_uint64(value.bits(), &mut out, &mut lossless) };
    (status == sys::PERRY_OK && lossless).then_some(out)
}
/// Sign and magnitude (64-bit limbs, least significant first; empty for 0n).
pub fn bigint_to_limbs(value: JsValue) -> Result<(bool, Vec<u64>), Status> {
    let mut count = 0usize;
    let status = unsafe {
        sys::perry_bigint_to_limbs(
            value.bits(),
            ptr::null_mut(),
            ptr::null_mut(),
            0,
            &mut count,
        )
    };
    if status != sys::PERRY_OK && status != sys::PERRY_STATUS_BUFFER_TOO_SMALL {
        return Err(Status(status));
    }
    let mut limbs = vec![0u64; count];
    let mut negative = false;
    Status::check(unsafe {
        sys::perry_bigint_to_limbs(
            value.bits(),
            &mut negative,
            limbs.as_mut_ptr(),
            limbs.len(),
            &mut count,
        )
    })?;
    limbs.truncate(count);
    Ok((negative, limbs))
}
/// `value.toString(radix)` (radix 2..=36).
pub fn bigint_to_string(value: JsValue, radix: u32) -> Result<String, Status> {
    let mut length = 0usize;
    let status = unsafe {
        sys::perry_bigint_to_string(value.bits(), radix, ptr::null_mut(), 0, &mut length)
    };
    if status != sys::PERRY_OK && status != sys::PERRY_STATUS_BUFFER_TOO_SMALL {
        return Err(Status(status));
    }
    let mut text = vec![0u8; length];
    Status::check(unsafe {
        sys::perry_bigint_to_string(
            value.bits(),
            radix,
            text.as_mut_ptr().cast(),
            text.len(),
            &mut length,
        )
    })?;
    text.truncate(length);
    Ok(String::from_utf8(text).expect("the runtime writes ASCII digits"))
}
