// The conflict check on real archives: C archives built here with the system cc and ar, and a
// Rust staticlib built twice under two names with cargo, offline.
#include "perry/linker/conflicts.h"
#include "plan_fixture.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;

// Compiles each `name.c` of `sources` and archives the objects as `archive`.
std::string c_archive(const TempDir& tmp, const std::string& archive,
                      const std::vector<std::pair<std::string, std::string>>& sources) {
    std::vector<std::string> ar = {"ar", "rcs", tmp / archive};
    for (const auto& [name, code] : sources) {
        write_file(tmp / (name + ".c"), code);
        run_ok({"cc", "-c", "-O1", "-fcommon", "-o", tmp / (name + ".o"), tmp / (name + ".c")});
        ar.push_back(tmp / (name + ".o"));
    }
    run_ok(ar);
    return tmp / archive;
}

std::string messages(const ConflictReport& report, const TempDir& tmp) {
    std::string text;
    for (const resolver::Diagnostic& d : report.diagnostics)
        text += d.format() + "\n";
    return scrubbed(text, tmp.path());
}

TEST(ConflictCheckTest, TwoArchivesDefiningOneStrongSymbolNameBothPackages) {
    TempDir tmp;
    const std::string a = c_archive(tmp, "liba.a",
                                    {{"a_main", "int js_hello(void) { return 1; }\n"
                                                "int js_a_only(void) { return 2; }\n"}});
    const std::string b = c_archive(tmp, "libb.a",
                                    {{"b_util", "int js_b_only(void) { return 3; }\n"},
                                     {"b_main", "int js_hello(void) { return 4; }\n"}});
    const ConflictReport report =
        check_conflicts({{"alpha", a, "alpha/package.json"}, {"beta", b, "beta/package.json"}});
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.conflicts.size(), 1u);
    EXPECT_EQ(report.conflicts[0].symbol, "js_hello");
    EXPECT_EQ(report.conflicts[0].second_member, "b_main.o");
    EXPECT_EQ(messages(report, tmp),
              "perry: error: beta/package.json: `js_hello` is defined by both package `alpha` "
              "($TMP/liba.a, member a_main.o) and package `beta` ($TMP/libb.a, member "
              "b_main.o)\n"
              "  fix: rename the symbol in one of the packages (each binding's functions need a "
              "prefix of their own), or import only one of them; the linker would silently use the "
              "first on the line, package `alpha`'s\n");
}

TEST(ConflictCheckTest, APackageDefiningARuntimeSymbolConflictsWithTheRuntime) {
    TempDir tmp;
    const std::string binding = c_archive(tmp, "libbinding.a",
                                          {{"binding", "int perry_gc_collect(void) { return 0; }\n"
                                                       "int js_binding_f(void) { return 1; }\n"}});
    const std::string runtime =
        c_archive(tmp, "libperry_ffi.a", {{"gc", "int perry_gc_collect(void) { return 1; }\n"}});
    const ConflictReport report = check_conflicts(
        {{"binding", binding, "binding/package.json"}, {kRuntimeOwner, runtime, ""}});
    EXPECT_EQ(messages(report, tmp),
              "perry: error: binding/package.json: `perry_gc_collect` is defined by both package "
              "`binding` ($TMP/libbinding.a, member binding.o) and the perry runtime "
              "($TMP/libperry_ffi.a, member gc.o)\n"
              "  fix: a binding must not carry the runtime's symbols: perry links its own "
              "runtime; build the binding against perry/ffi.h without bundling it\n");
}

TEST(ConflictCheckTest, RustLookingNamesOfCLibrariesStillConflict) {
    TempDir tmp;
    const std::string code = "int rust_version(void) { return 1; }\n";
    const std::string a = c_archive(tmp, "liba.a", {{"a", code}});
    const std::string b = c_archive(tmp, "libb.a", {{"b", code}});
    const ConflictReport report =
        check_conflicts({{"alpha", a, "alpha/package.json"}, {"beta", b, "beta/package.json"}});
    EXPECT_TRUE(report.rust_overlaps.empty());
    ASSERT_EQ(report.conflicts.size(), 1u);
    EXPECT_EQ(report.conflicts[0].symbol, "rust_version");
}

TEST(ConflictCheckTest, WeakAndCommonDefinitionsDoNotConflict) {
    TempDir tmp;
    const std::string weak = "__attribute__((weak)) int js_shared_weak(void) { return 1; }\n"
                             "int js_tentative;\n";
    const std::string a = c_archive(tmp, "liba.a", {{"a", weak}});
    const std::string b = c_archive(
        tmp, "libb.a", {{"b", "int js_shared_weak(void) { return 2; }\nint js_tentative;\n"}});
    const ConflictReport report =
        check_conflicts({{"alpha", a, "alpha/package.json"}, {"beta", b, "beta/package.json"}});
    EXPECT_TRUE(report.ok()) << messages(report, tmp);
    EXPECT_TRUE(report.diagnostics.empty()) << messages(report, tmp);
}

TEST(ConflictCheckTest, AnUnreadableArchiveIsAnError) {
    TempDir tmp;
    const ConflictReport report =
        check_conflicts({{"alpha", tmp / "missing.a", "alpha/package.json"}});
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.diagnostics.size(), 1u);
    EXPECT_EQ(
        scrubbed(report.diagnostics[0].message, tmp.path())
            .rfind("cannot check package `alpha` ($TMP/missing.a) for conflicting symbols: ", 0),
        0u);
}

TEST(ConflictCheckTest, ManyConflictsOfOnePairAreCounted) {
    TempDir tmp;
    std::string code;
    for (int i = 0; i < 12; ++i)
        code += "int js_f" + std::to_string(10 + i) + "(void) { return 0; }\n";
    const std::string a = c_archive(tmp, "liba.a", {{"a", code}});
    const std::string b = c_archive(tmp, "libb.a", {{"b", code}});
    const ConflictReport report =
        check_conflicts({{"alpha", a, "alpha/package.json"}, {"beta", b, "beta/package.json"}});
    EXPECT_EQ(report.conflicts.size(), 12u);
    ASSERT_EQ(report.diagnostics.size(), 11u);
    EXPECT_EQ(scrubbed(report.diagnostics.back().message, tmp.path()),
              "2 more strong globals are defined by both package `alpha` ($TMP/liba.a) and "
              "package `beta` ($TMP/libb.a)");
}

// The same check on Apple (Mach-O, ld64's leading underscore) and Windows (COFF, weak externals)
// archives, compiled here by clang for those targets.
TEST(ConflictCheckTest, MachOAndCoffArchivesOfAppleAndWindowsTargets) {
    struct Format {
        const char* triple;
        std::vector<std::string> archiver; // followed by the archive and the object
        const char* archive_name;
    };
    const std::vector<Format> formats = {
        {"x86_64-apple-macos11", {"llvm-ar-14", "rcs", "--format=darwin"}, "lib%s.a"},
        {"x86_64-pc-windows-msvc", {"llvm-lib-14"}, "%s.lib"},
    };
    for (const Format& format : formats) {
        SCOPED_TRACE(format.triple);
        TempDir tmp;
        std::vector<std::string> archives;
        for (const std::string name : {"alpha", "beta"}) {
            write_file(tmp / (name + ".c"),
                       "int js_hello(void) { return 1; }\n"
                       "__attribute__((weak)) int js_weak(void) { return 2; }\n"
                       "int js_" +
                           name + "(void) { return 3; }\n");
            run_ok({"clang-14", "-target", format.triple, "-c", "-o", tmp / (name + ".o"),
                    tmp / (name + ".c")});
            char file[64];
            std::snprintf(file, sizeof file, format.archive_name, name.c_str());
            std::vector<std::string> argv = format.archiver;
            if (argv[0] == "llvm-lib-14") {
                argv.push_back("/out:" + (tmp / file));
            } else {
                argv.push_back(tmp / file);
            }
            argv.push_back(tmp / (name + ".o"));
            run_ok(argv);
            archives.push_back(tmp / file);
        }
        const ConflictReport report = check_conflicts({{"alpha", archives[0], "alpha/package.json"},
                                                       {"beta", archives[1], "beta/package.json"}});
        ASSERT_EQ(report.conflicts.size(), 1u) << messages(report, tmp);
        EXPECT_EQ(report.conflicts[0].symbol, "js_hello");
        EXPECT_EQ(report.diagnostics.size(), 1u);
    }
}

// Copies tests/linker/rust-staticlib as a crate named `name` whose own symbols carry `prefix`,
// and builds it with cargo, offline, into the build tree; `toolchain` is empty (the default) or
// rustup's `+nightly`. Returns the staticlib.
std::string rust_staticlib(const std::string& name, const std::string& prefix,
                           const std::string& toolchain = "") {
    const std::string crate = PERRY_TEST_RUST_CRATE_DIR;
    const std::string target_dir =
        PERRY_TEST_CARGO_TARGET_DIR + (toolchain.empty() ? "" : "-" + toolchain.substr(1));
    const char* home = std::getenv("HOME");
    const std::optional<std::string> cargo =
        find_program("cargo", {std::string(home ? home : "") + "/.cargo/bin"});
    if (!cargo) {
        ADD_FAILURE() << "cargo is neither on PATH nor in ~/.cargo/bin";
        return {};
    }
    const fs::path copy = fs::path(target_dir) / "crates" / name;
    std::string manifest = read_all(crate + "/Cargo.toml");
    manifest.replace(manifest.find("perry_symbols_probe"), 19, name);
    std::string source = read_all(crate + "/src/lib.rs");
    for (std::size_t at = source.find("js_probe_"); at != std::string::npos;
         at = source.find("js_probe_", at)) {
        source.replace(at, 9, prefix);
    }
    source.replace(source.find("PROBE_TABLE"), 11, prefix + "TABLE");
    // Rewritten only when changed, so cargo's fingerprints keep later runs fast.
    if (read_all((copy / "Cargo.toml").string()) != manifest) {
        write_file((copy / "Cargo.toml").string(), manifest);
    }
    if (read_all((copy / "src/lib.rs").string()) != source) {
        write_file((copy / "src/lib.rs").string(), source);
    }
    ProcessOptions options;
    options.cwd = copy.string();
    options.env = {{"CARGO_NET_OFFLINE", "true"}, {"CARGO_TARGET_DIR", target_dir}};
    std::vector<std::string> argv = {*cargo, "build", "--release", "--quiet"};
    if (!toolchain.empty())
        argv.insert(argv.begin() + 1, toolchain);
    const ProcessResult build = run_process(argv, options);
    EXPECT_TRUE(build.ok()) << build.error << build.err;
    return target_dir + "/release/lib" + name + ".a";
}

TEST(ConflictCheckTest, TwoRustStaticlibsAreOneMessageAboutTheirStandardLibraries) {
    const std::string a = rust_staticlib("perry_conflict_a", "js_a_");
    const std::string b = rust_staticlib("perry_conflict_b", "js_b_");
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());
    const ConflictReport report =
        check_conflicts({{"rust-a", a, "a/package.json"}, {"rust-b", b, "b/package.json"}});
    EXPECT_TRUE(report.conflicts.empty());
    ASSERT_EQ(report.rust_overlaps.size(), 1u);
    EXPECT_TRUE(report.rust_overlaps[0].same_toolchain);
    EXPECT_GT(report.rust_overlaps[0].symbols, 1000u);
    ASSERT_EQ(report.diagnostics.size(), 1u);
    const std::string count = std::to_string(report.rust_overlaps[0].symbols);
    std::string text = report.diagnostics[0].format();
    for (const std::string& path : {a, b})
        text.replace(text.find(path), path.size(), "$LIB");
    text.replace(text.find(count), count.size(), "N");
    EXPECT_EQ(text,
              "perry: warning: b/package.json: package `rust-a` ($LIB) and package `rust-b` "
              "($LIB) are Rust staticlibs that each bundle the Rust standard library (N Rust "
              "symbols are defined in both, e.g. "
              "`rust_eh_personality`); one Rust toolchain built both, "
              "so the linker takes one copy\n"
              "  fix: if the link still fails with multiple definitions: build one Rust crate "
              "that depends on both bindings and re-exports their functions (one staticlib, one "
              "copy of std), or link with -Wl,--allow-multiple-definition at your own risk");
}

// Links a program calling one function of each staticlib with the system cc: what the real
// linker says about the pair the check judged.
ProcessResult link_both(const TempDir& tmp, const std::string& a, const std::string& b,
                        const std::string& a_add, const std::string& b_add) {
    write_file(tmp / "main.c", "double " + a_add + "(double, double);\ndouble " + b_add +
                                   "(double, double);\nint main(void) { return " + a_add +
                                   "(1, 2) + " + b_add + "(3, 4) == 10 ? 0 : 1; }\n");
    return run_process({"cc", "-o", tmp / "app", tmp / "main.c", a, b, "-lm", "-lpthread", "-ldl"});
}

TEST(ConflictCheckTest, TheSameToolchainsRustStaticlibsLinkTogether) {
    TempDir tmp;
    const std::string a = rust_staticlib("perry_conflict_a", "js_a_");
    const std::string b = rust_staticlib("perry_conflict_b", "js_b_");
    const ProcessResult link = link_both(tmp, a, b, "js_a_add", "js_b_add");
    EXPECT_TRUE(link.ok()) << link.err;
    EXPECT_EQ(run_process({tmp / "app"}).exit_code, 0);
}

TEST(ConflictCheckTest, RustStaticlibsOfTwoToolchainsAreAnErrorTheLinkerConfirms) {
    const char* home = std::getenv("HOME");
    if (!fs::is_directory(std::string(home ? home : "") +
                          "/.rustup/toolchains/nightly-x86_64-unknown-linux-gnu")) {
        GTEST_SKIP() << "needs a second Rust toolchain (rustup's nightly)";
    }
    TempDir tmp;
    const std::string a = rust_staticlib("perry_conflict_a", "js_a_");
    const std::string n = rust_staticlib("perry_conflict_n", "js_n_", "+nightly");
    ASSERT_FALSE(n.empty());
    const ConflictReport report =
        check_conflicts({{"rust-a", a, "a/package.json"}, {"rust-n", n, "n/package.json"}});
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.rust_overlaps.size(), 1u);
    EXPECT_FALSE(report.rust_overlaps[0].same_toolchain);
    EXPECT_EQ(report.rust_overlaps[0].example, "rust_eh_personality");
    ASSERT_EQ(report.diagnostics.size(), 1u);
    const std::string& message = report.diagnostics[0].message;
    EXPECT_NE(message.find("different Rust toolchains built them, so the copies differ and the "
                           "link fails with multiple definitions"),
              std::string::npos)
        << message;
    const ProcessResult link = link_both(tmp, a, n, "js_a_add", "js_n_add");
    EXPECT_FALSE(link.ok());
    EXPECT_NE(link.err.find("multiple definition of `rust_eh_personality'"), std::string::npos)
        << link.err;
}

} // namespace
} // namespace perry::linker::test
