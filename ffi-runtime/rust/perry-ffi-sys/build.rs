//! Finds libperry_ffi.a for the `runtime-link` feature.
//!
//! Without the feature this script emits nothing: a binding's staticlib keeps every `perry_*`
//! symbol undefined and the program that links the binding supplies the runtime once. With it
//! (tests, examples, hosts), the archive is looked up in this order:
//!   1. `PERRY_FFI_DIR`: a directory holding the archive (a build tree's `ffi-runtime/` or an
//!      installed `<prefix>/lib`);
//!   2. `pkg-config --variable=libdir perry-ffi` (an installed perry; PKG_CONFIG_PATH applies,
//!      and PKG_CONFIG names another pkg-config binary).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PERRY_FFI_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG");
    println!("cargo:rerun-if-env-changed=PERRY_FFI_CXX_STDLIB");
    if env::var_os("CARGO_FEATURE_RUNTIME_LINK").is_none() {
        return;
    }

    let archive = archive_file_name();
    let dir = match find_runtime_dir(&archive) {
        Ok(dir) => dir,
        Err(reason) => {
            eprintln!(
                "error: perry-ffi-sys: the `runtime-link` feature needs {archive}, and {reason}.\n\
                 Fix: set PERRY_FFI_DIR to the directory holding it (a build tree's \
                 ffi-runtime/ folder or an installed <prefix>/lib), or put \
                 <prefix>/lib/pkgconfig on PKG_CONFIG_PATH so that `pkg-config perry-ffi` \
                 finds an installed perry."
            );
            std::process::exit(1);
        }
    };
    // Relink when the runtime is rebuilt.
    println!("cargo:rerun-if-changed={}", dir.join(&archive).display());
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=static=perry_ffi");
    // The runtime is C++ inside; a Rust program links the C++ standard library with it.
    if let Some(stdlib) = cxx_stdlib() {
        println!("cargo:rustc-link-lib=dylib={stdlib}");
    }
    // Lets a dependent build script (links = "perry_ffi") find the same archive.
    println!("cargo:lib_dir={}", dir.display());
}

fn target_env() -> String {
    env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default()
}

fn archive_file_name() -> String {
    if target_env() == "msvc" {
        "perry_ffi.lib".to_string()
    } else {
        "libperry_ffi.a".to_string()
    }
}

fn cxx_stdlib() -> Option<String> {
    if let Ok(name) = env::var("PERRY_FFI_CXX_STDLIB") {
        return if name.is_empty() { None } else { Some(name) };
    }
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match os.as_str() {
        "macos" | "ios" | "freebsd" | "openbsd" | "netbsd" => Some("c++".to_string()),
        // MSVC links its C++ runtime through the archive's own default-library directives.
        _ if target_env() == "msvc" => None,
        _ => Some("stdc++".to_string()),
    }
}

fn find_runtime_dir(archive: &str) -> Result<PathBuf, String> {
    if let Some(dir) = env::var_os("PERRY_FFI_DIR") {
        let dir = PathBuf::from(dir);
        return if dir.join(archive).is_file() {
            Ok(dir)
        } else {
            Err(format!(
                "PERRY_FFI_DIR={} holds no {archive}",
                dir.display()
            ))
        };
    }
    let pkg_config = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    let output = Command::new(&pkg_config)
        .args(["--variable=libdir", "perry-ffi"])
        .output()
        .map_err(|error| {
            format!("PERRY_FFI_DIR is not set and `{pkg_config}` could not run ({error})")
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let detail = if stderr.trim().is_empty() {
            // `--variable` fails silently when the package is unknown.
            let path = env::var("PKG_CONFIG_PATH").unwrap_or_default();
            format!("it found no perry-ffi.pc (PKG_CONFIG_PATH={path:?})")
        } else {
            stderr.trim().to_string()
        };
        return Err(format!(
            "PERRY_FFI_DIR is not set and `{pkg_config} --variable=libdir perry-ffi` failed: {detail}"
        ));
    }
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim().to_string());
    if Path::new(&dir).join(archive).is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "pkg-config's libdir {} holds no {archive}",
            dir.display()
        ))
    }
}
