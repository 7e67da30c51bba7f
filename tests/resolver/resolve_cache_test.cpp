// What one Resolver remembers: node_modules listings, the packages it found with their
// package.json, the native details. Within one Resolver the answers are a stable snapshot; a new
// Resolver sees the tree as it is now.
#include "perry/resolver/resolve.h"

#include "support/descriptor_limit.h"
#include "support/temp_tree.h"

#include <gtest/gtest.h>

namespace perry::resolver {
namespace {

using test::TempTree;

std::string js_package(const std::string& name, const std::string& version) {
    return R"({"name": ")" + name + R"(", "version": ")" + version + R"(", "main": "index.js"})";
}

std::string native_package(const std::string& name, const std::string& abi) {
    return R"({"name": ")" + name + R"(", "version": "1.0.0", "perry": {"nativeLibrary": {
        "abiVersion": ")" +
           abi + R"(",
        "functions": [{"name": "js_f", "params": ["i64"], "returns": "i64"}],
        "targets": {"linux": {"crate": "native", "lib": "perry_f"}}}}})";
}

class ResolveCache : public ::testing::Test {
  protected:
    const WellKnownTable table_{}; // empty: only installed packages here
};

TEST_F(ResolveCache, AnEditedPackageJsonIsSeenByTheNextResolverOnly) {
    TempTree tree({
        {"app/node_modules/pkg/package.json", js_package("pkg", "1.0.0")},
        {"app/node_modules/pkg/index.js", ""},
    });
    Resolver first(table_, {});
    ASSERT_EQ(first.resolve("pkg", tree.path("app")).version, "1.0.0");

    tree.write("app/node_modules/pkg/package.json", js_package("pkg", "2.0.0"));
    const Resolution again = first.resolve("pkg", tree.path("app"));
    EXPECT_EQ(again.version, "1.0.0") << "one Resolver answers from one snapshot";
    EXPECT_EQ(again.entry, tree.path("app/node_modules/pkg/index.js"));

    Resolver second(table_, {});
    EXPECT_EQ(second.resolve("pkg", tree.path("app")).version, "2.0.0");
}

TEST_F(ResolveCache, APackageInstalledLaterIsSeenByTheNextResolverOnly) {
    TempTree tree({{"app/node_modules/other/package.json", js_package("other", "1.0.0")}});
    Resolver first(table_, {});
    ASSERT_EQ(first.resolve("late", tree.path("app")).kind, ResolutionKind::Unresolved);

    tree.write("app/node_modules/late/package.json", js_package("late", "1.0.0"));
    tree.write("app/node_modules/late/index.js", "");
    EXPECT_EQ(first.resolve("late", tree.path("app")).kind, ResolutionKind::Unresolved);
    EXPECT_EQ(Resolver(table_, {}).resolve("late", tree.path("app")).kind, ResolutionKind::Js);
}

TEST_F(ResolveCache, RepeatedLookupsGiveTheSameAnswer) {
    TempTree tree(
        {
            {"app/src/main.ts", ""},
            {"app/node_modules/.pnpm/p@1.0.0/node_modules/p/package.json",
             R"({"name": "p", "version": "1.0.0",
                 "exports": {".": "./main.js", "./sub/*": {"perry": "./perry/*.ts"}}})"},
            {"app/node_modules/.pnpm/p@1.0.0/node_modules/p/main.js", ""},
            {"app/node_modules/.pnpm/p@1.0.0/node_modules/p/perry/x.ts", ""},
            {"app/node_modules/@s/n/package.json", native_package("@s/n", "0.5")},
            {"app/node_modules/broken/package.json", "{"},
        },
        {{"app/node_modules/p", ".pnpm/p@1.0.0/node_modules/p"}});
    Resolver resolver(table_, {});
    for (const char* specifier : {"p", "p/sub/x", "@s/n", "broken", "missing"}) {
        const Resolution first = resolver.resolve(specifier, tree.path("app/src/main.ts"));
        const Resolution second = resolver.resolve(specifier, tree.path("app/src"));
        SCOPED_TRACE(specifier);
        EXPECT_EQ(first.kind, second.kind);
        EXPECT_EQ(first.version, second.version);
        EXPECT_EQ(first.dir, second.dir);
        EXPECT_EQ(first.entry, second.entry);
        EXPECT_EQ(first.condition, second.condition);
        EXPECT_EQ(first.errors, second.errors);
        EXPECT_EQ(first.warnings, second.warnings);
        EXPECT_EQ(first.looked_in, second.looked_in);
        EXPECT_EQ(first.native, second.native) << "every import of a package shares its details";
    }
    const Resolution p = resolver.resolve("p/sub/x", tree.path("app"));
    EXPECT_EQ(p.dir, tree.path("app/node_modules/.pnpm/p@1.0.0/node_modules/p"));
    EXPECT_EQ(p.entry, tree.path("app/node_modules/.pnpm/p@1.0.0/node_modules/p/perry/x.ts"));
    EXPECT_EQ(p.condition, "perry");
    EXPECT_TRUE(p.warnings.empty());
}

TEST_F(ResolveCache, TwoLinksToOnePackageShareItsNativeDetails) {
    TempTree tree({{"store/n/package.json", native_package("n", "0.5")}},
                  {{"a/node_modules/n", "../../store/n"}, {"b/node_modules/n", "../../store/n"}});
    Resolver resolver(table_, {});
    const Resolution from_a = resolver.resolve("n", tree.path("a"));
    const Resolution from_b = resolver.resolve("n", tree.path("b"));
    ASSERT_EQ(from_a.kind, ResolutionKind::Native);
    EXPECT_EQ(from_a.dir, tree.path("store/n"));
    EXPECT_EQ(from_b.dir, tree.path("store/n"));
    EXPECT_EQ(from_a.native, from_b.native);
    EXPECT_EQ(from_a.looked_in.back(), tree.path("a/node_modules/n"));
    EXPECT_EQ(from_b.looked_in.back(), tree.path("b/node_modules/n"));
}

TEST_F(ResolveCache, MoreNodeModulesThanItKeepsOpenStillResolve) {
    // A Resolver keeps up to 256 listed directories open and reaches files below the others by
    // their whole path: 300 nested node_modules take both ways.
    TempTree tree({});
    for (int i = 0; i < 300; ++i) {
        const std::string n = "n" + std::to_string(i);
        tree.write("app/node_modules/p" + std::to_string(i) + "/node_modules/" + n +
                       "/package.json",
                   js_package(n, "1." + std::to_string(i) + ".0"));
        tree.write("app/node_modules/p" + std::to_string(i) + "/node_modules/" + n + "/index.js",
                   "");
    }
    Resolver resolver(table_, {});
    for (int i = 0; i < 300; ++i) {
        const std::string p = "app/node_modules/p" + std::to_string(i);
        const std::string n = "n" + std::to_string(i);
        const Resolution r = resolver.resolve(n, tree.path(p));
        ASSERT_EQ(r.kind, ResolutionKind::Js) << n;
        EXPECT_EQ(r.version, "1." + std::to_string(i) + ".0");
        EXPECT_EQ(r.dir, tree.path(p + "/node_modules/" + n));
        EXPECT_EQ(r.entry, tree.path(p + "/node_modules/" + n + "/index.js"));
        EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
    }
}

TEST_F(ResolveCache, RunningOutOfDescriptorsIsNoMissingPackage) {
    // The Resolver keeps node_modules directories open and closes package.json files in
    // batches; with few descriptors left it must give them back rather than report packages as
    // missing.
    TempTree tree({});
    for (int i = 0; i < 60; ++i) {
        const std::string dir = "app/node_modules/p" + std::to_string(i) + "/node_modules/n";
        tree.write(dir + "/package.json", js_package("n", std::to_string(i) + ".0.0"));
        tree.write(dir + "/index.js", "");
    }
    test::with_spare_descriptors(12, [&] {
        Resolver resolver(table_, {});
        for (int i = 0; i < 60; ++i) {
            const Resolution r =
                resolver.resolve("n", tree.path("app/node_modules/p" + std::to_string(i)));
            EXPECT_EQ(r.version, std::to_string(i) + ".0.0") << i;
            EXPECT_TRUE(r.warnings.empty()) << i << ": " << r.warnings.front();
        }
    });
}

} // namespace
} // namespace perry::resolver
