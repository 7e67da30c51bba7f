// End to end: `perry native lock`, `perry native link --frozen` and `perry native doctor` on a
// program with real native packages (the C++ every-type binding built from source through the
// cache, a C package with a prebuilt archive made here). Transcripts are golden (golden/lock);
// doctor's checks name tool versions, so its JSON is checked field by field.
#include "link_run_fixture.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

namespace perry::cli::test {
namespace {

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string sha256_of(const fs::path& file) {
    const linker::ProcessResult result = linker::run_process({"sha256sum", file.string()});
    return result.out.substr(0, 64);
}

class LockTest : public LinkRunTest {
  protected:
    fs::path app() const { return scratch.path() / "app"; }
    fs::path tiny_archive() const { return app() / "node_modules/tiny/prebuilt/linux/libtiny.a"; }

    // (Re)builds tiny's prebuilt archive from a C function returning `factor * x`.
    void build_tiny(int factor) const {
        scratch.write("tiny-src/tiny.c", "double js_tiny_triple(double x) { return " +
                                             std::to_string(factor) + " * x; }\n");
        fs::create_directories(tiny_archive().parent_path());
        fs::remove(tiny_archive());
        scratch.archive("app/node_modules/tiny/prebuilt/linux/libtiny.a", {"tiny-src/tiny.c"});
    }

    // The program: every-type (built from source) and tiny (a prebuilt), and its main.o.
    void make_program() const {
        scratch.run({"cp", "-R", kEveryType.string(), (scratch.path() / "every-type").string()});
        fs::create_directories(app() / "node_modules/@perry-tests");
        fs::rename(scratch.path() / "every-type", app() / "node_modules/@perry-tests/every-type");
        scratch.write("app/node_modules/tiny/package.json",
                      R"({ "name": "tiny", "version": "1.0.0", "perry": { "nativeLibrary": {)"
                      R"( "abiVersion": "0.5", "functions": [ { "name": "js_tiny_triple",)"
                      R"( "params": ["number"], "returns": "number" } ], "targets": { "linux":)"
                      R"( { "prebuilt": "prebuilt/linux/libtiny.a" } } } } })"
                      "\n");
        build_tiny(3);
        scratch.write("app/package.json",
                      R"({ "name": "app", "version": "1.0.0", "dependencies": )"
                      R"({ "@perry-tests/every-type": "0.1.0", "tiny": "1.0.0" } })"
                      "\n");
        scratch.write("app/main.c",
                      "#include <perry/ffi.h>\n#include <stdio.h>\n"
                      "double js_every_double_number(double);\n"
                      "double js_tiny_triple(double);\n"
                      "int main(void) {\n  perry_runtime_init(NULL);\n"
                      "  printf(\"%g\\n\", js_tiny_triple(js_every_double_number(7)));\n"
                      "  return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;\n}\n");
        scratch.run({"cc", "-c", (app() / "main.c").string(),
                     "-I" + (kSource / "ffi-runtime/include").string(), "-o",
                     (app() / "main.o").string()});
    }
};

TEST_F(LockTest, LocksTwoPackagesAndLinkFrozenRefusesAChangedArchive) {
    make_program();
    const std::string first_hash = sha256_of(tiny_archive());

    const PerryRun lock = perry({"lock"}, app());
    ASSERT_EQ(lock.exit_code, 0) << lock.err;
    EXPECT_TRUE(golden("lock", "two_packages", lock));
    const std::string locked = read_text(app() / "perry.lock");
    EXPECT_TRUE(perry::testing::matches_golden(fs::path(PERRY_GOLDEN_DIR) / "lock/perry_lock.txt",
                                               normalise(locked)));
    EXPECT_NE(locked.find("sha256 = \"" + first_hash + "\""), std::string::npos) << locked;

    // Nothing changed: nothing is written, and --frozen agrees.
    const auto written_at = fs::last_write_time(app() / "perry.lock");
    const PerryRun again = perry({"lock"}, app());
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("perry.lock is up to date\n"), std::string::npos) << again.out;
    EXPECT_EQ(fs::last_write_time(app() / "perry.lock"), written_at);
    const PerryRun frozen_json = perry({"lock", "--frozen", "--json"}, app());
    EXPECT_EQ(frozen_json.exit_code, 0) << frozen_json.err;
    const nlohmann::json report = nlohmann::json::parse(frozen_json.out, nullptr, false);
    EXPECT_EQ(report.value("written", true), false);
    EXPECT_EQ(report["changes"], nlohmann::json::array());
    ASSERT_EQ(report["archives"].size(), 2u) << frozen_json.out;
    EXPECT_EQ(report["archives"][1].value("package", ""), "tiny");
    EXPECT_EQ(report["archives"][1].value("source", ""), "prebuilt");
    EXPECT_EQ(report["archives"][1].value("sha256", ""), first_hash);
    EXPECT_EQ(report["archives"][0].value("build_key", "").size(), 64u);
    const PerryRun linked = perry({"link", "main.o", "-o", "program", "--frozen"}, app());
    EXPECT_EQ(linked.exit_code, 0) << linked.err;

    // A changed prebuilt: link --frozen refuses it before linking, naming both hashes.
    build_tiny(4);
    const std::string second_hash = sha256_of(tiny_archive());
    ASSERT_NE(first_hash, second_hash);
    fs::remove(app() / "program");
    const PerryRun refused = perry({"link", "main.o", "-o", "program", "--frozen"}, app());
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("locked sha256 " + first_hash + ", found " + second_hash),
              std::string::npos)
        << refused.err;
    EXPECT_TRUE(golden("lock", "link_frozen_refuses", refused));
    EXPECT_FALSE(fs::exists(app() / "program"));

    // lock --frozen sees the drift and writes nothing.
    const PerryRun drift = perry({"lock", "--frozen"}, app());
    EXPECT_EQ(drift.exit_code, 1);
    EXPECT_NE(drift.err.find("would change: tiny linux/x86_64: sha256 \"" + first_hash +
                             "\" -> \"" + second_hash + "\""),
              std::string::npos)
        << drift.err;
    EXPECT_EQ(read_text(app() / "perry.lock"), locked);

    // --update re-records tiny alone; every-type's entry stays as it was.
    const PerryRun update = perry({"lock", "--update", "tiny"}, app());
    EXPECT_EQ(update.exit_code, 0) << update.err;
    EXPECT_TRUE(golden("lock", "update", update));
    const std::string updated = read_text(app() / "perry.lock");
    EXPECT_NE(updated.find("sha256 = \"" + second_hash + "\""), std::string::npos) << updated;
    EXPECT_EQ(updated.substr(0, updated.find("package = \"tiny\"")),
              locked.substr(0, locked.find("package = \"tiny\"")));
    const PerryRun relinked = perry({"link", "main.o", "-o", "program", "--frozen"}, app());
    EXPECT_EQ(relinked.exit_code, 0) << relinked.err;
    linker::ProcessOptions options;
    options.cwd = app().string();
    EXPECT_EQ(linker::run_process({(app() / "program").string()}, options).out, "56\n");
}

TEST_F(LockTest, LinkFrozenRefusesAPackageTheLockLacks) {
    make_program();
    const PerryRun no_lock = perry({"link", "main.o", "-o", "program", "--frozen"}, app());
    EXPECT_EQ(no_lock.exit_code, 1);
    EXPECT_TRUE(golden("lock", "link_frozen_no_lock", no_lock));

    scratch.write("app/perry.lock", "version = 1\n");
    const PerryRun lacking = perry({"link", "main.o", "-o", "program", "--frozen"}, app());
    EXPECT_EQ(lacking.exit_code, 1);
    EXPECT_TRUE(golden("lock", "link_frozen_lacks", lacking));
    EXPECT_FALSE(fs::exists(app() / "program"));
}

TEST_F(LockTest, AMalformedLockIsAnErrorWithItsLineAndColumn) {
    make_program();
    scratch.write("app/perry.lock", "version = 1\n\n[[archive]\npackage = \"tiny\"\n");
    const PerryRun lock = perry({"lock"}, app());
    EXPECT_EQ(lock.exit_code, 2);
    EXPECT_TRUE(golden("lock", "malformed", lock));
    const PerryRun link = perry({"link", "main.o", "-o", "program", "--frozen"}, app());
    EXPECT_EQ(link.exit_code, 2);
    EXPECT_NE(link.err.find("perry.lock:3:11: "), std::string::npos) << link.err;

    scratch.write("app/perry.lock", "version = 1\n[[archive]]\npackage = 3\n");
    const PerryRun wrong_type = perry({"lock"}, app());
    EXPECT_EQ(wrong_type.exit_code, 2);
    EXPECT_TRUE(golden("lock", "wrong_type", wrong_type));

    const PerryRun both = perry({"lock", "--frozen", "--update", "tiny"}, app());
    EXPECT_EQ(both.exit_code, 2);
    const PerryRun unknown = perry({"lock", "--update", "not-imported"}, app());
    EXPECT_EQ(unknown.exit_code, 2);
}

// doctor's checks with a PATH made of symlinks to the tools a test keeps.
class DoctorTest : public LockTest {
  protected:
    fs::path tool_dir(const std::vector<std::string>& tools) const {
        const fs::path dir = scratch.path() / "tools";
        fs::remove_all(dir);
        fs::create_directories(dir);
        for (const std::string& tool : tools) {
            const std::optional<std::string> found = linker::find_program(tool);
            if (found)
                fs::create_symlink(*found, dir / tool);
        }
        return dir;
    }

    // The environment of a perry that finds only `tools`: PATH, no ~/.cargo/bin, no CC or CXX.
    std::vector<std::pair<std::string, std::string>>
    only_tools(const std::vector<std::string>& tools) const {
        return {{"PATH", tool_dir(tools).string()},
                {"HOME", scratch.path().string()},
                {"CC", ""},
                {"CXX", ""},
                {"RUSTC", ""}};
    }

    // `doctor --json` with only `tools` on PATH.
    nlohmann::json doctor(const std::vector<std::string>& args,
                          const std::vector<std::string>& tools, int& exit_code) const {
        std::vector<std::string> argv = {"doctor", "--json"};
        argv.insert(argv.end(), args.begin(), args.end());
        const PerryRun run = perry(argv, app(), only_tools(tools));
        exit_code = run.exit_code;
        EXPECT_TRUE(nlohmann::json::accept(run.out)) << run.out << run.err;
        return nlohmann::json::parse(run.out, nullptr, false);
    }

    static nlohmann::json check(const nlohmann::json& checks, const std::string& id) {
        for (const nlohmann::json& c : checks) {
            if (c.value("id", "") == id)
                return c;
        }
        ADD_FAILURE() << "no check " << id << " in " << checks.dump(2);
        return nlohmann::json::object();
    }
};

const std::vector<std::string> kCppTools = {"cc", "c++", "cmake", "ninja", "pkg-config"};

TEST_F(DoctorTest, CargoMissingFailsItsCheckButNotACppProject) {
    make_program();
    int exit_code = -1;
    const nlohmann::json checks = doctor({"."}, kCppTools, exit_code);
    EXPECT_EQ(exit_code, 0) << checks.dump(2);
    const nlohmann::json cargo = check(checks, "cargo");
    EXPECT_EQ(cargo.value("ok", true), false);
    EXPECT_EQ(cargo.value("matters", true), false);
    EXPECT_NE(cargo.value("hint", "").find("install Rust"), std::string::npos) << cargo.dump();
    EXPECT_EQ(check(checks, "cxx-compiler").value("ok", false), true);
    EXPECT_EQ(check(checks, "cxx-compiler").value("matters", false), true);
    for (const nlohmann::json& c : checks) {
        for (const char* field : {"id", "name", "version", "hint"})
            EXPECT_TRUE(c.contains(field) && c[field].is_string()) << c.dump();
        EXPECT_TRUE(c.contains("ok") && c["ok"].is_boolean()) << c.dump();
    }
    const nlohmann::json every_type = check(checks, "import:@perry-tests/every-type");
    EXPECT_EQ(every_type.value("ok", false), true);
    EXPECT_EQ(check(checks, "target:@perry-tests/every-type").value("version", ""),
              "build (cmake)");
    EXPECT_EQ(check(checks, "target:tiny").value("version", "").rfind("prebuilt ", 0), 0u);
    EXPECT_EQ(check(checks, "runtime-library").value("ok", false), true);
    EXPECT_EQ(check(checks, "well-known-table").value("ok", false), true);
}

TEST_F(DoctorTest, AMissingCppCompilerFailsForACppPackage) {
    make_program();
    int exit_code = -1;
    const nlohmann::json checks = doctor({"."}, {"cc", "cmake", "ninja"}, exit_code);
    EXPECT_EQ(exit_code, 1);
    const nlohmann::json cxx = check(checks, "cxx-compiler");
    EXPECT_EQ(cxx.value("ok", true), false);
    EXPECT_EQ(cxx.value("matters", false), true);
    EXPECT_NE(cxx.value("hint", "").find("`c++` is not on PATH"), std::string::npos);
}

TEST_F(DoctorTest, ReportsAnUnresolvedImportAndAPrebuiltDifferingFromTheLock) {
    make_program();
    ASSERT_EQ(perry({"lock"}, app()).exit_code, 0);
    build_tiny(5);
    scratch.write("app/package.json", R"({ "name": "app", "version": "1.0.0", "dependencies": )"
                                      R"({ "tiny": "1.0.0", "not-installed": "1" } })"
                                      "\n");
    int exit_code = -1;
    const nlohmann::json checks = doctor({"."}, kCppTools, exit_code);
    EXPECT_EQ(exit_code, 1);
    const nlohmann::json missing = check(checks, "import:not-installed");
    EXPECT_EQ(missing.value("ok", true), false);
    EXPECT_NE(missing.value("hint", "").find("cannot resolve \"not-installed\""), std::string::npos)
        << missing.dump();
    const nlohmann::json lock = check(checks, "lock:tiny");
    EXPECT_EQ(lock.value("ok", true), false);
    EXPECT_NE(lock.value("hint", "").find("differs from perry.lock"), std::string::npos);
}

TEST_F(DoctorTest, APrebuiltOlderThanItsSourcesIsAWarning) {
    make_program();
    scratch.write("app/node_modules/tiny/CMakeLists.txt", "project(tiny C)\n");
    scratch.write("app/node_modules/tiny/src/tiny.c", "double js_tiny_triple(double x);\n");
    fs::last_write_time(tiny_archive(),
                        fs::last_write_time(app() / "node_modules/tiny/src/tiny.c") -
                            std::chrono::hours(1));
    int exit_code = -1;
    const nlohmann::json checks = doctor({"."}, kCppTools, exit_code);
    EXPECT_EQ(exit_code, 0) << checks.dump(2);
    const nlohmann::json age = check(checks, "prebuilt-age:tiny");
    EXPECT_EQ(age.value("ok", true), false);
    EXPECT_EQ(age.value("matters", true), false);
    EXPECT_NE(age.value("hint", "").find("is older than its source"), std::string::npos)
        << age.dump();
    for (const nlohmann::json& c : checks) // built from source: no prebuilt to date
        EXPECT_NE(c.value("id", ""), "prebuilt-age:@perry-tests/every-type");
}

TEST_F(DoctorTest, BadUsageExitsTwo) {
    scratch.write("app/package.json", "{}\n");
    EXPECT_EQ(perry({"doctor", "--target", "plan9"}, app()).exit_code, 2);
    EXPECT_EQ(perry({"doctor", "no-such-dir"}, app()).exit_code, 2);
}

} // namespace
} // namespace perry::cli::test

namespace perry::cli::test {
namespace {

// With no tool on PATH every line is stable: the human output is golden.
TEST_F(DoctorTest, WithNoToolsEveryToolCheckFailsWithItsHint) {
    scratch.write("app/package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n");
    const PerryRun run = perry({"doctor"}, app(), only_tools({}));
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(golden("doctor", "no_tools", run));
}

} // namespace
} // namespace perry::cli::test
