#include "golden_support.h"

#include "golden.h"

#include "perry/linker/process.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace perry::cli::test {
namespace fs = std::filesystem;

Scratch::Scratch() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("perry-golden-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
}

Scratch::~Scratch() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

void Scratch::write(const std::string& relative, const std::string& text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

void Scratch::run(const std::vector<std::string>& argv) const {
    linker::ProcessOptions options;
    options.cwd = path_.string();
    const linker::ProcessResult result = linker::run_process(argv, options);
    std::string command;
    for (const std::string& arg : argv)
        command += arg + " ";
    ASSERT_TRUE(result.ok()) << command << "\n" << result.error << result.err;
}

void Scratch::archive(const std::string& archive, const std::vector<std::string>& sources,
                      const std::vector<std::string>& compile, const std::string& archiver) const {
    std::vector<std::string> ar = {archiver, "rcs", archive};
    for (const std::string& source : sources) {
        const std::string object = fs::path(source).replace_extension(".o").string();
        std::vector<std::string> argv = compile;
        argv.insert(argv.end(), {"-c", source, "-o", object});
        run(argv);
        ar.push_back(object);
    }
    fs::create_directories((path_ / archive).parent_path());
    run(ar);
}

::testing::AssertionResult matches_golden_run(const std::string& suite, const std::string& name,
                                              const std::vector<std::string>& args,
                                              const fs::path& cwd) {
    std::vector<std::string> argv = {PERRY_BIN, "native"};
    argv.insert(argv.end(), args.begin(), args.end());
    linker::ProcessOptions options;
    options.cwd = cwd.string();
    options.env = {{"NO_COLOR", "1"}};
    const linker::ProcessResult result = linker::run_process(argv, options);
    if (!result.started) {
        return ::testing::AssertionFailure() << "perry did not start: " << result.error;
    }
    std::string command = "perry native";
    for (const std::string& arg : args)
        command += " " + arg;
    std::ostringstream transcript;
    transcript << "$ " << command << "\nexit: " << result.exit_code << "\n--- stdout\n"
               << result.out << "--- stderr\n"
               << result.err;
    return perry::testing::matches_golden(fs::path(PERRY_GOLDEN_DIR) / suite / (name + ".txt"),
                                          transcript.str());
}

} // namespace perry::cli::test
