//! The sys crate declares the WHOLE C ABI, and declares it right: this test reads the installed
//! or source-tree headers (perry/ffi.h and every perry/ffi/*.h) and this crate's sources, and
//! fails on any exported or inline function, constant, enumerator, function-like macro or typedef
//! that is missing here or differs (parameter and result types, struct fields, constant values),
//! and on any extern declaration here that the headers do not have. There is no hand-kept list.
//!
//! The headers are found through PERRY_FFI_INCLUDE_DIR, else next to the crate: the source tree's
//! ffi-runtime/include, or an installed <prefix>/include for <prefix>/share/perry/rust/.

mod abi_text;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use abi_text::c_header::Header;
use abi_text::rust_source::Source;
use abi_text::{evaluate, Function, Typedef};

fn include_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates: Vec<PathBuf> = std::env::var_os("PERRY_FFI_INCLUDE_DIR")
        .map(|dir| vec![PathBuf::from(dir)])
        .unwrap_or_else(|| {
            vec![
                manifest.join("../../include"),
                manifest.join("../../../../include"),
            ]
        });
    candidates
        .iter()
        .find(|dir| dir.join("perry/ffi.h").is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "perry/ffi.h not found in {candidates:?}; set PERRY_FFI_INCLUDE_DIR to the \
                 directory that holds perry/ffi.h"
            )
        })
}

fn read_header() -> Header {
    let include = include_dir();
    let mut header = Header::default();
    header.add_file(&fs::read_to_string(include.join("perry/ffi.h")).unwrap());
    let mut sections: Vec<PathBuf> = fs::read_dir(include.join("perry/ffi"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "h"))
        .collect();
    sections.sort();
    assert!(
        !sections.is_empty(),
        "no section headers in {}",
        include.display()
    );
    for section in sections {
        header.add_file(&fs::read_to_string(section).unwrap());
    }
    header
}

fn read_source() -> Source {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut source = Source::default();
    for entry in fs::read_dir(src).unwrap() {
        source.add_file(&fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    source
}

/// Every difference between the headers and the crate, one line each.
fn differences(header: &Header, source: &Source) -> Vec<String> {
    let mut problems = Vec::new();
    compare_functions(
        "exported function",
        &header.exported,
        &source.externs,
        &mut problems,
    );
    compare_functions(
        "inline function",
        &header.inline,
        &source.functions,
        &mut problems,
    );
    for name in source.externs.keys() {
        if !header.exported.contains_key(name) {
            problems.push(format!(
                "extern fn {name} is declared here but not by the headers"
            ));
        }
    }
    for name in &header.function_macros {
        if !source.functions.contains_key(name) {
            problems.push(format!("function-like macro {name} has no Rust fn"));
        }
    }
    for (name, c_value) in &header.constants {
        let Some(rust_value) = source.constants.get(name) else {
            problems.push(format!("constant {name} (= {c_value}) has no Rust const"));
            continue;
        };
        let c = evaluate(c_value, &header.constants, 0);
        let rust = evaluate(rust_value, &source.constants, 0);
        if c != rust {
            problems.push(format!(
                "constant {name}: the header says {c_value} ({c:?}), the crate {rust_value} ({rust:?})"
            ));
        }
    }
    for (name, c_type) in &header.typedefs {
        match (c_type, source.types.get(name)) {
            (_, None) => problems.push(format!("typedef {name} has no Rust type")),
            (Typedef::Enum, Some(Typedef::Alias(alias))) if alias == "u32" => {}
            (expected, Some(actual)) if expected == actual => {}
            (expected, Some(actual)) => problems.push(format!(
                "typedef {name}: the header says {expected:?}, the crate {actual:?}"
            )),
        }
    }
    problems
}

fn compare_functions(
    what: &str,
    expected: &BTreeMap<String, Function>,
    actual: &BTreeMap<String, Function>,
    problems: &mut Vec<String>,
) {
    for (name, c) in expected {
        match actual.get(name) {
            None => problems.push(format!("{what} {name} is not declared in perry-ffi-sys")),
            Some(rust) if rust.params != c.params || rust.result != c.result => {
                problems.push(format!(
                    "{what} {name}: the header says ({}) -> {:?}, the crate ({}) -> {:?}",
                    c.params.join(", "),
                    c.result,
                    rust.params.join(", "),
                    rust.result
                ))
            }
            Some(_) => {}
        }
    }
}

#[test]
fn every_declaration_of_the_headers_is_in_the_crate_and_matches() {
    let header = read_header();
    let source = read_source();
    // The reader must have seen the whole ABI, or an empty model would pass vacuously.
    assert!(
        header.exported.len() >= 119,
        "only {} PERRY_API functions read",
        header.exported.len()
    );
    assert!(
        header.inline.len() >= 40,
        "only {} inline functions read",
        header.inline.len()
    );
    assert!(
        header.typedefs.len() >= 28,
        "only {} typedefs read",
        header.typedefs.len()
    );
    let problems = differences(&header, &source);
    assert!(
        problems.is_empty(),
        "perry-ffi-sys differs from the headers:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_crate_version_follows_the_runtime_version() {
    let header = read_header();
    let version = |part: &str| {
        evaluate(
            &header.constants[&format!("PERRY_FFI_VERSION_{part}")],
            &header.constants,
            0,
        )
        .unwrap()
        .to_string()
    };
    assert_eq!(env!("CARGO_PKG_VERSION_MAJOR"), version("MAJOR"));
    assert_eq!(env!("CARGO_PKG_VERSION_MINOR"), version("MINOR"));
}

// The checker itself must catch each kind of drift; these feed it small made-up texts.
const SAMPLE_HEADER: &str = r#"
#define PERRY_SAMPLE_LIMIT UINT32_C(0x10) /* a constant */
typedef struct PerryPair { uint32_t first; const char* const* names; } PerryPair;
typedef void (*PerryVisitFn)(PerryPair* pair, void* userdata);
typedef enum PerryMood { PERRY_MOOD_CALM = 0, PERRY_MOOD_ANGRY = 2 } PerryMood;
PERRY_API PerryStatus perry_sample_visit(PerryVisitFn fn, const uint8_t* bytes, size_t length);
PERRY_INLINE bool perry_sample_is_calm(PerryMood mood) { return mood == PERRY_MOOD_CALM; }
"#;

const SAMPLE_SOURCE: &str = r#"
pub const PERRY_SAMPLE_LIMIT: u32 = 16;
#[repr(C)]
pub struct PerryPair { pub first: u32, pub names: *const *const c_char }
pub type PerryVisitFn = Option<unsafe extern "C" fn(pair: *mut PerryPair, userdata: *mut c_void)>;
pub type PerryMood = u32;
pub const PERRY_MOOD_CALM: PerryMood = 0;
pub const PERRY_MOOD_ANGRY: PerryMood = 2;
extern "C" {
    pub fn perry_sample_visit(fn_: PerryVisitFn, bytes: *const u8, length: usize) -> PerryStatus;
}
#[inline]
pub const fn perry_sample_is_calm(mood: PerryMood) -> bool { mood == PERRY_MOOD_CALM }
"#;

fn sample_differences(header_text: &str, source_text: &str) -> Vec<String> {
    let mut header = Header::default();
    header.add_file(header_text);
    let mut source = Source::default();
    source.add_file(source_text);
    differences(&header, &source)
}

#[test]
fn the_checker_accepts_a_matching_sample() {
    assert_eq!(
        sample_differences(SAMPLE_HEADER, SAMPLE_SOURCE),
        Vec::<String>::new()
    );
}

#[test]
fn the_checker_reports_each_kind_of_drift() {
    let cases = [
        (
            "length: usize) -> PerryStatus",
            "length: u32) -> PerryStatus",
            "perry_sample_visit",
        ),
        (
            "pub fn perry_sample_visit",
            "pub fn perry_sample_walk",
            "perry_sample_visit",
        ),
        ("= 16;", "= 17;", "PERRY_SAMPLE_LIMIT"),
        (
            "ANGRY: PerryMood = 2",
            "ANGRY: PerryMood = 3",
            "PERRY_MOOD_ANGRY",
        ),
        ("*const *const c_char", "*const *mut c_char", "PerryPair"),
        (
            "pair: *mut PerryPair",
            "pair: *const PerryPair",
            "PerryVisitFn",
        ),
        (
            "(mood: PerryMood) -> bool",
            "(mood: PerryMood) -> u8",
            "perry_sample_is_calm",
        ),
    ];
    for (from, to, named) in cases {
        assert!(SAMPLE_SOURCE.contains(from), "bad case {from}");
        let problems = sample_differences(SAMPLE_HEADER, &SAMPLE_SOURCE.replacen(from, to, 1));
        assert!(
            problems.iter().any(|problem| problem.contains(named)),
            "changing `{from}` to `{to}` was not reported: {problems:?}"
        );
    }
}
