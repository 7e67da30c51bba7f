//! GC root scanners and pins.

use std::any::type_name;
use std::ffi::{c_void, CString};
use std::mem::size_of;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicU64, Ordering};

use perry_ffi_sys as sys;

use crate::{JsValue, Status};

unsafe extern "C" fn scan<F: Fn(&dyn Fn(f64))>(
    marker: *mut sys::PerryGcMarker,
    userdata: *mut c_void,
) {
    // A captureless closure has no state: it is registered without userdata (see below).
    let scanner: &F = if size_of::<F>() == 0 {
        NonNull::<F>::dangling().as_ref()
    } else {
        &*userdata.cast::<F>()
    };
    let mark = |value: f64| sys::perry_gc_mark_value(marker, value.to_bits());
    if let Err(payload) = catch_unwind(AssertUnwindSafe(|| scanner(&mark))) {
        // A scanner that stopped half-way has left roots unmarked; carrying on would free live
        // objects, and a panic cannot unwind into the collector.
        eprintln!(
            "perry-ffi: a GC root scanner panicked: {}; aborting",
            crate::error::panic_message(&*payload)
        );
        std::process::abort();
    }
}

/// Registers a root scanner: during every collection `scan(mark)` runs on the main thread and
/// calls `mark(value)` for each value the binding keeps where the GC cannot see it (in a handle,
/// a `Vec`, a static). `mark` takes a value's ABI form (`JsValue::to_abi()`, or the `f64` a
/// `jsvalue` parameter received); a closure pointer kept as an `i64` is marked as
/// `f64::from_bits(0x7FFD << 48 | pointer)`. The scanner must not allocate or call the runtime.
///
/// A captureless closure (the usual case) is registered idempotently: calling this from every
/// entry point of a binding registers it once per runtime, and again after a runtime restart
/// (a `std::sync::Once` around it would miss the restart). A closure with captures is registered
/// anew on every call. Returns the scanner's id, or None on failure (not the main thread, the
/// runtime not running). Main thread.
pub fn gc_register_root_scanner<F>(scanner: F) -> Option<u64>
where
    F: Fn(&dyn Fn(f64)) + Send + Sync + 'static,
{
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    let (name, userdata) = if size_of::<F>() == 0 {
        std::mem::forget(scanner);
        (format!("perry-ffi:{}", type_name::<F>()), ptr::null_mut())
    } else {
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        let name = format!("perry-ffi:{}#{serial}", type_name::<F>());
        // Scanners are forgotten at shutdown without a destructor call: the closure leaks then.
        (name, Box::into_raw(Box::new(scanner)).cast::<c_void>())
    };
    let name = CString::new(name.replace('\0', "")).ok()?;
    let mut id = 0u64;
    let status = unsafe {
        sys::perry_gc_register_root_scanner(name.as_ptr(), Some(scan::<F>), userdata, &mut id)
    };
    if status != sys::PERRY_OK {
        if !userdata.is_null() {
            drop(unsafe { Box::from_raw(userdata.cast::<F>()) });
        }
        return None;
    }
    Some(id)
}

/// Removes a scanner by the id registration returned. Main thread.
pub fn gc_unregister_root_scanner(id: u64) -> Result<(), Status> {
    Status::check(unsafe { sys::perry_gc_unregister_root_scanner(id) })
}

/// Collects now. Main thread.
pub fn gc_collect() -> Result<(), Status> {
    Status::check(unsafe { sys::perry_gc_collect() })
}

/// A pinned value: a GC root until dropped (pins nest). Pin main-thread values a blocking task
/// will read. Create and drop it on the main thread.
#[derive(Debug)]
pub struct Pinned(JsValue);

impl Pinned {
    pub fn new(value: JsValue) -> Result<Pinned, Status> {
        Status::check(unsafe { sys::perry_gc_pin(value.bits()) })?;
        Ok(Pinned(value))
    }
    pub fn get(&self) -> JsValue {
        self.0
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        unsafe { sys::perry_gc_unpin(self.0.bits()) };
    }
}
