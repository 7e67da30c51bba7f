//! JsValue: a NaN-boxed JavaScript value.

use std::fmt;

use perry_ffi_sys as sys;
use sys::PerryValue;

/// A JavaScript value: the 64-bit NaN-boxed word of the C ABI. It is `Copy` and carries no
/// lifetime: a heap value (string, object, ...) stays valid while the GC can reach it (see the
/// crate docs). A `jsvalue` or `f64` manifest parameter arrives as an `f64` with the value's
/// bits: [`JsValue::from_abi`] / [`JsValue::to_abi`].
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct JsValue(PerryValue);

/// What kind of value a [`JsValue`] is (`perry_value_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    BigInt,
    Array,
    Object,
    Buffer,
    Function,
    Promise,
    Error,
    Internal,
    /// A kind a newer runtime added.
    Other(u32),
}

impl JsValue {
    pub const UNDEFINED: JsValue = JsValue(sys::PERRY_UNDEFINED);
    pub const NULL: JsValue = JsValue(sys::PERRY_NULL);
    pub const TRUE: JsValue = JsValue(sys::PERRY_TRUE);
    pub const FALSE: JsValue = JsValue(sys::PERRY_FALSE);

    /// The value with these bits (a `PerryValue` of the C ABI).
    pub const fn from_bits(bits: u64) -> Self {
        JsValue(bits)
    }
    pub const fn bits(self) -> u64 {
        self.0
    }
    /// The value a `jsvalue`/`f64` parameter carries (its bits are the value).
    pub fn from_abi(abi: f64) -> Self {
        JsValue(abi.to_bits())
    }
    /// The `f64` a `jsvalue` return carries.
    pub fn to_abi(self) -> f64 {
        f64::from_bits(self.0)
    }
    /// A number (every NaN becomes the canonical NaN, so no double poses as a tagged value).
    pub fn number(number: f64) -> Self {
        JsValue(sys::perry_value_from_number(number))
    }
    pub const fn int32(number: i32) -> Self {
        JsValue(sys::perry_value_from_int32(number))
    }
    pub const fn boolean(value: bool) -> Self {
        JsValue(sys::perry_value_from_bool(value))
    }
    /// The string value of a `string` argument (a `*const StringHeader`); undefined for null.
    /// Never dereferences the pointer.
    pub fn from_string_ptr(header: *const sys::PerryStringHeader) -> Self {
        if header.is_null() {
            JsValue::UNDEFINED
        } else {
            JsValue(sys::perry_string_from_header(header))
        }
    }

    pub fn kind(self) -> Kind {
        match unsafe { sys::perry_value_kind(self.0) } {
            sys::PERRY_KIND_UNDEFINED => Kind::Undefined,
            sys::PERRY_KIND_NULL => Kind::Null,
            sys::PERRY_KIND_BOOLEAN => Kind::Boolean,
            sys::PERRY_KIND_NUMBER => Kind::Number,
            sys::PERRY_KIND_STRING => Kind::String,
            sys::PERRY_KIND_BIGINT => Kind::BigInt,
            sys::PERRY_KIND_ARRAY => Kind::Array,
            sys::PERRY_KIND_OBJECT => Kind::Object,
            sys::PERRY_KIND_BUFFER => Kind::Buffer,
            sys::PERRY_KIND_FUNCTION => Kind::Function,
            sys::PERRY_KIND_PROMISE => Kind::Promise,
            sys::PERRY_KIND_ERROR => Kind::Error,
            sys::PERRY_KIND_INTERNAL => Kind::Internal,
            other => Kind::Other(other),
        }
    }
    /// JavaScript's `typeof`.
    pub fn type_of(self) -> &'static str {
        let text = unsafe { std::ffi::CStr::from_ptr(sys::perry_value_typeof(self.0)) };
        text.to_str().unwrap_or("undefined")
    }

    pub const fn is_undefined(self) -> bool {
        sys::perry_value_is_undefined(self.0)
    }
    pub const fn is_null(self) -> bool {
        sys::perry_value_is_null(self.0)
    }
    pub const fn is_nullish(self) -> bool {
        sys::perry_value_is_nullish(self.0)
    }
    pub const fn is_bool(self) -> bool {
        sys::perry_value_is_bool(self.0)
    }
    pub const fn is_number(self) -> bool {
        sys::perry_value_is_number(self.0)
    }
    /// Heap and short strings alike.
    pub const fn is_string(self) -> bool {
        sys::perry_value_is_string(self.0)
    }
    pub const fn is_bigint(self) -> bool {
        sys::perry_value_is_bigint(self.0)
    }
    /// Any heap object: array, object, Buffer, function, promise, error.
    pub const fn is_object(self) -> bool {
        sys::perry_value_is_object(self.0)
    }

    pub const fn as_bool(self) -> Option<bool> {
        if self.is_bool() {
            Some(sys::perry_value_to_bool(self.0))
        } else {
            None
        }
    }
    /// The number of an int32 or double value.
    pub fn as_f64(self) -> Option<f64> {
        self.is_number().then(|| sys::perry_value_to_number(self.0))
    }
    /// The value of an int32, or of a double that is an integer in i32's range.
    pub fn as_i32(self) -> Option<i32> {
        if sys::perry_value_is_int32(self.0) {
            return Some(sys::perry_value_to_int32(self.0));
        }
        let number = self.as_f64()?;
        (number.fract() == 0.0 && number >= i32::MIN as f64 && number <= i32::MAX as f64)
            .then_some(number as i32)
    }
    /// A copy of a string value's text (None for a non-string or a binary string that is not
    /// UTF-8).
    pub fn as_string(self) -> Option<String> {
        crate::string::value_bytes(&self.0).and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
    }
}

impl Default for JsValue {
    fn default() -> Self {
        JsValue::UNDEFINED
    }
}

/// An `f64` is taken as the ABI form of a value (its bits), which for a plain number is the
/// number itself: what a `jsvalue` or `f64` parameter receives can be passed on as is.
impl From<f64> for JsValue {
    fn from(abi: f64) -> Self {
        JsValue::from_abi(abi)
    }
}
impl From<i32> for JsValue {
    fn from(number: i32) -> Self {
        JsValue::int32(number)
    }
}
impl From<bool> for JsValue {
    fn from(value: bool) -> Self {
        JsValue::boolean(value)
    }
}

impl fmt::Debug for JsValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsValue({:#018x})", self.0)
    }
}
