//! Handles: typed ids that stand for Rust objects in JavaScript.
//!
//! `register_handle(value)` moves a value into the runtime's registry and returns an id (an
//! `i64`, exact in a JavaScript number, never 0) that JavaScript holds. The registry owns the
//! value until the handle is dropped ([`drop_handle`], or the runtime's shutdown: the value is
//! then dropped on that thread) or taken back ([`take_handle`]). A lookup with another type
//! returns None, and a dropped id never names a newer object.

use std::any::TypeId;
use std::collections::HashMap;
use std::ffi::c_void;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, OnceLock};
use std::thread::ThreadId;

use perry_ffi_sys as sys;

/// A handle id (`PerryHandle`); 0 is never a valid handle.
pub type Handle = i64;

/// The registry's type tag of `T`: the address of a byte allocated once per type (Rust has no
/// per-type statics in generic code, and function addresses may be merged by the optimiser).
fn type_tag<T: 'static>() -> sys::PerryHandleType {
    static TAGS: OnceLock<Mutex<HashMap<TypeId, usize>>> = OnceLock::new();
    let tags = TAGS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut tags = tags.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *tags
        .entry(TypeId::of::<T>())
        .or_insert_with(|| Box::into_raw(Box::new(0u8)) as usize) as sys::PerryHandleType
}

unsafe extern "C" fn drop_boxed<T>(pointer: *mut c_void) {
    // The destructor runs inside the runtime (drop, shutdown): a panic must stop here.
    let result = catch_unwind(AssertUnwindSafe(|| {
        drop(Box::from_raw(pointer.cast::<T>()))
    }));
    if let Err(payload) = result {
        eprintln!(
            "perry-ffi: a handle's destructor panicked: {}",
            crate::error::panic_message(&*payload)
        );
    }
}

/// Moves `value` into the handle registry. Returns its id, or 0 on failure (the runtime is not
/// initialised, or the registry is full); `value` is dropped then. Any thread.
pub fn register_handle<T: Send + 'static>(value: T) -> Handle {
    let pointer = Box::into_raw(Box::new(value));
    let id = unsafe {
        sys::perry_handle_register(pointer.cast(), type_tag::<T>(), Some(drop_boxed::<T>))
    };
    if id == sys::PERRY_HANDLE_INVALID {
        drop(unsafe { Box::from_raw(pointer) });
    }
    id
}

/// The object behind a handle, or None (a stale id, or a handle of another type).
///
/// # Safety
/// The reference is not held alive by the registry: the handle must not be dropped or taken
/// (on any thread) while it is used, and no `&mut T` to the same object may exist meanwhile
/// (from [`get_handle_mut`] or [`with_handle`]). Prefer [`with_handle`], which needs neither.
pub unsafe fn get_handle<'a, T: 'static>(handle: Handle) -> Option<&'a T> {
    (sys::perry_handle_get(handle, type_tag::<T>()) as *const T).as_ref()
}

/// The object behind a handle, mutably, or None.
///
/// # Safety
/// As [`get_handle`], and no other reference to the object may exist while this one is used
/// (two calls for the same id give two aliasing `&mut T`).
pub unsafe fn get_handle_mut<'a, T: 'static>(handle: Handle) -> Option<&'a mut T> {
    (sys::perry_handle_get(handle, type_tag::<T>()) as *mut T).as_mut()
}

/// Handles currently lent out by `with_handle`, with the thread holding each. A nested call for
/// the same id on the same thread (which would create a second `&mut T`) is refused; a call on
/// another thread waits for the first to end, so the `&mut T` is always exclusive.
struct Lending {
    lent: Mutex<HashMap<Handle, ThreadId>>,
    returned: Condvar,
}

fn lending() -> &'static Lending {
    static LENDING: OnceLock<Lending> = OnceLock::new();
    LENDING.get_or_init(|| Lending {
        lent: Mutex::new(HashMap::new()),
        returned: Condvar::new(),
    })
}

struct Lend(Handle);

impl Lend {
    /// None when this thread already holds `handle`.
    fn acquire(handle: Handle) -> Option<Lend> {
        let lending = lending();
        let me = std::thread::current().id();
        let mut lent = lending.lent.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            match lent.get(&handle) {
                Some(holder) if *holder == me => return None,
                Some(_) => {
                    lent = lending
                        .returned
                        .wait(lent)
                        .unwrap_or_else(|p| p.into_inner())
                }
                None => {
                    lent.insert(handle, me);
                    return Some(Lend(handle));
                }
            }
        }
    }
}

impl Drop for Lend {
    fn drop(&mut self) {
        let lending = lending();
        lending
            .lent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.0);
        lending.returned.notify_all();
    }
}

/// Runs `f` on the object while the registry holds it alive (a drop on another thread meanwhile
/// takes effect after `f` returns). The `&mut T` is exclusive: a call for the same id on another
/// thread waits for this one to end, and a nested call on the same thread returns None without
/// calling `f`. Also None for a stale id or a handle of another type. A panic in `f` propagates
/// after the hold is released. Any thread.
pub fn with_handle<T: 'static, R>(handle: Handle, f: impl FnOnce(&mut T) -> R) -> Option<R> {
    with_handle_of::<T, _, R>(handle, f)
}

fn with_handle_of<T: 'static, F: FnOnce(&mut T) -> R, R>(handle: Handle, f: F) -> Option<R> {
    let _lend = Lend::acquire(handle)?;
    struct Call<F, R> {
        f: Option<F>,
        result: Option<std::thread::Result<R>>,
    }
    unsafe extern "C" fn run<T, F: FnOnce(&mut T) -> R, R>(
        pointer: *mut c_void,
        userdata: *mut c_void,
    ) {
        let call = &mut *userdata.cast::<Call<F, R>>();
        let f = call.f.take().unwrap();
        call.result = Some(catch_unwind(AssertUnwindSafe(|| {
            f(&mut *pointer.cast::<T>())
        })));
    }
    let mut call = Call {
        f: Some(f),
        result: None,
    };
    unsafe {
        sys::perry_handle_with(
            handle,
            type_tag::<T>(),
            Some(run::<T, F, R>),
            (&mut call as *mut Call<F, R>).cast(),
        )
    };
    match call.result? {
        Ok(result) => Some(result),
        Err(payload) => resume_unwind(payload),
    }
}

/// Unregisters the handle and gives the object back (its destructor does not run). Waits for a
/// concurrent [`with_handle`] on it to end. None for a stale id or another type. Any thread.
pub fn take_handle<T: 'static>(handle: Handle) -> Option<T> {
    let pointer = unsafe { sys::perry_handle_take(handle, type_tag::<T>()) } as *mut T;
    if pointer.is_null() {
        None
    } else {
        Some(*unsafe { Box::from_raw(pointer) })
    }
}

/// Unregisters the handle and drops the object (now, or when a concurrent [`with_handle`] ends).
/// False for a stale id or another type. Any thread.
pub fn drop_handle<T: 'static>(handle: Handle) -> bool {
    unsafe { sys::perry_handle_drop(handle, type_tag::<T>()) == sys::PERRY_OK }
}

/// True when `handle` names a live handle of type `T`. Any thread.
pub fn handle_exists<T: 'static>(handle: Handle) -> bool {
    unsafe { sys::perry_handle_exists(handle, type_tag::<T>()) }
}

/// The number of live handles of type `T`. Any thread.
pub fn handle_count<T: 'static>() -> usize {
    unsafe { sys::perry_handle_count(type_tag::<T>()) }
}

/// Calls `f` for every live handle of type `T`, each held alive during its call. Safe to call
/// from a GC root scanner (the registry never calls into the GC). `f` must only read: the
/// objects may be lent out to a [`with_handle`] that is suspended in an allocation (which is how
/// a scanner comes to run), so do not call `with_handle` or `get_handle_mut` from `f`. A panic
/// in `f` stops the iteration and propagates. Any thread.
pub fn iter_handles_of<T: 'static, F: FnMut(&T)>(f: F) {
    struct Call<F> {
        f: F,
        panic: Option<Box<dyn std::any::Any + Send>>,
    }
    unsafe extern "C" fn visit<T, F: FnMut(&T)>(
        _id: Handle,
        pointer: *mut c_void,
        userdata: *mut c_void,
    ) {
        let call = &mut *userdata.cast::<Call<F>>();
        if call.panic.is_some() {
            return;
        }
        let f = &mut call.f;
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| f(&*pointer.cast::<T>()))) {
            call.panic = Some(payload);
        }
    }
    let mut call = Call { f, panic: None };
    unsafe {
        sys::perry_handle_iterate(
            type_tag::<T>(),
            Some(visit::<T, F>),
            (&mut call as *mut Call<F>).cast(),
        )
    };
    if let Some(payload) = call.panic {
        resume_unwind(payload);
    }
}
