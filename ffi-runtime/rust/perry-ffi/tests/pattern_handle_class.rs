//! Seed pattern "sync handle-based class" (the authoring guide's `MyThing`): a Rust object
//! behind an id JavaScript holds, with constructor, methods and an explicit free.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};

use perry_ffi::{
    drop_handle, get_handle, guard, handle_count, handle_exists, iter_handles_of, register_handle,
    take_handle, with_handle, Handle,
};
use support::with_runtime;

static DROPPED: AtomicUsize = AtomicUsize::new(0);

pub struct MyThing {
    val: u64,
}

impl Drop for MyThing {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}

pub struct OtherThing;

#[no_mangle]
pub extern "C" fn js_my_thing_new() -> Handle {
    guard(|| register_handle(MyThing { val: 0 }))
}

#[no_mangle]
pub extern "C" fn js_my_thing_get(h: Handle) -> f64 {
    guard(|| {
        unsafe { get_handle::<MyThing>(h) }
            .map(|t| t.val as f64)
            .unwrap_or(0.0)
    })
}

#[no_mangle]
pub extern "C" fn js_my_thing_add(h: Handle, amount: f64) -> bool {
    guard(|| with_handle::<MyThing, _>(h, |t| t.val += amount as u64).is_some())
}

#[no_mangle]
pub extern "C" fn js_my_thing_free(h: Handle) -> bool {
    guard(|| drop_handle::<MyThing>(h))
}

#[test]
fn a_handle_class_lives_from_new_to_free() {
    with_runtime(|| {
        let dropped_before = DROPPED.load(Ordering::SeqCst);
        let h = js_my_thing_new();
        assert_ne!(h, 0);
        assert!(
            h < (1i64 << 53),
            "handle ids are exact in a JavaScript number"
        );
        assert_eq!(js_my_thing_get(h), 0.0);
        assert!(js_my_thing_add(h, 5.0));
        assert!(js_my_thing_add(h, 2.0));
        assert_eq!(js_my_thing_get(h), 7.0);
        assert!(js_my_thing_free(h));
        assert_eq!(
            DROPPED.load(Ordering::SeqCst),
            dropped_before + 1,
            "free runs Drop once"
        );
        // A freed id stays dead: methods see nothing and free again fails.
        assert_eq!(js_my_thing_get(h), 0.0);
        assert!(!js_my_thing_add(h, 1.0));
        assert!(!js_my_thing_free(h));
    });
}

#[test]
fn a_lookup_with_another_type_finds_nothing() {
    with_runtime(|| {
        let h = js_my_thing_new();
        let other = register_handle(OtherThing);
        assert!(handle_exists::<MyThing>(h));
        assert!(!handle_exists::<OtherThing>(h));
        assert!(unsafe { get_handle::<OtherThing>(h) }.is_none());
        assert!(with_handle::<OtherThing, _>(h, |_| ()).is_none());
        assert!(!drop_handle::<OtherThing>(h));
        assert_eq!(handle_count::<MyThing>(), 1);
        assert_eq!(handle_count::<OtherThing>(), 1);
        assert!(drop_handle::<OtherThing>(other));
        assert!(js_my_thing_free(h));
    });
}

#[test]
fn take_gives_the_object_back_without_dropping_it() {
    with_runtime(|| {
        let h = js_my_thing_new();
        js_my_thing_add(h, 41.0);
        let dropped_before = DROPPED.load(Ordering::SeqCst);
        let thing = take_handle::<MyThing>(h).expect("a live handle");
        assert_eq!(DROPPED.load(Ordering::SeqCst), dropped_before);
        assert_eq!(thing.val, 41);
        assert!(!handle_exists::<MyThing>(h));
        assert!(take_handle::<MyThing>(h).is_none());
    });
}

#[test]
fn a_nested_with_handle_on_the_same_id_is_refused() {
    with_runtime(|| {
        let h = js_my_thing_new();
        let inner = with_handle::<MyThing, _>(h, |outer| {
            outer.val = 1;
            // A second `&mut MyThing` to the same object would alias the first.
            with_handle::<MyThing, _>(h, |_| ())
        });
        assert_eq!(inner, Some(None));
        assert_eq!(js_my_thing_get(h), 1.0);
        // Lent out and back: the id is usable again.
        assert!(js_my_thing_add(h, 1.0));
        assert!(js_my_thing_free(h));
    });
}

#[test]
fn a_panic_inside_with_handle_propagates_and_releases_the_handle() {
    with_runtime(|| {
        let h = js_my_thing_new();
        let previous_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let caught =
            std::panic::catch_unwind(|| with_handle::<MyThing, _>(h, |_| panic!("in a method")));
        std::panic::set_hook(previous_hook);
        assert!(caught.is_err());
        assert!(js_my_thing_add(h, 3.0), "the handle is not left lent out");
        assert_eq!(js_my_thing_get(h), 3.0);
        assert!(js_my_thing_free(h));
    });
}

#[test]
fn iter_handles_of_visits_every_live_handle_of_the_type() {
    with_runtime(|| {
        let ids: Vec<Handle> = (0..5).map(|_| js_my_thing_new()).collect();
        for (i, &h) in ids.iter().enumerate() {
            js_my_thing_add(h, i as f64);
        }
        js_my_thing_free(ids[2]);
        let mut seen = Vec::new();
        iter_handles_of::<MyThing, _>(|thing| seen.push(thing.val));
        seen.sort();
        assert_eq!(seen, vec![0, 1, 3, 4]);
        for h in ids {
            js_my_thing_free(h);
        }
    });
}

#[test]
fn handles_are_usable_from_other_threads() {
    with_runtime(|| {
        let h = js_my_thing_new();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for _ in 0..100 {
                        with_handle::<MyThing, _>(h, |t| t.val += 1);
                    }
                });
            }
        });
        // Each `&mut MyThing` was exclusive: no increment was lost or refused.
        assert_eq!(js_my_thing_get(h), 400.0);
        assert!(js_my_thing_free(h));
    });
}
