//! Seed pattern "a Buffer in, a string out" (the authoring guide's `js_pdf_parse`), plus the
//! string-in/string-out shape and the guard that turns a panic into a thrown error.

mod support;

use perry_ffi::{
    alloc_buffer, alloc_string, guard, host, read_string, try_guard, JsError, JsValue, StringHeader,
};
use support::{text_of, with_runtime};

/// The guide's shape: the Buffer arrives as an `i64` holding the value's bits; the low 48 bits
/// are the header pointer. Returns the bytes as lowercase hex.
///
/// # Safety
/// `buf_ptr` must be 0 or carry a Perry-runtime Buffer.
#[no_mangle]
pub unsafe extern "C" fn js_demo_hex(buf_ptr: i64) -> *mut StringHeader {
    guard(|| {
        let buf_ptr = (buf_ptr as u64 & 0x0000_FFFF_FFFF_FFFF) as *const perry_ffi::BufferHeader;
        let bytes = perry_ffi::read_buffer_bytes(buf_ptr).unwrap_or(&[]);
        let text: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        alloc_string(&text).as_raw()
    })
}

/// A `string` parameter and a `string` return.
///
/// # Safety
/// `name` must be null or a Perry-runtime string header.
#[no_mangle]
pub unsafe extern "C" fn js_demo_greet(name: *const StringHeader) -> *mut StringHeader {
    guard(|| match read_string(name) {
        Some(name) => alloc_string(&format!("hello, {name}")).as_raw(),
        None => std::ptr::null_mut(),
    })
}

/// Panics on an empty Buffer: the guard must turn that into a thrown JavaScript error.
#[no_mangle]
pub extern "C" fn js_demo_first_byte(buf_ptr: i64) -> f64 {
    guard(|| {
        let header = (buf_ptr as u64 & 0x0000_FFFF_FFFF_FFFF) as *const perry_ffi::BufferHeader;
        let bytes = unsafe { perry_ffi::read_buffer_bytes(header) }.unwrap_or(&[]);
        bytes[0] as f64
    })
}

/// An error result becomes a thrown TypeError with a code.
///
/// # Safety
/// `text` must be null or a Perry-runtime string header.
#[no_mangle]
pub unsafe extern "C" fn js_demo_parse_port(text: *const StringHeader) -> f64 {
    try_guard(|| {
        let text = read_string(text).ok_or_else(|| JsError::type_error("port must be a string"))?;
        let port: u16 = text.parse().map_err(|_| {
            JsError::range_error(format!("bad port {text:?}")).with_code("ERR_PORT")
        })?;
        Ok(port as f64)
    })
}

/// The `string` argument a compiled caller passes: the heap header of the string.
fn string_argument(text: &str) -> *const StringHeader {
    alloc_string(text).as_raw()
}

#[test]
fn buffer_in_string_out() {
    with_runtime(|| {
        let buffer = alloc_buffer(&[0x00, 0x7f, 0xff, 0x10]);
        let out = unsafe { js_demo_hex(buffer.as_value().bits() as i64) };
        assert_eq!(unsafe { read_string(out) }.as_deref(), Some("007fff10"));
        // The same function given the raw header pointer (a `ptr` parameter) and given nothing.
        let out = unsafe { js_demo_hex(buffer.as_raw() as i64) };
        assert_eq!(unsafe { read_string(out) }.as_deref(), Some("007fff10"));
        let out = unsafe { js_demo_hex(0) };
        assert_eq!(unsafe { read_string(out) }.as_deref(), Some(""));
        // A non-Buffer object is refused by the runtime's kind check, not read as bytes.
        let not_buffer = alloc_string("definitely not a buffer");
        let not_buffer = perry_ffi::sys::perry_value_to_pointer(not_buffer.as_value().bits());
        assert_eq!(
            unsafe { perry_ffi::read_buffer_bytes(not_buffer.cast()) },
            None
        );
    });
}

#[test]
fn string_in_string_out_for_short_and_heap_strings() {
    with_runtime(|| {
        for name in ["", "Ada", "Grace Hopper", "名前", "😀 emoji"] {
            let out = unsafe { js_demo_greet(string_argument(name)) };
            assert!(!out.is_null());
            assert_eq!(unsafe { read_string(out) }, Some(format!("hello, {name}")));
            assert_eq!(
                text_of(JsValue::from_string_ptr(out)),
                format!("hello, {name}")
            );
        }
        assert!(unsafe { js_demo_greet(std::ptr::null()) }.is_null());
        // A short string (up to 5 bytes) still comes back as a heap header.
        let short = alloc_string("ab");
        assert!(!short.as_raw().is_null());
        assert_eq!(
            unsafe { read_string(short.as_raw()) }.as_deref(),
            Some("ab")
        );
    });
}

#[test]
fn a_panic_becomes_a_thrown_error() {
    with_runtime(|| {
        let empty = alloc_buffer(&[]);
        let previous_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {})); // keep the expected panic out of the output
        let result = js_demo_first_byte(empty.as_value().bits() as i64);
        std::panic::set_hook(previous_hook);
        assert!(JsValue::from_abi(result).is_undefined());
        let exception = host::take_exception().expect("the panic was thrown as a JS error");
        let message = host::error_message(exception).unwrap();
        assert!(
            message.starts_with("panic in native code: index out of bounds"),
            "{message}"
        );
        assert_eq!(
            host::error_code(exception).as_deref(),
            Some("ERR_NATIVE_PANIC")
        );

        let full = alloc_buffer(&[42]);
        assert_eq!(js_demo_first_byte(full.as_value().bits() as i64), 42.0);
        assert_eq!(host::take_exception(), None);
    });
}

#[test]
fn an_error_result_becomes_a_thrown_error_with_its_kind_and_code() {
    with_runtime(|| {
        assert_eq!(
            unsafe { js_demo_parse_port(string_argument("8080")) },
            8080.0
        );
        unsafe { js_demo_parse_port(string_argument("80000")) };
        let exception = host::take_exception().unwrap();
        assert_eq!(
            host::error_message(exception).as_deref(),
            Some("bad port \"80000\"")
        );
        assert_eq!(host::error_code(exception).as_deref(), Some("ERR_PORT"));
        let name =
            JsValue::from_bits(unsafe { perry_ffi::sys::perry_error_name(exception.bits()) });
        assert_eq!(name.as_string().as_deref(), Some("RangeError"));
        unsafe { js_demo_parse_port(std::ptr::null()) };
        let exception = host::take_exception().unwrap();
        assert_eq!(
            host::error_message(exception).as_deref(),
            Some("port must be a string")
        );
    });
}
