//! JsClosure: calling JavaScript functions (and C/Rust ones made into closures).

use std::marker::{PhantomData, PhantomPinned};

use perry_ffi_sys as sys;

use crate::JsValue;

/// The heap object a closure value points at (opaque). A callback a binding keeps as an `i64`
/// is a pointer to one of these.
#[repr(C)]
pub struct RawClosureHeader {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// What a closure's body receives (`PerryClosureCall`).
pub type ClosureCall = sys::PerryClosureCall;

/// The body of a closure made by [`JsClosure::new`].
pub type ClosureBody = unsafe extern "C" fn(call: *const ClosureCall) -> sys::PerryValue;

/// A function value. `Copy` and without a lifetime like every value: it must stay reachable
/// (on the stack, pinned, or marked by a root scanner) while it is used. Calls are main-thread
/// only (they fail with WRONG_THREAD elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsClosure(sys::PerryValue);

impl JsClosure {
    /// The closure a raw closure pointer (a callback kept as an `i64`) points at.
    ///
    /// # Safety
    /// `pointer` must point to a closure of this runtime that has not been collected. The runtime
    /// checks the kind on every call, but it reads the object's header to do so.
    pub unsafe fn from_raw(pointer: *const RawClosureHeader) -> Self {
        JsClosure(sys::perry_value_from_pointer(
            sys::PERRY_TAG_OBJECT,
            pointer.cast(),
        ))
    }
    /// The closure a function value is; None for any other value.
    pub fn from_value(value: JsValue) -> Option<Self> {
        unsafe { sys::perry_closure_is(value.bits()) }.then_some(JsClosure(value.bits()))
    }
    /// A new closure over `body`, capturing `captures` (kept alive by the closure; the body reads
    /// them from `ClosureCall::captures`). None on failure. Main thread.
    pub fn new(body: ClosureBody, captures: &[JsValue]) -> Option<Self> {
        let count = u32::try_from(captures.len()).ok()?;
        let value = unsafe {
            sys::perry_closure_new(
                Some(body),
                captures.as_ptr().cast::<sys::PerryValue>(),
                count,
            )
        };
        (value != sys::PERRY_UNDEFINED).then_some(JsClosure(value))
    }
    /// The closure with this serial if the GC has not collected it (an exact weak reference).
    /// Main thread.
    pub fn from_serial(serial: u64) -> Option<Self> {
        let value = unsafe { sys::perry_closure_from_serial(serial) };
        (value != sys::PERRY_UNDEFINED).then_some(JsClosure(value))
    }

    pub fn as_value(&self) -> JsValue {
        JsValue::from_bits(self.0)
    }
    pub fn as_raw(&self) -> *const RawClosureHeader {
        sys::perry_value_to_pointer(self.0).cast()
    }
    /// The closure's serial, unique for the life of the process. Main thread.
    pub fn serial(&self) -> u64 {
        unsafe { sys::perry_closure_serial(self.0) }
    }

    /// Calls the closure with `this` and `args`. `Ok(result)`, or `Err(exception)` when it threw
    /// (the exception stays pending, so returning to JavaScript rethrows it; clear it with
    /// [`host::take_exception`](crate::host::take_exception) to swallow it) or when the call
    /// failed (`Err(undefined)`, `perry_last_status()` says why: NOT_CALLABLE, WRONG_THREAD).
    ///
    /// # Safety
    /// The closure must not have been collected (see the type's docs).
    pub unsafe fn call_with_this(
        &self,
        this: JsValue,
        args: &[JsValue],
    ) -> Result<JsValue, JsValue> {
        let mut result = sys::PERRY_UNDEFINED;
        let argc = u32::try_from(args.len()).map_err(|_| JsValue::UNDEFINED)?;
        let status = sys::perry_closure_call(
            self.0,
            this.bits(),
            args.as_ptr().cast::<sys::PerryValue>(),
            argc,
            &mut result,
        );
        if status == sys::PERRY_OK {
            Ok(JsValue::from_bits(result))
        } else {
            Err(JsValue::from_bits(result))
        }
    }
    /// # Safety
    /// As [`JsClosure::call_with_this`].
    pub unsafe fn call(&self, args: &[JsValue]) -> Result<JsValue, JsValue> {
        self.call_with_this(JsValue::UNDEFINED, args)
    }
    /// # Safety
    /// As [`JsClosure::call_with_this`].
    pub unsafe fn call0(&self) -> Result<JsValue, JsValue> {
        self.call(&[])
    }
    /// An `f64` argument is taken as a value's ABI bits (a plain number is itself).
    ///
    /// # Safety
    /// As [`JsClosure::call_with_this`].
    pub unsafe fn call1(&self, a0: impl Into<JsValue>) -> Result<JsValue, JsValue> {
        self.call(&[a0.into()])
    }
    /// # Safety
    /// As [`JsClosure::call_with_this`].
    pub unsafe fn call2(
        &self,
        a0: impl Into<JsValue>,
        a1: impl Into<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.call(&[a0.into(), a1.into()])
    }
    /// # Safety
    /// As [`JsClosure::call_with_this`].
    pub unsafe fn call3(
        &self,
        a0: impl Into<JsValue>,
        a1: impl Into<JsValue>,
        a2: impl Into<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.call(&[a0.into(), a1.into(), a2.into()])
    }
    /// # Safety
    /// As [`JsClosure::call_with_this`].
    pub unsafe fn call4(
        &self,
        a0: impl Into<JsValue>,
        a1: impl Into<JsValue>,
        a2: impl Into<JsValue>,
        a3: impl Into<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.call(&[a0.into(), a1.into(), a2.into(), a3.into()])
    }
}

impl From<JsClosure> for JsValue {
    fn from(closure: JsClosure) -> Self {
        closure.as_value()
    }
}
