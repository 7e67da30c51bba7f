//! Arrays and plain objects, for bindings that return structured values.

use perry_ffi_sys as sys;

use crate::{JsValue, Status};

fn allocated(value: sys::PerryValue) -> Result<JsValue, Status> {
    if value == sys::PERRY_UNDEFINED {
        Err(Status::last())
    } else {
        Ok(JsValue::from_bits(value))
    }
}

/// A new array holding `values`. Main thread or inside a blocking task.
pub fn array_from_values(values: &[JsValue]) -> Result<JsValue, Status> {
    allocated(unsafe { sys::perry_array_from_values(values.as_ptr().cast(), values.len()) })
}

/// Appends to an array (may allocate, and so collect).
pub fn array_push(array: JsValue, value: JsValue) -> Result<(), Status> {
    Status::check(unsafe { sys::perry_array_push(array.bits(), value.bits()) })
}

/// The elements of an array, copied (None for a non-array).
pub fn array_values(array: JsValue) -> Option<Vec<JsValue>> {
    if !unsafe { sys::perry_value_is_array(array.bits()) } {
        return None;
    }
    let length = unsafe { sys::perry_array_length(array.bits()) };
    Some(
        (0..length)
            .map(|i| JsValue::from_bits(unsafe { sys::perry_array_get(array.bits(), i) }))
            .collect(),
    )
}

/// A new empty object `{}`.
pub fn object_new() -> Result<JsValue, Status> {
    allocated(unsafe { sys::perry_object_new(std::ptr::null()) })
}

/// A new object with these fields, in this order.
pub fn object_from_fields(fields: &[(&str, JsValue)]) -> Result<JsValue, Status> {
    let object = object_new()?;
    for (key, value) in fields {
        object_set(object, key, *value)?;
    }
    Ok(object)
}

/// Sets (or appends) a field (may allocate, and so collect).
pub fn object_set(object: JsValue, key: &str, value: JsValue) -> Result<(), Status> {
    Status::check(unsafe {
        sys::perry_object_set(object.bits(), key.as_ptr().cast(), key.len(), value.bits())
    })
}

/// A field's value; undefined when absent or for a non-object.
pub fn object_get(object: JsValue, key: &str) -> JsValue {
    JsValue::from_bits(unsafe {
        sys::perry_object_get(object.bits(), key.as_ptr().cast(), key.len())
    })
}
