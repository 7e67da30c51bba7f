//! The event pump, as a binding sees it.

use perry_ffi_sys as sys;

/// Wakes the main thread's event pump, e.g. after a binding's own thread queued work that an
/// auxiliary pump will pick up. Any thread; never fails.
pub fn notify_main_thread() {
    unsafe { sys::perry_notify_main_thread() }
}
