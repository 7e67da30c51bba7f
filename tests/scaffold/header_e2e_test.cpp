// The generated signatures in an author's own build: a binding scaffolded by `perry native init`
// builds against an installed perry that has been moved to another prefix, and a source that
// disagrees with its manifest fails to compile (C++, C: through perry_signatures.h, which the
// template's CMake custom command regenerates when package.json changes; Rust: through the
// assertions its build.rs writes, under `cargo build --offline`). The compiler's error names the
// function.
#include "every_type_manifest.h"
#include "scaffold_test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace perry::scaffold_test;
using Env = std::vector<std::pair<std::string, std::string>>;

perry::linker::ProcessResult run(const std::vector<std::string>& argv, const fs::path& cwd,
                                 Env env = {}) {
    perry::linker::ProcessOptions options;
    options.cwd = cwd.string();
    options.env = std::move(env);
    return perry::linker::run_process(argv, options);
}

// The shell of a user without perry on PATH: the CMake package alone must lead to perry.
const Env kNoPerryOnPath = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}};

class SignaturesEndToEnd : public ::testing::Test {
  protected:
    // One install of this build tree, then moved: the config finds perry relative to itself.
    static void SetUpTestSuite() {
        dir_ = std::make_unique<TempDir>();
        const fs::path installed_at = dir_->path() / "installed";
        const auto installed =
            run({"cmake", "--install", PERRY_BUILD_DIR, "--prefix", installed_at.string()},
                dir_->path());
        install_log_ = installed.ok() ? "" : installed.out + installed.err + installed.error;
        std::error_code ec;
        fs::rename(installed_at, prefix(), ec);
        if (install_log_.empty() && ec)
            install_log_ = "cannot move the prefix: " + ec.message();
    }
    static void TearDownTestSuite() { dir_.reset(); }
    static fs::path prefix() { return dir_->path() / "moved"; }
    static fs::path perry() { return prefix() / "bin" / "perry"; }

    // `perry native init demo-<lang> --lang <lang>` in a fresh directory.
    fs::path scaffold(const std::string& lang) {
        const auto init =
            run_perry(perry(), {"init", "demo-" + lang, "--lang", lang}, work_.path());
        EXPECT_EQ(init.exit_code, 0) << init.err;
        return work_.path() / ("demo-" + lang);
    }

    // Configures and builds the package's CMake project with Ninja into `build`.
    perry::linker::ProcessResult cmake_build(const fs::path& package, const Env& env) {
        const std::string build = (work_.path() / "build").string();
        const auto configured = run({"cmake", "-S", package.string(), "-B", build, "-G", "Ninja",
                                     "-DCMAKE_PREFIX_PATH=" + prefix().string()},
                                    work_.path(), env);
        if (!configured.ok())
            return configured;
        return run({"cmake", "--build", build}, work_.path(), env);
    }

    // `cargo build --offline` of the package, with the installed perry for its build.rs.
    perry::linker::ProcessResult cargo_build(const std::string& cargo, const fs::path& package) {
        const Env env = {{"PERRY", perry().string()},
                         {"CARGO_NET_OFFLINE", "true"},
                         {"CARGO_TARGET_DIR", (work_.path() / "target").string()}};
        return run(
            {cargo, "build", "--offline", "--manifest-path", (package / "Cargo.toml").string()},
            package, env);
    }

    static std::unique_ptr<TempDir> dir_;
    static std::string install_log_;
    TempDir work_;
};

std::unique_ptr<TempDir> SignaturesEndToEnd::dir_;
std::string SignaturesEndToEnd::install_log_;

// Changes the manifest's hello to take a second parameter, which the scaffold's source lacks.
void add_a_parameter(const fs::path& package) {
    const std::string manifest = read_file(package / "package.json");
    const std::string agreeing = "\"params\": [\"string\"]";
    ASSERT_NE(manifest.find(agreeing), std::string::npos) << manifest;
    write_file(package / "package.json",
               replace_all(manifest, agreeing, "\"params\": [\"string\", \"i32\"]"));
}

TEST_F(SignaturesEndToEnd, ACppSourceThatDisagreesWithItsManifestDoesNotCompile) {
    ASSERT_EQ(install_log_, "") << "cmake --install failed";
    const fs::path package = scaffold("cpp");
    const auto agreeing = cmake_build(package, kNoPerryOnPath);
    ASSERT_TRUE(agreeing.ok()) << agreeing.out << agreeing.err;
    EXPECT_NE(agreeing.out.find("perry native header"), std::string::npos) << agreeing.out;
    // Nothing changed, nothing rebuilt: the header is left untouched when it is the same.
    const auto again = cmake_build(package, kNoPerryOnPath);
    ASSERT_TRUE(again.ok()) << again.out << again.err;
    EXPECT_EQ(again.out.find("Building CXX"), std::string::npos) << again.out;
    // A package.json saved without a change: the header is generated again, found the same and
    // left untouched, so nothing recompiles.
    fs::last_write_time(package / "package.json", fs::file_time_type::clock::now());
    const auto touched = cmake_build(package, kNoPerryOnPath);
    ASSERT_TRUE(touched.ok()) << touched.out << touched.err;
    EXPECT_NE(touched.out.find("perry native header"), std::string::npos) << touched.out;
    EXPECT_EQ(touched.out.find("Building CXX"), std::string::npos) << touched.out;

    add_a_parameter(package);
    const auto disagreeing = cmake_build(package, kNoPerryOnPath);
    EXPECT_FALSE(disagreeing.ok());
    const std::string output = disagreeing.out + disagreeing.err;
    EXPECT_NE(output.find("error: conflicting declaration of C function"), std::string::npos)
        << output;
    EXPECT_NE(output.find("js_demo_cpp_hello(const PerryStringHeader*, int32_t)"),
              std::string::npos)
        << output;
}

TEST_F(SignaturesEndToEnd, ACSourceThatDisagreesWithItsManifestDoesNotCompile) {
    ASSERT_EQ(install_log_, "") << "cmake --install failed";
    const fs::path package = scaffold("c");
    const auto agreeing = cmake_build(package, kNoPerryOnPath);
    ASSERT_TRUE(agreeing.ok()) << agreeing.out << agreeing.err;

    add_a_parameter(package);
    const auto disagreeing = cmake_build(package, kNoPerryOnPath);
    EXPECT_FALSE(disagreeing.ok());
    const std::string output = disagreeing.out + disagreeing.err;
    EXPECT_NE(output.find("error: conflicting types for"), std::string::npos) << output;
    EXPECT_NE(output.find("js_demo_c_hello"), std::string::npos) << output;
}

// Without a perry in the CMake package's prefix or on PATH, configuring stops with a message
// that says what is missing and how to provide it.
TEST_F(SignaturesEndToEnd, ConfiguringWithoutPerryFailsWithAClearMessage) {
    ASSERT_EQ(install_log_, "") << "cmake --install failed";
    const fs::path package = scaffold("cpp");
    // The runtime alone, as a runtime-only install would have it: no bin/perry.
    const fs::path runtime_only = work_.path() / "runtime-only";
    fs::create_directories(runtime_only);
    for (const char* part : {"include", "lib"}) {
        std::error_code ec;
        fs::copy(prefix() / part, runtime_only / part, fs::copy_options::recursive, ec);
        ASSERT_FALSE(ec) << ec.message();
    }
    const auto configured =
        run({"cmake", "-S", package.string(), "-B", (work_.path() / "build").string(), "-G",
             "Ninja", "-DCMAKE_PREFIX_PATH=" + runtime_only.string()},
            work_.path(), kNoPerryOnPath);
    EXPECT_FALSE(configured.ok());
    EXPECT_NE(configured.err.find("perry not found: it generates perry_signatures.h from "
                                  "package.json."),
              std::string::npos)
        << configured.err;
}

// cargo, or nullopt with the reason to skip in `why`.
std::optional<std::string> cargo_for(const fs::path& prefix, std::string& why) {
    const char* home = std::getenv("HOME");
    const auto cargo = perry::linker::find_program(
        "cargo", {std::string(home != nullptr ? home : "") + "/.cargo/bin"});
    if (!cargo)
        why = "cargo is not installed";
    else if (!fs::exists(prefix / "share" / "perry" / "rust" / "perry-ffi" / "Cargo.toml"))
        why = "the install has no share/perry/rust/perry-ffi crate";
    return why.empty() ? cargo : std::nullopt;
}

TEST_F(SignaturesEndToEnd, ARustFunctionThatDisagreesWithItsManifestFailsCargoBuild) {
    ASSERT_EQ(install_log_, "") << "cmake --install failed";
    std::string why;
    const auto cargo = cargo_for(prefix(), why);
    if (!cargo)
        GTEST_SKIP() << why;
    const fs::path package = scaffold("rust");
    const auto agreeing = cargo_build(*cargo, package);
    ASSERT_TRUE(agreeing.ok()) << agreeing.err;

    const std::string manifest = read_file(package / "package.json");
    const std::string agreeing_return = "\"returns\": \"string\"";
    ASSERT_NE(manifest.find(agreeing_return), std::string::npos) << manifest;
    write_file(package / "package.json",
               replace_all(manifest, agreeing_return, "\"returns\": \"i64\""));
    const auto disagreeing = cargo_build(*cargo, package);
    EXPECT_FALSE(disagreeing.ok());
    EXPECT_NE(disagreeing.err.find("error[E0308]: mismatched types"), std::string::npos)
        << disagreeing.err;
    EXPECT_NE(disagreeing.err.find("= crate::js_demo_rust_hello;"), std::string::npos)
        << disagreeing.err;
    EXPECT_NE(disagreeing.err.find("{js_demo_rust_hello}"), std::string::npos) << disagreeing.err;
}

// The assertions of every type of the table hold for functions written with perry-ffi-sys's types:
// the Rust spelling of each C type is the one a Rust author writes.
TEST_F(SignaturesEndToEnd, RustFunctionsOfEveryTypeMeetTheirAssertions) {
    ASSERT_EQ(install_log_, "") << "cmake --install failed";
    std::string why;
    const auto cargo = cargo_for(prefix(), why);
    if (!cargo)
        GTEST_SKIP() << why;
    const fs::path package = scaffold("rust");
    write_file(package / "package.json", perry::testing::kEveryTypeManifest);
    write_file(package / "src" / "lib.rs", R"(use core::ffi::c_void;
use perry_ffi::sys::{PerryBufferHeader, PerryStringHeader, PerryValue};

include!(concat!(env!("OUT_DIR"), "/perry_signatures.rs"));

#[no_mangle]
pub extern "C" fn js_t_string(s: *const PerryStringHeader) -> *const PerryStringHeader { s }
#[no_mangle]
pub extern "C" fn js_t_ptr(_p: *const c_void) -> *const PerryStringHeader { core::ptr::null() }
#[no_mangle]
pub extern "C" fn js_t_i64_str(_json: *const PerryStringHeader) -> i64 { 0 }
#[no_mangle]
pub extern "C" fn js_t_i64(x: i64) -> i64 { x }
#[no_mangle]
pub extern "C" fn js_t_number(x: f64) -> f64 { x }
#[no_mangle]
pub extern "C" fn js_t_void() {}
#[no_mangle]
pub extern "C" fn js_t_f64(x: f64) -> f64 { x }
#[no_mangle]
pub extern "C" fn js_t_i32(x: i32) -> i32 { x }
#[no_mangle]
pub extern "C" fn js_t_bool(x: bool) -> bool { !x }
#[no_mangle]
pub extern "C" fn js_t_promise() -> PerryValue { 0 }
#[no_mangle]
pub extern "C" fn js_t_jsvalue(v: f64) -> f64 { v }
#[no_mangle]
pub extern "C" fn js_t_buffer(b: *const PerryBufferHeader) -> *const PerryBufferHeader { b }
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn js_t_all(_a: *const PerryStringHeader, _b: f64, _c: i32, _d: i64, _e: bool,
                           _f: *const c_void, _g: f64, _h: *const PerryStringHeader, _i: f64,
                           _j: *const PerryBufferHeader) {}
#[no_mangle]
pub extern "C" fn js_t_legacy() -> f64 { 0.0 }
)");
    const auto built = cargo_build(*cargo, package);
    EXPECT_TRUE(built.ok()) << built.err;
}

} // namespace
