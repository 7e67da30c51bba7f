// The fixture of the end-to-end CLI tests (link_run_test.cpp, lock_doctor_test.cpp): runs the
// real `perry native ...` in a scratch directory with a scratch build cache, and compares the
// normalised transcript with golden/<suite>/<name>.txt.
#pragma once

#include "golden.h"
#include "golden_support.h"

#include "perry/linker/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace perry::cli::test {

namespace fs = std::filesystem;

inline const fs::path kSource = PERRY_SOURCE_DIR;
inline const fs::path kEveryType = kSource / "tests/e2e/every-type";
inline const fs::path kRustBinding = kSource / "tests/e2e/rust-binding";

struct PerryRun {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::string transcript; // normalised: command, exit code, stdout, stderr
};

inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); !from.empty() && at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

class LinkRunTest : public ::testing::Test {
  protected:
    Scratch scratch;
    fs::path cache() const { return scratch.path() / "cache"; }

    std::string normalise(std::string text) const {
        text = replace_all(text, cache().string(), "<cache>");
        text = replace_all(text, scratch.path().string(), "<scratch>");
        text = replace_all(text, PERRY_BUILD_DIR, "<build>");
        text = replace_all(text, kSource.string(), "<source>");
        text = std::regex_replace(text, std::regex(R"(\((\d+\.\d+) s\))"), "(<time>)");
        text = std::regex_replace(text, std::regex("[0-9a-f]{64}"), "<key>");
        return text;
    }

    // `extra_env` is added to (or replaces in) the environment, after the test's own variables.
    PerryRun perry(const std::vector<std::string>& args, const fs::path& cwd = {},
                   const std::vector<std::pair<std::string, std::string>>& extra_env = {}) const {
        std::vector<std::string> argv = {PERRY_BIN, "native"};
        argv.insert(argv.end(), args.begin(), args.end());
        linker::ProcessOptions options;
        options.cwd = (cwd.empty() ? scratch.path() : cwd).string();
        options.env = {{"NO_COLOR", "1"},
                       {"PERRY_CACHE_DIR", cache().string()},
                       {"RUST_BACKTRACE", "0"},
                       {"CARGO_NET_OFFLINE", "true"}};
        options.env.insert(options.env.end(), extra_env.begin(), extra_env.end());
        const linker::ProcessResult result = linker::run_process(argv, options);
        PerryRun run;
        run.exit_code = result.exit_code;
        run.out = result.out;
        run.err = result.err;
        std::string command = "perry native";
        for (const std::string& arg : args)
            command += " " + arg;
        run.transcript = normalise("$ " + command + "\nexit: " + std::to_string(run.exit_code) +
                                   "\n--- stdout\n" + result.out + "--- stderr\n" + result.err);
        return run;
    }

    ::testing::AssertionResult golden(const std::string& suite, const std::string& name,
                                      const PerryRun& run) const {
        return perry::testing::matches_golden(fs::path(PERRY_GOLDEN_DIR) / suite / (name + ".txt"),
                                              run.transcript);
    }

    // A CMake C binding in the scratch directory: `functions` is C source, `names` its manifest
    // entries ({"name": ..., "params": [...], "returns": ...} objects, comma-separated).
    fs::path c_package(const std::string& dir, const std::string& name, const std::string& lib,
                       const std::string& functions, const std::string& names,
                       const std::string& cmake_extra = "") const {
        scratch.write(dir + "/package.json",
                      "{ \"name\": \"" + name +
                          "\", \"version\": \"1.0.0\", \"perry\": { "
                          "\"nativeLibrary\": { \"abiVersion\": \"0.5\", \"functions\": [" +
                          names + "], \"targets\": { \"linux\": { \"crate\": \".\", \"lib\": \"" +
                          lib + "\" } } } } }\n");
        scratch.write(dir + "/CMakeLists.txt",
                      "cmake_minimum_required(VERSION 3.20)\nproject(" + lib + " C)\n" +
                          cmake_extra + "find_package(PerryFFI 0.5 CONFIG REQUIRED)\nadd_library(" +
                          lib + " STATIC lib.c)\ntarget_link_libraries(" + lib +
                          " PUBLIC Perry::ffi)\n");
        scratch.write(dir + "/lib.c", "#include <perry/ffi.h>\n" + functions);
        return scratch.path() / dir;
    }
};

} // namespace perry::cli::test
