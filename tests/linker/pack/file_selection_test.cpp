// npm's file selection: each fixture's packed list exactly (pack_fixtures.cpp), the same list as
// the real `npm pack --dry-run --json` gives (skipped when npm is not installed), and the
// refusals (paths that leave the package, absolute paths, symlinks out, unsupported globs).
#include "pack/file_selection.h"
#include "pack_fixtures.h"

#include "../test_support.h"
#include "perry/linker/process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace perry::linker::test {
namespace {

namespace fs = std::filesystem;

pack::SelectionFields fields_of(const fs::path& dir) {
    const nlohmann::json manifest =
        nlohmann::json::parse(read_all((dir / "package.json").string()));
    pack::SelectionFields fields;
    if (manifest.contains("files"))
        fields.files = manifest["files"].get<std::vector<std::string>>();
    if (manifest.contains("main"))
        fields.required.push_back({"/main", manifest["main"]});
    if (manifest.contains("bin")) {
        for (const auto& [name, path] : manifest["bin"].items())
            fields.required.push_back({"/bin/" + name, path});
    }
    return fields;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items)
        text += item + "\n";
    return text;
}

std::string diagnostics_text(const pack::Selection& selection) {
    std::string text;
    for (const resolver::Diagnostic& diagnostic : selection.diagnostics)
        text += diagnostic.format() + "\n";
    return text;
}

TEST(FileSelection, EachFixtureSelectsWhatNpmPacks) {
    for (const PackFixture& fixture : pack_fixtures()) {
        TempDir dir;
        write_fixture(fixture, dir.path());
        const pack::Selection selection =
            pack::select_files(dir.path(), "package.json", fields_of(dir.path()));
        EXPECT_FALSE(selection.bad_input) << fixture.name << "\n" << diagnostics_text(selection);
        EXPECT_EQ(joined(selection.files), joined(fixture.packed)) << fixture.name;
    }
}

TEST(FileSelection, MatchesNpmPackDryRun) {
    const std::optional<std::string> npm = find_program("npm");
    if (!npm)
        GTEST_SKIP() << "npm is not installed: the comparison with npm pack needs it";
    for (const PackFixture& fixture : pack_fixtures()) {
        TempDir dir;
        TempDir npm_cache; // outside the package: npm writes its logs there
        write_fixture(fixture, dir.path());
        ProcessOptions options;
        options.cwd = dir.path().string();
        options.env = {{"npm_config_cache", npm_cache.path().string()},
                       {"npm_config_update_notifier", "false"},
                       {"npm_config_offline", "true"}};
        const ProcessResult result =
            run_process({*npm, "pack", "--dry-run", "--json", "--ignore-scripts"}, options);
        ASSERT_EQ(result.exit_code, 0) << fixture.name << "\n" << result.err;
        const nlohmann::json report = nlohmann::json::parse(result.out);
        std::vector<std::string> npm_files;
        for (const nlohmann::json& file : report.at(0).at("files"))
            npm_files.push_back(file.at("path"));
        std::sort(npm_files.begin(), npm_files.end());
        const pack::Selection ours =
            pack::select_files(dir.path(), "package.json", fields_of(dir.path()));
        EXPECT_EQ(joined(ours.files), joined(npm_files)) << fixture.name;
    }
}

pack::Selection select_with_files(const TempDir& dir, const std::vector<std::string>& files) {
    write_file(dir / "package.json", R"({ "name": "x", "version": "1.0.0" })");
    pack::SelectionFields fields;
    fields.files = files;
    return pack::select_files(dir.path(), "package.json", fields);
}

TEST(FileSelection, AFilesEntryThatLeavesThePackageIsRefused) {
    TempDir dir;
    const pack::Selection selection = select_with_files(dir, {"lib", "../secrets"});
    EXPECT_TRUE(selection.bad_input);
    EXPECT_EQ(diagnostics_text(selection),
              "perry: error: package.json: /files/1: `../secrets` leaves the package directory\n"
              "  fix: keep every packed path inside the package\n");
}

TEST(FileSelection, AnAbsoluteFilesEntryIsRefused) {
    TempDir dir;
    const pack::Selection selection = select_with_files(dir, {"/etc/passwd"});
    EXPECT_TRUE(selection.bad_input);
    EXPECT_EQ(diagnostics_text(selection),
              "perry: error: package.json: /files/0: `/etc/passwd` is an absolute path\n"
              "  fix: write it relative to the package directory (`dist`, not `/dist`)\n");
}

TEST(FileSelection, ASymlinkOutOfThePackageIsRefusedWhetherNamedOrFound) {
    TempDir outside;
    write_file(outside / "secret.txt", "s");
    TempDir dir;
    fs::create_directories(dir.path() / "lib");
    fs::create_symlink(outside.path() / "secret.txt", dir.path() / "lib/leak.txt");
    fs::create_symlink(outside.path(), dir.path() / "elsewhere");
    const pack::Selection found = select_with_files(dir, {"lib"});
    EXPECT_TRUE(found.bad_input);
    EXPECT_EQ(
        diagnostics_text(found),
        "perry: error: package.json: `lib/leak.txt` is a symlink to a path outside the package\n"
        "  fix: copy the file into the package instead of linking to it\n");
    const pack::Selection named = select_with_files(dir, {"elsewhere"});
    EXPECT_TRUE(named.bad_input);
    EXPECT_EQ(
        diagnostics_text(named),
        "perry: error: package.json: /files/0: `elsewhere` is a symlink to a path outside the "
        "package\n  fix: copy the file into the package instead of linking to it\n");
}

TEST(FileSelection, ASymlinkInsideIsLeftOutWithAWarningAsNpmLeavesItOut) {
    TempDir dir;
    write_file(dir / "real.js", "r");
    fs::create_symlink("real.js", dir.path() / "alias.js");
    const pack::Selection selection = select_with_files(dir, {"*.js"});
    EXPECT_FALSE(selection.bad_input);
    EXPECT_EQ(joined(selection.files), "package.json\nreal.js\n");
    EXPECT_EQ(diagnostics_text(selection),
              "perry: warning: package.json: `alias.js` is a symlink; npm packs no symlinks, so it "
              "is left out\n  fix: name the file it points to\n");
}

TEST(FileSelection, AnUnsupportedGlobIsRefusedInFilesAndInIgnoreFiles) {
    TempDir dir;
    const pack::Selection in_files = select_with_files(dir, {"lib/+(a|b).js"});
    EXPECT_TRUE(in_files.bad_input);
    EXPECT_EQ(diagnostics_text(in_files),
              "perry: error: package.json: /files/0: `lib/+(a|b).js`: extended globs (`+(...)`) "
              "are not supported\n  fix: use `*`, `**`, `?`, `[...]`, `{a,b}` or name the files\n");
    TempDir other;
    write_file(other / "package.json", R"({ "name": "x", "version": "1.0.0" })");
    write_file(other / ".npmignore", "# fine\n*.log\nfile\\#1\n");
    const pack::Selection in_ignore = pack::select_files(other.path(), "package.json", {});
    EXPECT_TRUE(in_ignore.bad_input);
    EXPECT_EQ(diagnostics_text(in_ignore),
              "perry: error: .npmignore:3: `file\\#1`: backslash escapes are not supported\n"
              "  fix: rewrite the pattern with `*`, `**`, `?`, `[...]` or `{a,b}`\n");
}

TEST(FileSelection, MainAndBinThatLeaveThePackageAreRefused) {
    TempDir dir;
    write_file(dir / "package.json", R"({ "name": "x", "version": "1.0.0" })");
    pack::SelectionFields fields;
    fields.required.push_back({"/main", "../index.js"});
    const pack::Selection selection = pack::select_files(dir.path(), "package.json", fields);
    EXPECT_TRUE(selection.bad_input);
    EXPECT_EQ(diagnostics_text(selection),
              "perry: error: package.json: /main: `../index.js` leaves the package directory\n"
              "  fix: keep every packed path inside the package\n");
}

} // namespace
} // namespace perry::linker::test
