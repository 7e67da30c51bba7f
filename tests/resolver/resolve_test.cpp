// Golden tests of resolution: each test writes a node_modules tree inline, resolves specifiers
// with the library, and compares the JSON (tree root shown as <tree>) with golden/<test>.json.
// PERRY_UPDATE_GOLDEN=1 regenerates the expectations.
#include "golden.h"
#include "support/temp_tree.h"

#include "perry/resolver/resolution_json.h"
#include "perry/resolver/resolve.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace perry::resolver {
namespace {

using test::TempTree;

// A table in the shipped format; the tests install it into their tree.
constexpr const char* kTable = R"(
[bindings.dotenv]
crate = "perry-ext-dotenv"
lib = "perry_ext_dotenv"
tracking = "#12"

[bindings.mysql2]
crate = "perry-ext-mysql2"
lib = "perry_ext_mysql2"

[bindings."mysql2/promise"]
crate = "perry-ext-mysql2"
lib = "perry_ext_mysql2"
alias-of = "mysql2"
)";

std::string native_package(const std::string& name, const std::string& version) {
    return R"({"name": ")" + name + R"(", "version": ")" + version + R"(",
  "perry": {"nativeLibrary": {
    "abiVersion": "0.5",
    "functions": [{"name": "js_f", "params": ["string", "i64"], "returns": "i64"}],
    "targets": {"linux": {"crate": "native", "lib": "perry_f"},
                "macos": {"prebuilt": "prebuilt/macos/libperry_f.a", "frameworks": ["Security"]}}}}})";
}

std::string js_package(const std::string& name, const std::string& version) {
    return R"({"name": ")" + name + R"(", "version": ")" + version + R"(", "main": "index.js"})";
}

std::string golden_path() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return std::string(PERRY_RESOLVER_GOLDEN_DIR) + "/" + info->name() + ".json";
}

// Resolves `specifiers` from `from` (relative to the tree) and checks the golden file.
void expect_resolutions(const TempTree& tree, const std::string& from,
                        const std::vector<std::string>& specifiers, ResolveOptions options = {},
                        const std::string& golden_suffix = "") {
    tree.write("share/well_known_bindings.toml", kTable);
    std::vector<WellKnownError> errors;
    const WellKnownTable table =
        WellKnownTable::load(tree.path("share/well_known_bindings.toml"), errors);
    ASSERT_TRUE(errors.empty()) << errors.front().describe();
    Resolver resolver(table, std::move(options));
    std::vector<Resolution> results;
    for (const std::string& specifier : specifiers) {
        results.push_back(resolver.resolve(specifier, tree.path(from)));
    }
    std::string path = golden_path();
    path.insert(path.size() - 5, golden_suffix);
    EXPECT_TRUE(perry::testing::matches_golden(path, tree.scrub(resolutions_to_json(results))));
}

TEST(Resolve, ScopedNativeAndPlainJsPackages) {
    TempTree tree({
        {"app/src/main.ts", ""},
        {"app/node_modules/@acme/native/package.json", native_package("@acme/native", "1.2.0")},
        {"app/node_modules/@acme/js-only/package.json", js_package("@acme/js-only", "0.1.0")},
        {"app/node_modules/@acme/js-only/index.js", ""},
        {"app/node_modules/plain/package.json", js_package("plain", "3.0.0")},
        {"app/node_modules/plain/index.js", ""},
    });
    expect_resolutions(tree, "app/src/main.ts", {"@acme/native", "@acme/js-only", "plain"});
}

TEST(Resolve, NestedPackageBeatsHoistedOne) {
    TempTree tree({
        {"app/node_modules/b/package.json", native_package("b", "1.0.0")},
        {"app/node_modules/a/package.json", js_package("a", "1.0.0")},
        {"app/node_modules/a/index.js", ""},
        {"app/node_modules/a/node_modules/b/package.json", native_package("b", "2.0.0")},
    });
    // From inside `a`, its own nested b@2 wins; from the app, the hoisted b@1.
    expect_resolutions(tree, "app/node_modules/a/index.js", {"b", "a"});
    expect_resolutions(tree, "app", {"b"}, {}, "_from_app");
}

TEST(Resolve, HoistedFromTheApp) {
    TempTree tree({
        {"app/node_modules/b/package.json", native_package("b", "1.0.0")},
        {"app/node_modules/a/node_modules/b/package.json", native_package("b", "2.0.0")},
        {"app/src/deep/er/file.ts", ""},
    });
    expect_resolutions(tree, "app/src/deep/er/file.ts", {"b"});
}

TEST(Resolve, PnpmStoreSymlinksResolveToRealPaths) {
    // pnpm: node_modules/x -> .pnpm/x@1.0.0/node_modules/x; x's dependency y is a sibling symlink
    // inside the store, visible only from x's real location.
    TempTree tree(
        {
            {"app/package.json", R"({"name": "app"})"},
            {"app/node_modules/.pnpm/x@1.0.0/node_modules/x/package.json",
             js_package("x", "1.0.0")},
            {"app/node_modules/.pnpm/x@1.0.0/node_modules/x/index.js", ""},
            {"app/node_modules/.pnpm/y@2.0.0/node_modules/y/package.json",
             native_package("y", "2.0.0")},
        },
        {
            {"app/node_modules/x", ".pnpm/x@1.0.0/node_modules/x"},
            {"app/node_modules/.pnpm/x@1.0.0/node_modules/y", "../../y@2.0.0/node_modules/y"},
        });
    expect_resolutions(tree, "app/node_modules/x/index.js", {"y", "x"});
}

TEST(Resolve, PnpmDependencyIsNotVisibleFromTheApp) {
    TempTree tree(
        {
            {"app/node_modules/.pnpm/y@2.0.0/node_modules/y/package.json",
             native_package("y", "2.0.0")},
            {"app/node_modules/.pnpm/x@1.0.0/node_modules/x/package.json",
             js_package("x", "1.0.0")},
        },
        {
            {"app/node_modules/x", ".pnpm/x@1.0.0/node_modules/x"},
            {"app/node_modules/.pnpm/x@1.0.0/node_modules/y", "../../y@2.0.0/node_modules/y"},
        });
    expect_resolutions(tree, "app", {"y"});
}

TEST(Resolve, BunIsolatedLayoutAndScopedSymlink) {
    TempTree tree(
        {
            {"app/node_modules/.bun/@acme+native@1.2.0/node_modules/@acme/native/package.json",
             native_package("@acme/native", "1.2.0")},
        },
        {
            {"app/node_modules/@acme/native",
             "../.bun/@acme+native@1.2.0/node_modules/@acme/native"},
        });
    expect_resolutions(tree, "app", {"@acme/native"});
}

TEST(Resolve, SymlinkEdgeCases) {
    // An absolute link to a package outside the app, a node_modules that is itself a link, a
    // link through `..`, a dangling link and a loop: real paths where they resolve, nothing
    // (and no crash, no hang) where they do not; a loop is said to be one.
    TempTree tree({
        {"store/abs/package.json", js_package("abs", "1.0.0")},
        {"store/abs/index.js", ""},
        {"shared/node_modules/via-linked-dir/package.json",
         native_package("via-linked-dir", "1.0.0")},
        {"shared/node_modules/up/package.json", js_package("up", "2.0.0")},
        {"shared/node_modules/up/index.js", ""},
        {"app/index.ts", ""},
        {"app/lib/index.ts", ""},
    });
    tree.link("app/node_modules/abs", tree.path("store/abs"));
    tree.link("app/node_modules/dangling", "../nowhere");
    tree.link("app/node_modules/loop", "loop");
    tree.link("app/lib/node_modules", "../../shared/node_modules");
    tree.link("app/node_modules/up", "../lib/node_modules/./up/../up");
    expect_resolutions(tree, "app/lib/index.ts",
                       {"abs", "via-linked-dir", "up", "dangling", "loop"});
    expect_resolutions(tree, "app/index.ts", {"up", "via-linked-dir"}, {}, "_from_app");
}

TEST(Resolve, ManifestPathsThroughSymlinks) {
    // A found package's manifest paths are checked where the package really is: a link inside
    // it is fine, a link out of it is an error (also one to nothing yet), however the package
    // was reached (hoisted, scoped, through a pnpm link).
    const auto with_crate = [](const std::string& name, const std::string& crate) {
        return R"({"name": ")" + name + R"(", "version": "1.0.0",
  "perry": {"nativeLibrary": {"abiVersion": "0.5", "functions": [],
    "targets": {"linux": {"crate": ")" +
               crate + R"(", "lib": "f"}}}}})";
    };
    TempTree tree(
        {
            {"app/src/main.ts", ""},
            {"outside/crate/Cargo.toml", ""},
            {"app/node_modules/inner/package.json", with_crate("inner", "alias/")},
            {"app/node_modules/inner/native/Cargo.toml", ""},
            {"app/node_modules/out/package.json", with_crate("out", "escape/crate")},
            {"app/node_modules/@s/out/package.json", with_crate("@s/out", "./escape/./crate")},
            {"app/node_modules/.pnpm/p@1.0.0/node_modules/p/package.json",
             with_crate("p", "escape")},
        },
        {
            {"app/node_modules/inner/alias", "native"},
            {"app/node_modules/out/escape", "../../../outside"},
            {"app/node_modules/@s/out/escape", "../../../../nowhere"}, // dangles
            {"app/node_modules/.pnpm/p@1.0.0/node_modules/p/escape", "../../../../../../outside"},
            {"app/node_modules/p", ".pnpm/p@1.0.0/node_modules/p"},
        });
    expect_resolutions(tree, "app/src/main.ts", {"inner", "out", "@s/out", "p"});
}

TEST(Resolve, InstalledPackageShadowsTheWellKnownTable) {
    TempTree tree({
        {"app/node_modules/dotenv/package.json", js_package("dotenv", "16.0.0")},
        {"app/node_modules/dotenv/index.js", ""},
        {"app/node_modules/mysql2/package.json", native_package("mysql2", "9.9.9")},
    });
    // dotenv: a plain JS install still wins; mysql2: an installed fork wins; mysql2/promise has
    // its own entry in the table but resolves through the installed mysql2 package first (native;
    // the missing subpath file is only a warning for a native package).
    expect_resolutions(tree, "app", {"dotenv", "mysql2", "mysql2/promise"});
}

TEST(Resolve, WellKnownEntriesAndAliases) {
    TempTree tree({{"app/index.ts", ""}});
    expect_resolutions(tree, "app/index.ts", {"dotenv", "mysql2/promise", "mysql2/other"});
}

TEST(Resolve, UnresolvedListsEveryPlaceLookedAt) {
    TempTree tree({
        {"app/src/index.ts", ""},
        {"app/node_modules/empty/README.md", "a directory without package.json is skipped"},
    });
    expect_resolutions(tree, "app/src", {"missing", "@scope/missing", "empty"});
}

TEST(Resolve, InvalidSpecifiersAndMissingFrom) {
    TempTree tree({{"app/index.ts", ""}});
    expect_resolutions(tree, "app", {"./relative", "/abs", "node:fs", "@scope", "pkg/../x", ""});
    expect_resolutions(tree, "app/does-not-exist", {"pkg"}, {}, "_missing_from");
}

TEST(Resolve, ExportsPreferThePerryCondition) {
    TempTree tree({
        {"app/node_modules/multi/package.json", R"({
  "name": "multi", "version": "1.0.0",
  "exports": {
    ".": {"import": "./esm/index.js", "perry": "./perry/index.ts", "default": "./cjs/index.js"},
    "./sub": {"require": "./cjs/sub.js", "import": "./esm/sub.js"},
    "./feature/*": {"perry": "./perry/features/*.ts"},
    "./feature/internal/*": null,
    "./fallback": ["./missing-but-valid.js", "./other.js"],
    "./escape": "../outside.js",
    "./private": null
  }
})"},
        {"app/node_modules/multi/perry/index.ts", ""},
        {"app/node_modules/multi/perry/features/a.ts", ""},
        {"app/node_modules/multi/cjs/sub.js", ""},
        {"app/node_modules/multi/esm/sub.js", ""},
    });
    expect_resolutions(tree, "app",
                       {"multi", "multi/sub", "multi/feature/a", "multi/feature/internal/x",
                        "multi/fallback", "multi/escape", "multi/private", "multi/not-listed"});
}

TEST(Resolve, ExportsShorthandsAndSubpathsWithoutExports) {
    TempTree tree({
        {"app/node_modules/short/package.json",
         R"({"name": "short", "version": "1.0.0", "exports": {"perry": "./p.ts", "node": "./n.js"}})"},
        {"app/node_modules/short/p.ts", ""},
        {"app/node_modules/str/package.json",
         R"({"name": "str", "version": "1.0.0", "exports": "./main.js"})"},
        {"app/node_modules/str/main.js", ""},
        {"app/node_modules/mixed/package.json",
         R"({"name": "mixed", "version": "1.0.0", "exports": {".": "./a.js", "import": "./b.js"}})"},
        {"app/node_modules/old/package.json", js_package("old", "0.0.1")},
        {"app/node_modules/old/lib/util.js", ""},
        {"app/node_modules/old/lib/dir/index.js", ""},
    });
    expect_resolutions(tree, "app",
                       {"short", "short/x", "str", "mixed", "old/lib/util", "old/lib/dir",
                        "old/lib/nothing", "old"});
}

TEST(Resolve, PackageJsonIsReadAsJsonParseReadsIt) {
    // Duplicate keys: the last value wins, at the place of the first (the object JSON.parse
    // builds). A NUL byte after the document is text after it (JSON.parse refuses it, and so
    // does `validate`). A package.json that is a symlink to a file elsewhere leaves the package
    // where its directory is.
    const std::string nul_terminated =
        std::string(R"({"name": "nul", "version": "1.0.0", "main": "m.js"})") + '\0' + "junk";
    TempTree tree(
        {
            {"app/node_modules/dup/package.json", R"({"name": "dup", "version": "1.0.0",
  "version": "2.0.0",
  "exports": {
    ".": {"default": "./first.js", "import": "./import.js", "default": "./last.js"},
    "./sub": "./one.js", "./sub": "./two.js"}})"},
            {"app/node_modules/dup/last.js", ""},
            {"app/node_modules/dup/two.js", ""},
            {"app/node_modules/not-native/package.json", R"({"name": "not-native",
  "version": "1.0.0", "perry": {"nativeLibrary": {}}, "perry": {"other": 1}, "main": "i.js"})"},
            {"app/node_modules/not-native/i.js", ""},
            {"app/node_modules/nul/package.json", nul_terminated},
            {"app/node_modules/nul/m.js", ""},
            {"app/node_modules/array/package.json", "[1, 2]"},
            {"store/lj/index.js", ""},
            {"elsewhere/package.json", js_package("lj", "3.0.0")},
        },
        {
            {"app/node_modules/lj", "../../store/lj"},
            {"store/lj/package.json", "../../elsewhere/package.json"},
        });
    expect_resolutions(tree, "app", {"dup", "dup/sub", "not-native", "nul", "array", "lj"});
}

TEST(Resolve, NumberOverflowInPackageJsonIsAnError) {
    TempTree tree({{"app/node_modules/huge/package.json",
                    R"({"name": "huge", "version": "1.0.0", "size": 1e999})"}});
    expect_resolutions(tree, "app", {"huge"});
}

TEST(Resolve, BrokenPackageJsonIsAnError) {
    TempTree tree({
        {"app/node_modules/broken/package.json", "{\"name\": \"broken\",\n  \"version\": }"},
        {"app/node_modules/bad-native/package.json",
         R"({"name": "bad-native", "version": "1.0.0",
             "perry": {"nativeLibrary": {"abiVersion": "^9", "functions": [{"name": "f"}]}}})"},
    });
    expect_resolutions(tree, "app", {"broken", "bad-native"});
}

TEST(Resolve, APackageJsonThatIsNoRegularFileIsUnusableAtOnce) {
    // A FIFO (no writer: reading would wait forever), a symlink to /dev/zero (reading would
    // never end): the package is there but unusable, reported at once as unreadable input.
    TempTree tree({{"app/src/main.ts", ""}, {"app/node_modules/fifo/index.js", ""}},
                  {{"app/node_modules/zero/package.json", "/dev/zero"}});
    ASSERT_EQ(::mkfifo(tree.path("app/node_modules/fifo/package.json").c_str(), 0600), 0);
    WellKnownTable table;
    Resolver resolver(table, ResolveOptions{});
    for (const std::string name : {"fifo", "zero"}) {
        const Resolution r = resolver.resolve(name, tree.path("app/src"));
        EXPECT_TRUE(r.unreadable) << name;
        EXPECT_FALSE(r.ok()) << name;
        EXPECT_EQ(r.errors,
                  std::vector<std::string>{tree.path("app/node_modules/" + name + "/package.json") +
                                           ": not a regular file"});
    }
}

TEST(Resolve, TargetSelectsTheLinkEntry) {
    TempTree tree({{"app/node_modules/n/package.json", native_package("n", "1.0.0")}});
    ResolveOptions options;
    options.target = "macos";
    expect_resolutions(tree, "app", {"n"}, options);
}

ResolveOptions with_allowlist(const TempTree& tree, const std::string& host_json) {
    tree.write("app/package.json", host_json);
    std::vector<AllowlistError> errors;
    ResolveOptions options;
    const std::optional<std::string> host = find_host_package_json(tree.path("app/src"));
    EXPECT_EQ(host, tree.path("app/package.json"));
    options.allowlist = Allowlist::from_host_package_json(*host, errors);
    EXPECT_TRUE(errors.empty());
    return options;
}

TEST(Resolve, AllowlistRefusesPackagesOutsideIt) {
    TempTree tree({
        {"app/src/index.ts", ""},
        {"app/node_modules/@trusted/one/package.json", native_package("@trusted/one", "1.0.0")},
        {"app/node_modules/single/package.json", native_package("single", "1.0.0")},
        {"app/node_modules/other/package.json", native_package("other", "1.0.0")},
        {"app/node_modules/plain/package.json", js_package("plain", "1.0.0")},
        {"app/node_modules/plain/index.js", ""},
    });
    // JS packages and well-known bindings are not subject to the list.
    expect_resolutions(
        tree, "app/src", {"@trusted/one", "single", "other", "plain", "dotenv"},
        with_allowlist(
            tree,
            R"({"name": "app", "perry": {"allow": {"nativeLibrary": ["@trusted/*", "single"]}}})"));
}

TEST(Resolve, AllowlistStarAndAbsentAllowEverything) {
    TempTree tree({
        {"app/src/index.ts", ""},
        {"app/node_modules/other/package.json", native_package("other", "1.0.0")},
    });
    const ResolveOptions star =
        with_allowlist(tree, R"({"perry": {"allow": {"nativeLibrary": ["*"]}}})");
    ASSERT_TRUE(star.allowlist);
    EXPECT_TRUE(star.allowlist->allows("other"));
    EXPECT_TRUE(star.allowlist->allows("@any/thing"));
    const ResolveOptions absent = with_allowlist(tree, R"({"name": "app", "perry": {}})");
    EXPECT_FALSE(absent.allowlist);
    expect_resolutions(tree, "app/src", {"other"}, star);
}

TEST(Resolve, LockdownRefusesEveryInstalledNativePackage) {
    TempTree tree({
        {"app/node_modules/other/package.json", native_package("other", "1.0.0")},
        {"app/node_modules/plain/package.json", js_package("plain", "1.0.0")},
        {"app/node_modules/plain/index.js", ""},
    });
    ResolveOptions options =
        with_allowlist(tree, R"({"perry": {"allow": {"nativeLibrary": ["*"]}}})");
    options.lockdown = true;
    expect_resolutions(tree, "app", {"other", "plain", "mysql2"}, options);
}

} // namespace
} // namespace perry::resolver
