//! The exported functions called as a compiled program calls them, against known vectors and
//! against `sha256sum` itself. `cargo test` links the runtime (the dev-dependency's
//! `runtime-link` feature): PERRY_FFI_DIR names the directory holding libperry_ffi.a.

use std::io::Write;
use std::process::Command;

use crate::{
    js_rust_hash_crc32, js_rust_hash_fnv1a64, js_rust_hash_fnv1a64_seeded, js_rust_hash_sha256,
    js_rust_hash_sha256_async,
};
use perry_ffi::host::{self, Runtime, Settled};
use perry_ffi::{alloc_buffer, alloc_string, bigint_to_u64, BufferHeader, JsValue, StringHeader};

fn string(header: *const StringHeader) -> String {
    JsValue::from_string_ptr(header)
        .as_string()
        .expect("a string result")
}

fn sha256_of(bytes: &[u8]) -> String {
    let buffer = alloc_buffer(bytes);
    string(js_rust_hash_sha256(buffer.as_raw()))
}

fn fnv(text: &str) -> u64 {
    let result = JsValue::from_abi(js_rust_hash_fnv1a64(alloc_string(text).as_raw()));
    bigint_to_u64(result).expect("an unsigned 64-bit BigInt")
}

/// Deterministic bytes that are not a repeating pattern.
fn noise(length: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u8
        })
        .collect()
}

fn sha256sum(bytes: &[u8], scratch: &std::path::Path) -> String {
    std::fs::File::create(scratch)
        .and_then(|mut f| f.write_all(bytes))
        .expect("scratch file");
    let output = Command::new("sha256sum")
        .arg(scratch)
        .output()
        .expect("sha256sum runs");
    String::from_utf8(output.stdout).unwrap()[..64].to_string()
}

#[test]
fn hashes_match_known_vectors_and_sha256sum() {
    let _runtime = Runtime::init().expect("perry_runtime_init");

    assert_eq!(fnv(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv("a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv("foobar"), 0x8594_4171_f739_67e8);
    let seeded =
        js_rust_hash_fnv1a64_seeded(alloc_string("a").as_raw(), 0xcbf2_9ce4_8422_2325u64 as i64);
    assert_eq!(
        bigint_to_u64(JsValue::from_abi(seeded)),
        Some(0xaf63_dc4c_8601_ec8c)
    );

    let check = alloc_buffer(b"123456789");
    assert_eq!(
        js_rust_hash_crc32(check.as_raw()),
        f64::from(0xcbf4_3926u32)
    );

    assert_eq!(
        sha256_of(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_of(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // Every length around the padding boundaries (55, 56, 63, 64, ...) and a large input.
    let scratch = std::env::temp_dir().join(format!("perry-rust-hash-{}.bin", std::process::id()));
    let mut lengths: Vec<usize> = (0..=130).collect();
    lengths.push(1 << 20);
    for length in lengths {
        let bytes = noise(length, length as u64);
        assert_eq!(
            sha256_of(&bytes),
            sha256sum(&bytes, &scratch),
            "length {length}"
        );
    }
    let _ = std::fs::remove_file(&scratch);

    // The async form gives the same digest, through the blocking pool and the event pump.
    let large = noise(3 << 20, 7);
    let expected = sha256_of(&large);
    let buffer = alloc_buffer(&large);
    let promise = js_rust_hash_sha256_async(buffer.as_raw());
    let promise = JsValue::from_bits(promise as usize as u64);
    match host::pump_await(promise).expect("the event pump") {
        Settled::Fulfilled(value) => {
            assert_eq!(value.as_string().as_deref(), Some(expected.as_str()))
        }
        Settled::Rejected(reason) => {
            panic!("sha256Async rejected: {:?}", host::error_message(reason))
        }
    }

    // A null Buffer (what a shim never passes, but a C caller might) is a TypeError, not a crash.
    js_rust_hash_crc32(std::ptr::null::<BufferHeader>());
    let error = host::take_exception().expect("a pending TypeError");
    assert_eq!(
        host::error_code(error).as_deref(),
        Some("ERR_INVALID_ARG_TYPE")
    );
}
