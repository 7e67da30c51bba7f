//! Status codes, JavaScript errors, and the guard that keeps panics from crossing extern "C".

use std::any::Any;
use std::ffi::CStr;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use perry_ffi_sys as sys;

use crate::JsValue;

/// A status of the C ABI (`PerryStatus`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Status(pub sys::PerryStatus);

impl Status {
    pub const OK: Status = Status(sys::PERRY_STATUS_OK);

    /// `Ok(())` for PERRY_OK, else `Err(status)`.
    pub fn check(status: sys::PerryStatus) -> Result<(), Status> {
        if status == sys::PERRY_OK {
            Ok(())
        } else {
            Err(Status(status))
        }
    }
    /// The status of the last failing call on this thread.
    pub fn last() -> Status {
        Status(unsafe { sys::perry_last_status() })
    }
    /// "PERRY_STATUS_TYPE_MISMATCH".
    pub fn name(self) -> &'static str {
        static_text(unsafe { sys::perry_status_name(self.0) })
    }
    pub fn message(self) -> &'static str {
        static_text(unsafe { sys::perry_status_message(self.0) })
    }
}

fn static_text(text: *const std::ffi::c_char) -> &'static str {
    if text.is_null() {
        return "";
    }
    unsafe { CStr::from_ptr(text) }.to_str().unwrap_or("")
}

impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())
    }
}
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message(), self.name())
    }
}

/// The constructor of a thrown error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Error,
    TypeError,
    RangeError,
}

impl ErrorKind {
    fn raw(self) -> sys::PerryErrorType {
        match self {
            ErrorKind::Error => sys::PERRY_ERROR_ERROR,
            ErrorKind::TypeError => sys::PERRY_ERROR_TYPE_ERROR,
            ErrorKind::RangeError => sys::PERRY_ERROR_RANGE_ERROR,
        }
    }
}

/// A JavaScript error to throw: kind, message and optional code (Node's `err.code`).
///
/// Any `std::error::Error` converts into it (so `?` works in a [`try_guard`] body), as does a
/// [`Status`] (message and code from the status table). It deliberately does not implement
/// `std::error::Error` itself, which is what allows that blanket conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsError {
    pub kind: ErrorKind,
    pub message: String,
    pub code: Option<String>,
}

impl JsError {
    pub fn new(message: impl Into<String>) -> Self {
        JsError {
            kind: ErrorKind::Error,
            message: message.into(),
            code: None,
        }
    }
    pub fn type_error(message: impl Into<String>) -> Self {
        JsError {
            kind: ErrorKind::TypeError,
            ..JsError::new(message)
        }
    }
    pub fn range_error(message: impl Into<String>) -> Self {
        JsError {
            kind: ErrorKind::RangeError,
            ..JsError::new(message)
        }
    }
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
    /// The error for a failed C call, as the C++ layer makes it.
    pub fn from_status(status: Status) -> Self {
        let kind = match status.0 {
            sys::PERRY_STATUS_TYPE_MISMATCH | sys::PERRY_STATUS_WRONG_HANDLE_TYPE => {
                ErrorKind::TypeError
            }
            sys::PERRY_STATUS_TOO_LARGE => ErrorKind::RangeError,
            _ => ErrorKind::Error,
        };
        JsError {
            kind,
            message: status.message().to_string(),
            code: Some(status.name().to_string()),
        }
    }
    /// Makes this error the pending JavaScript exception (main thread). Returns false when it
    /// could not (another exception is pending, or this is not the main thread).
    pub fn throw(&self) -> bool {
        throw_error(self.kind, &self.message, self.code.as_deref())
    }
    /// A new error value (not thrown); undefined on failure.
    pub fn to_value(&self) -> JsValue {
        let code = self.code.as_deref().unwrap_or("");
        JsValue::from_bits(unsafe {
            sys::perry_error_new(
                self.kind.raw(),
                self.message.as_ptr().cast(),
                self.message.len(),
                if self.code.is_some() {
                    code.as_ptr().cast()
                } else {
                    std::ptr::null()
                },
                code.len(),
            )
        })
    }
}

impl<E: std::error::Error> From<E> for JsError {
    fn from(error: E) -> Self {
        JsError::new(error.to_string())
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)?;
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        Ok(())
    }
}

/// Throws a new error (sets the pending exception). Main thread. False when nothing was thrown
/// (an exception was already pending: the first one wins, or the wrong thread).
pub fn throw_error(kind: ErrorKind, message: &str, code: Option<&str>) -> bool {
    let code_text = code.unwrap_or("");
    let status = unsafe {
        sys::perry_throw_error(
            kind.raw(),
            message.as_ptr().cast(),
            message.len(),
            if code.is_some() {
                code_text.as_ptr().cast()
            } else {
                std::ptr::null()
            },
            code_text.len(),
        )
    };
    status == sys::PERRY_OK
}

/// Throws any value. Main thread. False when nothing was thrown.
pub fn throw_value(exception: JsValue) -> bool {
    unsafe { sys::perry_throw(exception.bits()) == sys::PERRY_OK }
}

/// The result a binding returns after throwing (the caller sees the exception and ignores it):
/// zero, false, null, `None`, undefined. For `f64` it is the bits of undefined, which a
/// `jsvalue` return reads as undefined.
pub trait ErrorReturn {
    fn error_return() -> Self;
}

macro_rules! zero_error_return {
    ($($t:ty),*) => { $(impl ErrorReturn for $t { fn error_return() -> Self { 0 as $t } })* };
}
zero_error_return!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32);

impl ErrorReturn for () {
    fn error_return() -> Self {}
}
impl ErrorReturn for bool {
    fn error_return() -> Self {
        false
    }
}
impl ErrorReturn for f64 {
    fn error_return() -> Self {
        JsValue::UNDEFINED.to_abi()
    }
}
impl ErrorReturn for JsValue {
    fn error_return() -> Self {
        JsValue::UNDEFINED
    }
}
impl<T> ErrorReturn for *mut T {
    fn error_return() -> Self {
        std::ptr::null_mut()
    }
}
impl<T> ErrorReturn for *const T {
    fn error_return() -> Self {
        std::ptr::null()
    }
}
impl<T> ErrorReturn for Option<T> {
    fn error_return() -> Self {
        None
    }
}

/// The text of a panic payload.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic payload".to_string()
    }
}

/// The error a caught panic becomes: `Error: panic in native code: <message>`, code
/// `ERR_NATIVE_PANIC`.
pub fn panic_error(payload: &(dyn Any + Send)) -> JsError {
    JsError::new(format!("panic in native code: {}", panic_message(payload)))
        .with_code("ERR_NATIVE_PANIC")
}

/// Runs a binding body; a panic becomes a thrown JavaScript error (see [`panic_error`]) and the
/// binding returns [`ErrorReturn::error_return`]. Use it as the whole body of every `extern "C"`
/// function: a panic that reached the C caller would abort the program.
///
/// ```no_run
/// #[no_mangle]
/// pub extern "C" fn js_pkg_half(x: f64) -> f64 {
///     perry_ffi::guard(|| x / 2.0)
/// }
/// ```
pub fn guard<R: ErrorReturn>(body: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            panic_error(&*payload).throw();
            R::error_return()
        }
    }
}

/// [`guard`] for a body returning a `Result`: an `Err` is thrown as a JavaScript error, and so
/// is a panic. `?` works on any `std::error::Error` and on a [`Status`] (both convert into
/// [`JsError`]).
pub fn try_guard<R: ErrorReturn>(body: impl FnOnce() -> Result<R, JsError>) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(result)) => result,
        Ok(Err(error)) => {
            error.throw();
            R::error_return()
        }
        Err(payload) => {
            panic_error(&*payload).throw();
            R::error_return()
        }
    }
}

impl From<Status> for JsError {
    fn from(status: Status) -> Self {
        JsError::from_status(status)
    }
}
