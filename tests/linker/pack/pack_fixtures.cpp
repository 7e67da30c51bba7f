#include "pack_fixtures.h"

#include <fstream>

namespace perry::linker::test {

namespace fs = std::filesystem;

const std::vector<PackFixture>& pack_fixtures() {
    static const std::vector<PackFixture> fixtures = {
        // No `files`, no ignore file: everything but what npm always leaves out.
        {"defaults",
         {{"package.json", R"({ "name": "defaults", "version": "1.0.0", "main": "index.js" })"},
          {"index.js", "1"},
          {"README.md", "r"},
          {"LICENSE", "l"},
          {"lib/a.js", "a"},
          {".npmrc", "x"},
          {"sub/.npmrc", "x"},
          {"package-lock.json", "{}"},
          {"sub/package-lock.json", "{}"},
          {"yarn.lock", ""},
          {"node_modules/dep/index.js", "d"},
          {".git/config", "g"},
          {"src/.DS_Store", "d"},
          {"notes.orig", "o"},
          {".a.swp", "s"},
          {"npm-debug.log", "n"},
          {"._resource", "r"},
          {"build/config.gypi", "c"},
          {"build/out.txt", "o"}},
         {"LICENSE", "README.md", "build/out.txt", "index.js", "lib/a.js", "package.json",
          "sub/package-lock.json"}},
        // `files` with a directory, a file, a glob and a trailing `/*`; README, LICENSE and
        // `main` come along; a nested .npmignore still applies inside a listed directory.
        {"files",
         {{"package.json", R"({ "name": "@acme/files", "version": "2.0.0", "main": "index.js",)"
                           R"( "bin": { "tool": "./bin/tool.js" },)"
                           R"( "files": ["lib", "docs/guide.md", "types/*.d.ts", "prebuilt/*"] })"},
          {"index.js", "1"},
          {"bin/tool.js", "t"},
          {"bin/other.js", "o"},
          {"README.md", "r"},
          {"README.md~", "backup"},
          {"licence.txt", "l"},
          {"CHANGELOG.md", "c"},
          {"lib/a.js", "a"},
          {"lib/a.js.map", "m"},
          {"lib/.npmignore", "*.map\n"},
          {"lib/deep/b.js", "b"},
          {"docs/guide.md", "g"},
          {"docs/other.md", "o"},
          {"types/index.d.ts", "t"},
          {"types/extra.ts", "x"},
          {"prebuilt/linux/libx.a", "!<arch>\n"},
          {"src/main.cpp", "s"},
          {".npmignore", "lib\n"}},
         {"README.md", "bin/tool.js", "docs/guide.md", "index.js", "lib/a.js", "lib/deep/b.js",
          "licence.txt", "package.json", "prebuilt/linux/libx.a", "types/index.d.ts"}},
        // `.npmignore` wins over `.gitignore`; anchored and directory rules; a re-inclusion.
        {"npmignore",
         {{"package.json", R"({ "name": "npmignore", "version": "1.0.0" })"},
          {".npmignore", "# tests stay home\ntest/\n*.log\n!keep.log\n/build\n"},
          {".gitignore", "index.js\n"},
          {"index.js", "1"},
          {"test/t.js", "t"},
          {"a.log", "a"},
          {"keep.log", "k"},
          {"build/out.o", "o"},
          {"sub/build/x.o", "x"}},
         {"index.js", "keep.log", "package.json", "sub/build/x.o"}},
        // Only `.gitignore`, at the root and nested.
        {"gitignore",
         {{"package.json", R"({ "name": "gitignore", "version": "1.0.0" })"},
          {".gitignore", "dist/\n*.tmp\n"},
          {"src/.gitignore", "secret.js\n"},
          {"src/a.js", "a"},
          {"src/secret.js", "s"},
          {"dist/x.js", "x"},
          {"a.tmp", "t"},
          {"COPYING", "c"}},
         {"COPYING", "package.json", "src/a.js"}},
        // Globstar and negation in `files`.
        {"globs",
         {{"package.json", R"({ "name": "globs", "version": "1.0.0",)"
                           R"( "files": ["**/*.js", "!test/**", "./assets"] })"},
          {"a.js", "a"},
          {"lib/b.js", "b"},
          {"lib/deep/c.js", "c"},
          {"lib/deep/c.ts", "c"},
          {"test/t.js", "t"},
          {"assets/logo.svg", "s"},
          {"other/assets/x.txt", "x"}},
         {"a.js", "assets/logo.svg", "lib/b.js", "lib/deep/c.js", "package.json"}},
        // npm's quirk: `build` matches the directory only, so once `!build/keep.a` opens it,
        // every file in it is packed.
        {"reinclude",
         {{"package.json", R"({ "name": "reinclude", "version": "1.0.0" })"},
          {".npmignore", "build\n!build/keep.a\n"},
          {"build/keep.a", "k"},
          {"build/other.o", "o"}},
         {"build/keep.a", "build/other.o", "package.json"}},
    };
    return fixtures;
}

void write_fixture(const PackFixture& fixture, const fs::path& dir) {
    for (const auto& [relative, text] : fixture.files) {
        const fs::path file = dir / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }
}

} // namespace perry::linker::test
