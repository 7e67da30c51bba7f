//! Writes `$OUT_DIR/perry_signatures.rs` from package.json with `perry native header --rust`: one
//! compile-time assertion per function of perry.nativeLibrary.functions, which src/lib.rs
//! includes, so a function whose signature differs from the manifest fails `cargo build`.
//!
//! The perry that runs: `PERRY` when set, else `PERRY_EXECUTABLE` (the perry that builds this
//! crate sets it: `perry native validate`, `run`, `link`), else `perry` on PATH.

use std::env;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

fn perry() -> OsString {
    ["PERRY", "PERRY_EXECUTABLE"]
        .iter()
        .filter_map(|name| env::var_os(name))
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| OsString::from("perry"))
}

fn main() {
    println!("cargo:rerun-if-changed=package.json");
    println!("cargo:rerun-if-env-changed=PERRY");
    println!("cargo:rerun-if-env-changed=PERRY_EXECUTABLE");
    let package =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("perry_signatures.rs");
    let perry = perry();
    let status = Command::new(&perry)
        .args(["native", "header", "--rust", "--out"])
        .arg(&out)
        .arg(&package)
        .status();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => panic!(
            "`{} native header --rust` failed ({status}): its message is above; fix package.json",
            perry.to_string_lossy()
        ),
        Err(error) => panic!(
            "cannot run perry ({}: {error}); it generates the signature checks from package.json. \
             Put perry's bin directory on PATH, or set PERRY=/path/to/perry",
            perry.to_string_lossy()
        ),
    }
}
